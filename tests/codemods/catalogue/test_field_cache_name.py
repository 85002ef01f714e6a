import ast

import pytest

from codemods import elide, prune
from codemods.catalogue.field_cache_name import FieldCacheName
from tests.codemods.helpers import check_elided, check_noop, check_transformed

IMP = "from django.db.models import ForeignObject\n"
NEW_IMP = "from django.db.models import ForeignObject\nfrom django.utils.functional import cached_property\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "\n\nclass F(ForeignObject):\n    def get_cache_name(self):\n        return 'tag'\n",
     NEW_IMP + "\n\nclass F(ForeignObject):\n    @cached_property\n    def cache_name(self):\n        return 'tag'\n"),
    (IMP + "\n\nclass F(ForeignObject):\n    def get_cache_name(self):\n        return self.name\n\n    def key(self):\n        return self.get_cache_name()\n",
     NEW_IMP + "\n\nclass F(ForeignObject):\n    @cached_property\n    def cache_name(self):\n        return self.name\n\n    def key(self):\n        return self.cache_name\n"),
    ("from django.utils.functional import cached_property\nfrom django.db.models.fields.mixins import FieldCacheMixin\n\n\n"
     "class D(FieldCacheMixin):\n    def get_cache_name(self):\n        return 'd'\n",
     "from django.utils.functional import cached_property\nfrom django.db.models.fields.mixins import FieldCacheMixin\n\n\n"
     "class D(FieldCacheMixin):\n    @cached_property\n    def cache_name(self):\n        return 'd'\n"),
])
def test_transformed(before, after):
    check_transformed(FieldCacheName, before, after, filename="app/fields.py", target="5.1")


@pytest.mark.parametrize("source", [
    "class F(Other):\n    def get_cache_name(self):\n        return 'x'\n",
    IMP + "\n\nclass F(ForeignObject):\n    @cached_property\n    def cache_name(self):\n        return 'x'\n",
    "x = field.get_cache_name()\n",
    "doc = 'get_cache_name'\n",
])
def test_noop(source):
    check_noop(FieldCacheName, source, filename="app/fields.py", target="5.1")


@pytest.mark.parametrize("source", [
    IMP + "\n\nclass F(ForeignObject):\n    def get_cache_name(self, extra=None):\n        return 'x'\n",
    IMP + "cached_property = None\n\n\nclass F(ForeignObject):\n    def get_cache_name(self):\n        return 'x'\n",
    IMP + "\n\nclass F(ForeignObject):\n    def get_cache_name(self):\n        return 'x'\n\n    def cache_name(self):\n        return 'y'\n",
])
def test_noop_reported(source):
    check_noop(FieldCacheName, source, filename="app/fields.py", target="5.1", reported=True)


# elided: definitions without 'cache_name' are hidden from libcst (check_elided compares the output and
# findings with the whole-file run's); a class's own def cache_name is never hidden
def test_elided():
    check_elided(FieldCacheName,
                 IMP + "\n\ndef other(v):\n    return v\n\n\nclass F(ForeignObject):\n    def helper(self):\n        return 1\n\n"
                 "    def get_cache_name(self):\n        return 'tag'\n",
                 NEW_IMP + "\n\ndef other(v):\n    return v\n\n\nclass F(ForeignObject):\n    def helper(self):\n        return 1\n\n"
                 "    @cached_property\n    def cache_name(self):\n        return 'tag'\n",
                 filename="app/fields.py", target="5.1")


def test_elided_own_cache_name_seen():
    source = (IMP + "\n\ndef other(v):\n    return v\n\n\nclass F(ForeignObject):\n    def get_cache_name(self):\n"
              "        return 'x'\n\n    @property\n    def cache_name(self):\n        return 'y'\n")
    tree = ast.parse(source)
    assert elide.build(source, tree, prune.needles_for(FieldCacheName(), tree)) is not None
    check_noop(FieldCacheName, source, filename="app/fields.py", target="5.1", reported=True)
