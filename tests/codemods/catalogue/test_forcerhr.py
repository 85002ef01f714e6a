import pytest

from codemods.catalogue.forcerhr import ForceRHR
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.contrib.gis.db.models.functions import ForceRHR\nx = ForceRHR('poly')\n",
     "from django.contrib.gis.db.models.functions import ForcePolygonCW\nx = ForcePolygonCW('poly')\n"),
    ("from django.contrib.gis.db.models.functions import ForceRHR as Alias\nx = Alias('poly')\n",
     "from django.contrib.gis.db.models.functions import ForcePolygonCW as Alias\nx = Alias('poly')\n"),
    ("from django.contrib.gis.db.models import functions\nx = functions.ForceRHR('poly')\n",
     "from django.contrib.gis.db.models import functions\nx = functions.ForcePolygonCW('poly')\n"),
    ("import django.contrib.gis.db.models.functions\nx = django.contrib.gis.db.models.functions.ForceRHR('poly')\n",
     "import django.contrib.gis.db.models.functions\nx = django.contrib.gis.db.models.functions.ForcePolygonCW('poly')\n"),
    ('from django.contrib.gis.db.models.functions import ForceRHR\nthings = [ForceRHR, None]\n',
     'from django.contrib.gis.db.models.functions import ForcePolygonCW\nthings = [ForcePolygonCW, None]\n'),
    ("from django.contrib.gis.db.models.functions import Area, ForceRHR\nqs = Zone.objects.annotate(shape=ForceRHR('poly'), a=Area('poly'))\n",
     "from django.contrib.gis.db.models.functions import Area, ForcePolygonCW\nqs = Zone.objects.annotate(shape=ForcePolygonCW('poly'), a=Area('poly'))\n"),
])
def test_transformed(before, after):
    check_transformed(ForceRHR, before, after)


@pytest.mark.parametrize("source", [
    "from mylib.compat import ForceRHR\nx = ForceRHR('poly')\n",
    "x = helpers.ForceRHR('poly')\n",
    "doc = 'ForceRHR is gone'\n",
])
def test_noop(source):
    check_noop(ForceRHR, source)


def test_in_migration():
    check_transformed(ForceRHR, 'from django.contrib.gis.db.models.functions import ForceRHR\nVALUE = ForceRHR\n',
                      'from django.contrib.gis.db.models.functions import ForcePolygonCW\nVALUE = ForcePolygonCW\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(ForceRHR, 'try:\n    from django.contrib.gis.db.models.functions import ForceRHR\nexcept ImportError:\n    ForceRHR = None\n', reported=True)


def test_noop_shadowed():
    check_noop(ForceRHR, 'from django.contrib.gis.db.models.functions import ForceRHR\n\n\ndef ForceRHR(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(ForceRHR, "from django.contrib.gis.db.models.functions import *\nx = ForceRHR('poly')\n", reported=True)
