import pytest

from codemods.catalogue.geomodeladmin import GeoModelAdminToGIS
from tests.codemods.helpers import check_noop, check_transformed

GIS = "from django.contrib.gis import admin\n"
CLS = "\n\n@admin.register(Shop)\nclass ShopAdmin({}):\n    list_display = ('name',)\n"


@pytest.mark.parametrize("before, after", [
    (GIS + CLS.format("admin.OSMGeoAdmin"), GIS + CLS.format("admin.GISModelAdmin")),
    (GIS + CLS.format("admin.GeoModelAdmin"), GIS + CLS.format("admin.GISModelAdmin")),
    ("from django.contrib.gis.admin import OSMGeoAdmin\n" + CLS.format("OSMGeoAdmin"),
     "from django.contrib.gis.admin import GISModelAdmin\n" + CLS.format("GISModelAdmin")),
    ("from django.contrib.gis.admin.options import GeoModelAdmin\n" + CLS.format("GeoModelAdmin"),
     "from django.contrib.gis.admin import GISModelAdmin\n" + CLS.format("GISModelAdmin")),
    # an alias; another name on the same import line stays
    ("from django.contrib.gis.admin import OSMGeoAdmin as MapAdmin, site\n" + CLS.format("MapAdmin"),
     "from django.contrib.gis.admin import site, GISModelAdmin\n" + CLS.format("GISModelAdmin")),
    # the registered admin class
    (GIS + "admin.site.register(Shop, admin.OSMGeoAdmin)\n", GIS + "admin.site.register(Shop, admin.GISModelAdmin)\n"),
    ("from django.contrib.gis.admin import OSMGeoAdmin\nfrom django.contrib import admin\n"
     "admin.site.register(Shop, admin_class=OSMGeoAdmin)\n",
     "from django.contrib.gis.admin import GISModelAdmin\nfrom django.contrib import admin\n"
     "admin.site.register(Shop, admin_class=GISModelAdmin)\n"),
    # options every ModelAdmin has are fine; a nested class's attributes are its own
    (GIS + "\n\nclass A(admin.OSMGeoAdmin):\n    list_filter = ('x',)\n\n    class Media:\n        js = ()\n",
     GIS + "\n\nclass A(admin.GISModelAdmin):\n    list_filter = ('x',)\n\n    class Media:\n        js = ()\n"),
])
def test_transformed(before, after):
    check_transformed(GeoModelAdminToGIS, before, after)


@pytest.mark.parametrize("source", [
    GIS + CLS.format("admin.GISModelAdmin"),
    "from django.contrib import admin\n" + CLS.format("admin.ModelAdmin"),
    "from mylib.admin import OSMGeoAdmin\n" + CLS.format("OSMGeoAdmin"),
    "doc = 'OSMGeoAdmin'\n",
])
def test_noop(source):
    check_noop(GeoModelAdminToGIS, source)


def test_not_in_migrations():
    check_noop(GeoModelAdminToGIS, GIS + CLS.format("admin.OSMGeoAdmin"), filename="app/migrations/0002_x.py")


@pytest.mark.parametrize("body", [
    "    default_lon = 5\n",
    "    default_zoom = 8\n    map_width = 800\n",
    "    openlayers_url = '/static/ol.js'\n",
    "    wms_url = 'http://example.com/wms'\n",
    "    widget = MyWidget\n",
    "    def get_map_widget(self, db_field):\n        return super().get_map_widget(db_field)\n",
    "    def media(self):\n        return self.extra_js\n",
])
def test_old_options_left_and_reported(body):
    check_noop(GeoModelAdminToGIS, GIS + f"\n\nclass A(admin.OSMGeoAdmin):\n{body}", reported=True)


@pytest.mark.parametrize("source", [
    GIS + "ok = isinstance(a, admin.OSMGeoAdmin)\n",
    "try:\n    from django.contrib.gis.admin import OSMGeoAdmin\nexcept ImportError:\n    OSMGeoAdmin = None\n"
    + CLS.format("OSMGeoAdmin"),
    "from django.contrib.gis.admin import *\n" + CLS.format("OSMGeoAdmin"),
    "from django.contrib.gis.admin import OSMGeoAdmin\nGISModelAdmin = None\n" + CLS.format("OSMGeoAdmin"),
])
def test_noop_reported(source):
    check_noop(GeoModelAdminToGIS, source, reported=True)
