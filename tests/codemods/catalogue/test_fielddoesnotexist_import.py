import pytest

from codemods.catalogue.fielddoesnotexist_import import FieldDoesNotExistImport
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.db.models.fields import FieldDoesNotExist\nx = FieldDoesNotExist('x')\n",
     "from django.core.exceptions import FieldDoesNotExist\nx = FieldDoesNotExist('x')\n"),
    ("from django.db.models.fields import FieldDoesNotExist as Alias\nx = Alias('x')\n",
     "from django.core.exceptions import FieldDoesNotExist as Alias\nx = Alias('x')\n"),
    ("from django.db.models import fields\nx = fields.FieldDoesNotExist('x')\n",
     "from django.db.models import fields\nfrom django.core.exceptions import FieldDoesNotExist\nx = FieldDoesNotExist('x')\n"),
    ("import django.db.models.fields\nx = django.db.models.fields.FieldDoesNotExist('x')\n",
     "import django.db.models.fields\nx = django.core.exceptions.FieldDoesNotExist('x')\n"),
    ('from django.db.models.fields import FieldDoesNotExist\nthings = [FieldDoesNotExist, None]\n',
     'from django.core.exceptions import FieldDoesNotExist\nthings = [FieldDoesNotExist, None]\n'),
    ('from django.db.models.fields import FieldDoesNotExist\n\ntry:\n    f = opts.get_field(name)\nexcept FieldDoesNotExist:\n    f = None\n',
     'from django.core.exceptions import FieldDoesNotExist\n\ntry:\n    f = opts.get_field(name)\nexcept FieldDoesNotExist:\n    f = None\n'),
])
def test_transformed(before, after):
    check_transformed(FieldDoesNotExistImport, before, after)


@pytest.mark.parametrize("source", [
    "from mylib.compat import FieldDoesNotExist\nx = FieldDoesNotExist('x')\n",
    "x = helpers.FieldDoesNotExist('x')\n",
    "doc = 'FieldDoesNotExist is gone'\n",
    "from django.core.exceptions import FieldDoesNotExist\nx = FieldDoesNotExist('x')\n",
])
def test_noop(source):
    check_noop(FieldDoesNotExistImport, source)


def test_in_migration():
    check_transformed(FieldDoesNotExistImport, 'from django.db.models.fields import FieldDoesNotExist\nVALUE = FieldDoesNotExist\n',
                      'from django.core.exceptions import FieldDoesNotExist\nVALUE = FieldDoesNotExist\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(FieldDoesNotExistImport, 'try:\n    from django.db.models.fields import FieldDoesNotExist\nexcept ImportError:\n    FieldDoesNotExist = None\n', reported=True)


def test_noop_shadowed():
    check_noop(FieldDoesNotExistImport, 'from django.db.models.fields import FieldDoesNotExist\n\n\ndef FieldDoesNotExist(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(FieldDoesNotExistImport, "from django.db.models.fields import *\nx = FieldDoesNotExist('x')\n", reported=True)
