import pytest

from codemods.catalogue.ogr_coord_dim import OgrCoordDim
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.contrib.gis.gdal import OGRGeometry\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "geom = OGRGeometry(wkt)\ngeom.coord_dim = 2\n", IMP + "geom = OGRGeometry(wkt)\ngeom.set_3d(False)\n"),
    (IMP + "geom.coord_dim = 3  # with Z\n", IMP + "geom.set_3d(True)  # with Z\n"),
    (IMP + "def f(g):\n    g.coord_dim = 2\n    return g\n", IMP + "def f(g):\n    g.set_3d(False)\n    return g\n"),
    (IMP + "self.geom.coord_dim = 3\n", IMP + "self.geom.set_3d(True)\n"),
])
def test_transformed(before, after):
    check_transformed(OgrCoordDim, before, after, target="5.1")


@pytest.mark.parametrize("source", [
    IMP + "dim = geom.coord_dim\n",
    "geom.coord_dim = 2\n",
    IMP + "geom.set_3d(False)\n",
    "doc = 'coord_dim'\n",
])
def test_noop(source):
    check_noop(OgrCoordDim, source, target="5.1")


@pytest.mark.parametrize("source", [
    IMP + "geom.coord_dim = dims\n",
    IMP + "a.coord_dim = b.coord_dim = 2\n",
    IMP + "geom.coord_dim += 1\n",
])
def test_noop_reported(source):
    check_noop(OgrCoordDim, source, target="5.1", reported=True)
