import pytest

from codemods.catalogue.httprequest_xreadlines import HttprequestXreadlines
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("for line in request.xreadlines():\n    handle(line)\n", "for line in iter(request):\n    handle(line)\n"),
    ("lines = list(self.request.xreadlines())\n", "lines = list(iter(self.request))\n"),
    ("it = (request).xreadlines()\n", "it = iter((request))\n"),
])
def test_transformed(before, after):
    check_transformed(HttprequestXreadlines, before, after)


@pytest.mark.parametrize("source", [
    "for line in request:\n    handle(line)\n",
    "it = request.xreadlines(10)\n",
    "f = request.xreadlines\n",
    "doc = 'xreadlines'\n",
    "for line in iter(request):\n    pass\n",
])
def test_noop(source):
    check_noop(HttprequestXreadlines, source)


@pytest.mark.parametrize("source", [
    "class R:\n    def xreadlines(self):\n        return []\n\n\nx = R().xreadlines()\n",
    "iter = None\nx = request.xreadlines()\n",
])
def test_noop_reported(source):
    check_noop(HttprequestXreadlines, source, reported=True)
