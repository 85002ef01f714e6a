import pytest

from codemods.catalogue.savepoint import Savepoint
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.db.transaction import savepoint\nx = savepoint()\n',
     'from django.db.transaction import savepoint_create\nx = savepoint_create()\n'),
    ('from django.db.transaction import savepoint as Alias\nx = Alias()\n',
     'from django.db.transaction import savepoint_create as Alias\nx = Alias()\n'),
    ('from django.db import transaction\nx = transaction.savepoint()\n',
     'from django.db import transaction\nx = transaction.savepoint_create()\n'),
    ('import django.db.transaction\nx = django.db.transaction.savepoint()\n',
     'import django.db.transaction\nx = django.db.transaction.savepoint_create()\n'),
    ('from django.db.transaction import savepoint\nthings = [savepoint, None]\n',
     'from django.db.transaction import savepoint_create\nthings = [savepoint_create, None]\n'),
    ("from django.db import transaction\nsid = transaction.savepoint(using='other')\ntransaction.savepoint_commit(sid)\n",
     "from django.db import transaction\nsid = transaction.savepoint_create(using='other')\ntransaction.savepoint_commit(sid)\n"),
])
def test_transformed(before, after):
    check_transformed(Savepoint, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import savepoint\nx = savepoint()\n',
    'x = helpers.savepoint()\n',
    "doc = 'savepoint is gone'\n",
    'from django.db import connection\nsid = connection.savepoint()\n',
    'sid = self.connection.savepoint()\n',
])
def test_noop(source):
    check_noop(Savepoint, source)


def test_in_migration():
    check_transformed(Savepoint, 'from django.db.transaction import savepoint\nVALUE = savepoint\n',
                      'from django.db.transaction import savepoint_create\nVALUE = savepoint_create\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(Savepoint, 'try:\n    from django.db.transaction import savepoint\nexcept ImportError:\n    savepoint = None\n', reported=True)


def test_noop_shadowed():
    check_noop(Savepoint, 'from django.db.transaction import savepoint\n\n\ndef savepoint(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(Savepoint, 'from django.db.transaction import *\nx = savepoint()\n', reported=True)
