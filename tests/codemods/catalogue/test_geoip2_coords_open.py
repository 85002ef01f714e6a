import pytest

from codemods.catalogue.geoip2_coords_open import Geoip2CoordsOpen
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.contrib.gis.geoip2 import GeoIP2\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "g = GeoIP2()\nlon, lat = g.coords(ip)\n", IMP + "g = GeoIP2()\nlon, lat = g.lon_lat(ip)\n"),
    (IMP + "lat, lon = g.coords(ip, ordering=('latitude', 'longitude'))\n", IMP + "lat, lon = g.lat_lon(ip)\n"),
    (IMP + "lon, lat = g.coords(ip, ('longitude', 'latitude'))\n", IMP + "lon, lat = g.lon_lat(ip)\n"),
    (IMP + "g = GeoIP2.open('/var/geoip', GeoIP2.MODE_AUTO)\n", IMP + "g = GeoIP2('/var/geoip', GeoIP2.MODE_AUTO)\n"),
    ("from django.contrib.gis import geoip2\ng = geoip2.GeoIP2.open(path, 0)\n", "from django.contrib.gis import geoip2\ng = geoip2.GeoIP2(path, 0)\n"),
])
def test_transformed(before, after):
    check_transformed(Geoip2CoordsOpen, before, after)


@pytest.mark.parametrize("source", [
    "lon, lat = point.coords(1)\n",
    IMP + "g = GeoIP2()\nlon, lat = g.lon_lat(ip)\n",
    IMP + "f = open('x')\n",
    "doc = 'geoip2 coords'\n",
])
def test_noop(source):
    check_noop(Geoip2CoordsOpen, source)


@pytest.mark.parametrize("source", [
    IMP + "x = g.coords(ip, ordering=('latitude',))\n",
    IMP + "x = g.coords(ip, ordering=ORDER)\n",
    IMP + "x = g.coords(*args)\n",
])
def test_noop_reported(source):
    check_noop(Geoip2CoordsOpen, source, reported=True)
