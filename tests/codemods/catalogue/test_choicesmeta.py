import pytest

from codemods.catalogue.choicesmeta import ChoicesMetaRename
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.db.models.enums import ChoicesMeta\nx = ChoicesMeta\n',
     'from django.db.models.enums import ChoicesType\nx = ChoicesType\n'),
    ('from django.db.models.enums import ChoicesMeta as Alias\nx = Alias\n',
     'from django.db.models.enums import ChoicesType as Alias\nx = Alias\n'),
    ('from django.db.models import enums\nx = enums.ChoicesMeta\n',
     'from django.db.models import enums\nx = enums.ChoicesType\n'),
    ('import django.db.models.enums\nx = django.db.models.enums.ChoicesMeta\n',
     'import django.db.models.enums\nx = django.db.models.enums.ChoicesType\n'),
    ('from django.db.models.enums import ChoicesMeta\nthings = [ChoicesMeta, None]\n',
     'from django.db.models.enums import ChoicesType\nthings = [ChoicesType, None]\n'),
    ('from django.db.models.enums import ChoicesMeta\n\n\nclass MyMeta(ChoicesMeta):\n    pass\n',
     'from django.db.models.enums import ChoicesType\n\n\nclass MyMeta(ChoicesType):\n    pass\n'),
])
def test_transformed(before, after):
    check_transformed(ChoicesMetaRename, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import ChoicesMeta\nx = ChoicesMeta\n',
    'x = helpers.ChoicesMeta\n',
    "doc = 'ChoicesMeta is gone'\n",
    'from django.db.models.enums import ChoicesType\nx = ChoicesType\n',
])
def test_noop(source):
    check_noop(ChoicesMetaRename, source)


def test_in_migration():
    check_transformed(ChoicesMetaRename, 'from django.db.models.enums import ChoicesMeta\nVALUE = ChoicesMeta\n',
                      'from django.db.models.enums import ChoicesType\nVALUE = ChoicesType\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(ChoicesMetaRename, 'try:\n    from django.db.models.enums import ChoicesMeta\nexcept ImportError:\n    ChoicesMeta = None\n', reported=True)


def test_noop_shadowed():
    check_noop(ChoicesMetaRename, 'from django.db.models.enums import ChoicesMeta\n\n\ndef ChoicesMeta(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(ChoicesMetaRename, 'from django.db.models.enums import *\nx = ChoicesMeta\n', reported=True)
