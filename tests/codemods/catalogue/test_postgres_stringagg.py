import pytest

from codemods.catalogue.postgres_stringagg import PostgresStringagg
from tests.codemods.helpers import check_noop, check_transformed

OLD = "from django.contrib.postgres.aggregates import StringAgg\n"


@pytest.mark.parametrize("before, after", [
    (OLD + 'names = StringAgg("name", delimiter=", ")\n',
     'from django.db.models import Value, StringAgg\nnames = StringAgg("name", delimiter=Value(", "))\n'),
    (OLD + 'names = StringAgg("name", ",", distinct=True)\n',
     'from django.db.models import Value, StringAgg\nnames = StringAgg("name", Value(","), distinct=True)\n'),
    ("from django.db.models import Value\n" + OLD + 'names = StringAgg("name", Value("|"))\n',
     'from django.db.models import Value, StringAgg\nnames = StringAgg("name", Value("|"))\n'),
    ("from django.contrib.postgres.aggregates import ArrayAgg, StringAgg\nx = StringAgg('a', '-')\ny = ArrayAgg('b')\n",
     "from django.contrib.postgres.aggregates import ArrayAgg\nfrom django.db.models import Value, StringAgg\nx = StringAgg('a', Value('-'))\ny = ArrayAgg('b')\n"),
])
def test_transformed(before, after):
    check_transformed(PostgresStringagg, before, after, filename="shop/queries.py", target="6.0")


@pytest.mark.parametrize("source", [
    'from django.db.models import Value, StringAgg\nnames = StringAgg("name", Value(", "))\n',
    'from mylib import StringAgg\nnames = StringAgg("name", ", ")\n',
    "doc = 'StringAgg'\n",
])
def test_noop(source):
    check_noop(PostgresStringagg, source, filename="shop/queries.py", target="6.0")


@pytest.mark.parametrize("source", [
    OLD + "names = StringAgg('name', SEP)\n",
    OLD + "names = StringAgg('name', ',', ordering='name')\n",
    OLD + "names = StringAgg('name', **opts)\n",
    OLD + "Value = None\nnames = StringAgg('name', ',')\n",
])
def test_noop_reported(source):
    check_noop(PostgresStringagg, source, filename="shop/queries.py", target="6.0", reported=True)
