import pytest

from codemods.catalogue.lru_cache import LruCache
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.utils.lru_cache import lru_cache\nx = lru_cache(maxsize=None)\n',
     'from functools import lru_cache\nx = lru_cache(maxsize=None)\n'),
    ('from django.utils.lru_cache import lru_cache as Alias\nx = Alias(maxsize=None)\n',
     'from functools import lru_cache as Alias\nx = Alias(maxsize=None)\n'),
    ('from django.utils.lru_cache import lru_cache\nthings = [lru_cache, None]\n',
     'from functools import lru_cache\nthings = [lru_cache, None]\n'),
    ('from django.utils.lru_cache import lru_cache\n\n\n@lru_cache(maxsize=None)\ndef get_thing():\n    return 1\n',
     'from functools import lru_cache\n\n\n@lru_cache(maxsize=None)\ndef get_thing():\n    return 1\n'),
])
def test_transformed(before, after):
    check_transformed(LruCache, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import lru_cache\nx = lru_cache(maxsize=None)\n',
    'x = helpers.lru_cache(maxsize=None)\n',
    "doc = 'lru_cache is gone'\n",
])
def test_noop(source):
    check_noop(LruCache, source)


def test_in_migration():
    check_transformed(LruCache, 'from django.utils.lru_cache import lru_cache\nVALUE = lru_cache\n',
                      'from functools import lru_cache\nVALUE = lru_cache\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(LruCache, 'try:\n    from django.utils.lru_cache import lru_cache\nexcept ImportError:\n    lru_cache = None\n', reported=True)


def test_noop_shadowed():
    check_noop(LruCache, 'from django.utils.lru_cache import lru_cache\n\n\ndef lru_cache(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(LruCache, 'from django.utils.lru_cache import *\nx = lru_cache(maxsize=None)\n', reported=True)


def test_noop_dotted_import_of_removed_module():
    check_noop(LruCache, 'import django.utils.lru_cache\nx = django.utils.lru_cache.lru_cache(maxsize=None)\n', reported=True)


def test_noop_module_name_clashes():
    check_noop(LruCache, 'from django.utils import lru_cache\nx = lru_cache.lru_cache(maxsize=None)\n', reported=True)
