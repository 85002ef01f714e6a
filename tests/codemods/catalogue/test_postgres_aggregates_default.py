import pytest

from codemods.catalogue.postgres_aggregates_default import PostgresAggregatesDefault
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.contrib.postgres.aggregates import ArrayAgg, JSONBAgg, StringAgg\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "a = ArrayAgg('tags__name')\n",
     IMP + "from django.db.models import Value\na = ArrayAgg('tags__name', default=Value([]))\n"),
    (IMP + "j = JSONBAgg('data', distinct=True)\n",
     IMP + "from django.db.models import Value\nj = JSONBAgg('data', distinct=True, default=Value('[]'))\n"),
    ("from django.db.models import Count, Value\n" + IMP + "s = StringAgg('name', delimiter=',')\n",
     "from django.db.models import Count, Value\n" + IMP + "s = StringAgg('name', delimiter=',', default=Value(''))\n"),
    ("from django.contrib.postgres import aggregates\nfrom django.db.models import Value as V\na = aggregates.ArrayAgg('x')\n",
     "from django.contrib.postgres import aggregates\nfrom django.db.models import Value as V\na = aggregates.ArrayAgg('x', default=V([]))\n"),
])
def test_transformed(before, after):
    check_transformed(PostgresAggregatesDefault, before, after, target="4.0")


@pytest.mark.parametrize("source", [
    IMP + "a = ArrayAgg('tags__name', default=None)\n",
    IMP + "a = ArrayAgg('tags__name', default=Value([]))\n",
    "from django.db.models import Count\nc = Count('x')\n",
    "doc = 'ArrayAgg'\n",
])
def test_noop(source):
    check_noop(PostgresAggregatesDefault, source, target="4.0")


@pytest.mark.parametrize("source", [
    IMP + "a = ArrayAgg('tags__name', **extra)\n",
    IMP + "Value = 3\na = ArrayAgg('tags__name')\n",
    "from django.contrib.postgres.aggregates import *\na = ArrayAgg('x')\n",
])
def test_noop_reported(source):
    check_noop(PostgresAggregatesDefault, source, target="4.0", reported=True)
