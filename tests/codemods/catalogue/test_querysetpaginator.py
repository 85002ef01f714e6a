import pytest

from codemods.catalogue.querysetpaginator import QuerySetPaginator
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.core.paginator import QuerySetPaginator\nx = QuerySetPaginator(qs, 25)\n',
     'from django.core.paginator import Paginator\nx = Paginator(qs, 25)\n'),
    ('from django.core.paginator import QuerySetPaginator as Alias\nx = Alias(qs, 25)\n',
     'from django.core.paginator import Paginator as Alias\nx = Alias(qs, 25)\n'),
    ('from django.core import paginator\nx = paginator.QuerySetPaginator(qs, 25)\n',
     'from django.core import paginator\nx = paginator.Paginator(qs, 25)\n'),
    ('import django.core.paginator\nx = django.core.paginator.QuerySetPaginator(qs, 25)\n',
     'import django.core.paginator\nx = django.core.paginator.Paginator(qs, 25)\n'),
    ('from django.core.paginator import QuerySetPaginator\nthings = [QuerySetPaginator, None]\n',
     'from django.core.paginator import Paginator\nthings = [Paginator, None]\n'),
    ('from django.core.paginator import Paginator, QuerySetPaginator\na = QuerySetPaginator(qs, 2)\nb = Paginator(qs, 3)\n',
     'from django.core.paginator import Paginator\na = Paginator(qs, 2)\nb = Paginator(qs, 3)\n'),
])
def test_transformed(before, after):
    check_transformed(QuerySetPaginator, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import QuerySetPaginator\nx = QuerySetPaginator(qs, 25)\n',
    'x = helpers.QuerySetPaginator(qs, 25)\n',
    "doc = 'QuerySetPaginator is gone'\n",
])
def test_noop(source):
    check_noop(QuerySetPaginator, source)


def test_in_migration():
    check_transformed(QuerySetPaginator, 'from django.core.paginator import QuerySetPaginator\nVALUE = QuerySetPaginator\n',
                      'from django.core.paginator import Paginator\nVALUE = Paginator\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(QuerySetPaginator, 'try:\n    from django.core.paginator import QuerySetPaginator\nexcept ImportError:\n    QuerySetPaginator = None\n', reported=True)


def test_noop_shadowed():
    check_noop(QuerySetPaginator, 'from django.core.paginator import QuerySetPaginator\n\n\ndef QuerySetPaginator(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(QuerySetPaginator, 'from django.core.paginator import *\nx = QuerySetPaginator(qs, 25)\n', reported=True)
