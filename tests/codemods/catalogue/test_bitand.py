import pytest

from codemods.catalogue.bitand import BitAnd
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.contrib.postgres.aggregates import BitOr\nx = BitOr('flags')\n",
     "from django.db.models import BitOr\nx = BitOr('flags')\n"),
    ("from django.contrib.postgres.aggregates import BitOr as Alias\nx = Alias('flags')\n",
     "from django.db.models import BitOr as Alias\nx = Alias('flags')\n"),
    ("from django.contrib.postgres import aggregates\nx = aggregates.BitOr('flags')\n",
     "from django.contrib.postgres import aggregates\nfrom django.db.models import BitOr\nx = BitOr('flags')\n"),
    ("import django.contrib.postgres.aggregates\nx = django.contrib.postgres.aggregates.BitOr('flags')\n",
     "import django.contrib.postgres.aggregates\nx = django.db.models.BitOr('flags')\n"),
    ('from django.contrib.postgres.aggregates import BitOr\nthings = [BitOr, None]\n',
     'from django.db.models import BitOr\nthings = [BitOr, None]\n'),
    ("from django.contrib.postgres.aggregates import ArrayAgg, BitAnd, BitXor\nqs.aggregate(a=BitAnd('f'), x=BitXor('f'), l=ArrayAgg('id'))\n",
     "from django.contrib.postgres.aggregates import ArrayAgg\nfrom django.db.models import BitAnd, BitXor\nqs.aggregate(a=BitAnd('f'), x=BitXor('f'), l=ArrayAgg('id'))\n"),
    ("from django.contrib.postgres.aggregates.general import BitAnd\nqs.aggregate(a=BitAnd('f'))\n",
     "from django.db.models import BitAnd\nqs.aggregate(a=BitAnd('f'))\n"),
])
def test_transformed(before, after):
    check_transformed(BitAnd, before, after)


@pytest.mark.parametrize("source", [
    "from mylib.compat import BitOr\nx = BitOr('flags')\n",
    "x = helpers.BitOr('flags')\n",
    "doc = 'BitOr is gone'\n",
    "from django.db.models import BitAnd\nqs.aggregate(a=BitAnd('f'))\n",
])
def test_noop(source):
    check_noop(BitAnd, source)


def test_in_migration():
    check_transformed(BitAnd, 'from django.contrib.postgres.aggregates import BitOr\nVALUE = BitOr\n',
                      'from django.db.models import BitOr\nVALUE = BitOr\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(BitAnd, 'try:\n    from django.contrib.postgres.aggregates import BitOr\nexcept ImportError:\n    BitOr = None\n', reported=True)


def test_noop_shadowed():
    check_noop(BitAnd, 'from django.contrib.postgres.aggregates import BitOr\n\n\ndef BitOr(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(BitAnd, "from django.contrib.postgres.aggregates import *\nx = BitOr('flags')\n", reported=True)
