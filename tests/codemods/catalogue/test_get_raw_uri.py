import ast

import pytest

from codemods import elide, prune
from codemods.catalogue.get_raw_uri import GetRawUri as C
from tests.codemods.helpers import check_elided, check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("def view(request):\n    url = request.get_raw_uri()\n",
     "def view(request):\n    url = request.build_absolute_uri()\n"),
    ("class V:\n    def get(self):\n        log(self.request.get_raw_uri())\n",
     "class V:\n    def get(self):\n        log(self.request.build_absolute_uri())\n"),
    ("def f(req):\n    return {'url': req.get_raw_uri(), 'path': req.path}\n",
     "def f(req):\n    return {'url': req.build_absolute_uri(), 'path': req.path}\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after)


def test_in_migration():
    check_transformed(C, "def forwards(apps, schema_editor, request=None):\n    return request.get_raw_uri()\n",
                      "def forwards(apps, schema_editor, request=None):\n    return request.build_absolute_uri()\n",
                      filename="app/migrations/0002_x.py")


def test_other_receiver_reported_request_fixed():
    check_transformed(C, "a = request.get_raw_uri()\nb = link.get_raw_uri()\n",
                      "a = request.build_absolute_uri()\nb = link.get_raw_uri()\n", reported=True)


@pytest.mark.parametrize("source", [
    "url = request.build_absolute_uri()\n",
    "doc = 'get_raw_uri'\n",
    "# request.get_raw_uri() is gone\nx = 1\n",
])
def test_noop(source):
    check_noop(C, source)


@pytest.mark.parametrize("source", [
    "url = link.get_raw_uri()\n",
    "url = request.get_raw_uri('x')\n",
    "fn = request.get_raw_uri\n",
    "class MyRequest:\n    def get_raw_uri(self):\n        return ''\n\n\nurl = request.get_raw_uri()\n",
])
def test_noop_reported(source):
    check_noop(C, source, reported=True)


# elided: definitions without 'get_raw_uri' are hidden from libcst (check_elided compares the output and
# findings with the whole-file run's); a def get_raw_uri holds the needle, so it is always seen
def test_elided():
    check_elided(C, "def other(v):\n    return v\n\n\nclass V:\n    def helper(self):\n        return 1\n\n"
                    "    def get(self):\n        log(self.request.get_raw_uri())\n",
                 "def other(v):\n    return v\n\n\nclass V:\n    def helper(self):\n        return 1\n\n"
                 "    def get(self):\n        log(self.request.build_absolute_uri())\n")


def test_elided_own_definition_seen():
    source = ("def other(v):\n    return v\n\n\nclass R:\n    def get_raw_uri(self):\n        return ''\n\n\n"
              "def view(request):\n    return request.get_raw_uri()\n")
    tree = ast.parse(source)
    assert elide.build(source, tree, prune.needles_for(C(), tree)) is not None
    check_noop(C, source, reported=True)
