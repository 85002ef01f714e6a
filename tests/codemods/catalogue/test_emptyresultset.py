import pytest

from codemods.catalogue.emptyresultset import EmptyResultSetImport
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.db.models.sql.datastructures import EmptyResultSet\nx = EmptyResultSet()\n',
     'from django.core.exceptions import EmptyResultSet\nx = EmptyResultSet()\n'),
    ('from django.db.models.sql.datastructures import EmptyResultSet as Alias\nx = Alias()\n',
     'from django.core.exceptions import EmptyResultSet as Alias\nx = Alias()\n'),
    ('from django.db.models.sql import datastructures\nx = datastructures.EmptyResultSet()\n',
     'from django.db.models.sql import datastructures\nfrom django.core.exceptions import EmptyResultSet\nx = EmptyResultSet()\n'),
    ('import django.db.models.sql.datastructures\nx = django.db.models.sql.datastructures.EmptyResultSet()\n',
     'import django.db.models.sql.datastructures\nx = django.core.exceptions.EmptyResultSet()\n'),
    ('from django.db.models.sql.datastructures import EmptyResultSet\nthings = [EmptyResultSet, None]\n',
     'from django.core.exceptions import EmptyResultSet\nthings = [EmptyResultSet, None]\n'),
    ('from django.db.models.query import EmptyResultSet\nraise EmptyResultSet\n',
     'from django.core.exceptions import EmptyResultSet\nraise EmptyResultSet\n'),
    ("from django.db.models.sql import EmptyResultSet, Query\nq = Query(M)\n\ntry:\n    q.get_compiler('default').as_sql()\nexcept EmptyResultSet:\n    pass\n",
     "from django.db.models.sql import Query\nfrom django.core.exceptions import EmptyResultSet\nq = Query(M)\n\ntry:\n    q.get_compiler('default').as_sql()\nexcept EmptyResultSet:\n    pass\n"),
])
def test_transformed(before, after):
    check_transformed(EmptyResultSetImport, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import EmptyResultSet\nx = EmptyResultSet()\n',
    'x = helpers.EmptyResultSet()\n',
    "doc = 'EmptyResultSet is gone'\n",
    'from django.core.exceptions import EmptyResultSet\nraise EmptyResultSet\n',
])
def test_noop(source):
    check_noop(EmptyResultSetImport, source)


def test_in_migration():
    check_transformed(EmptyResultSetImport, 'from django.db.models.sql.datastructures import EmptyResultSet\nVALUE = EmptyResultSet\n',
                      'from django.core.exceptions import EmptyResultSet\nVALUE = EmptyResultSet\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(EmptyResultSetImport, 'try:\n    from django.db.models.sql.datastructures import EmptyResultSet\nexcept ImportError:\n    EmptyResultSet = None\n', reported=True)


def test_noop_shadowed():
    check_noop(EmptyResultSetImport, 'from django.db.models.sql.datastructures import EmptyResultSet\n\n\ndef EmptyResultSet(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(EmptyResultSetImport, 'from django.db.models.sql.datastructures import *\nx = EmptyResultSet()\n', reported=True)
