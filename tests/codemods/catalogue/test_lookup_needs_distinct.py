import pytest

from codemods.catalogue.lookup_needs_distinct import LookupNeedsDistinct
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.contrib.admin.utils import lookup_needs_distinct\nx = lookup_needs_distinct(opts, path)\n',
     'from django.contrib.admin.utils import lookup_spawns_duplicates\nx = lookup_spawns_duplicates(opts, path)\n'),
    ('from django.contrib.admin.utils import lookup_needs_distinct as Alias\nx = Alias(opts, path)\n',
     'from django.contrib.admin.utils import lookup_spawns_duplicates as Alias\nx = Alias(opts, path)\n'),
    ('from django.contrib.admin import utils\nx = utils.lookup_needs_distinct(opts, path)\n',
     'from django.contrib.admin import utils\nx = utils.lookup_spawns_duplicates(opts, path)\n'),
    ('import django.contrib.admin.utils\nx = django.contrib.admin.utils.lookup_needs_distinct(opts, path)\n',
     'import django.contrib.admin.utils\nx = django.contrib.admin.utils.lookup_spawns_duplicates(opts, path)\n'),
    ('from django.contrib.admin.utils import lookup_needs_distinct\nthings = [lookup_needs_distinct, None]\n',
     'from django.contrib.admin.utils import lookup_spawns_duplicates\nthings = [lookup_spawns_duplicates, None]\n'),
    ('from django.contrib.admin.utils import lookup_needs_distinct, quote\nif lookup_needs_distinct(self.opts, p):\n    qs = qs.distinct()\n',
     'from django.contrib.admin.utils import lookup_spawns_duplicates, quote\nif lookup_spawns_duplicates(self.opts, p):\n    qs = qs.distinct()\n'),
])
def test_transformed(before, after):
    check_transformed(LookupNeedsDistinct, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import lookup_needs_distinct\nx = lookup_needs_distinct(opts, path)\n',
    'x = helpers.lookup_needs_distinct(opts, path)\n',
    "doc = 'lookup_needs_distinct is gone'\n",
])
def test_noop(source):
    check_noop(LookupNeedsDistinct, source)


def test_in_migration():
    check_transformed(LookupNeedsDistinct, 'from django.contrib.admin.utils import lookup_needs_distinct\nVALUE = lookup_needs_distinct\n',
                      'from django.contrib.admin.utils import lookup_spawns_duplicates\nVALUE = lookup_spawns_duplicates\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(LookupNeedsDistinct, 'try:\n    from django.contrib.admin.utils import lookup_needs_distinct\nexcept ImportError:\n    lookup_needs_distinct = None\n', reported=True)


def test_noop_shadowed():
    check_noop(LookupNeedsDistinct, 'from django.contrib.admin.utils import lookup_needs_distinct\n\n\ndef lookup_needs_distinct(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(LookupNeedsDistinct, 'from django.contrib.admin.utils import *\nx = lookup_needs_distinct(opts, path)\n', reported=True)
