from codemods.catalogue.postgres_aggregate_ordering import PostgresAggregateOrdering as C
from tests.codemods.helpers import check_noop, check_transformed


def test_arrayagg():
    check_transformed(
        C,
        "from django.contrib.postgres.aggregates import ArrayAgg\nqs.aggregate(t=ArrayAgg('title', ordering='-pub'))\n",
        "from django.contrib.postgres.aggregates import ArrayAgg\nqs.aggregate(t=ArrayAgg('title', order_by='-pub'))\n",
    )


def test_all_three():
    check_transformed(
        C,
        "from django.contrib.postgres.aggregates import ArrayAgg, JSONBAgg, StringAgg\n"
        "a = ArrayAgg('x', ordering=('a', 'b'))\nb = JSONBAgg('x', ordering='a')\nc = StringAgg('x', ',', ordering=F('a'))\n",
        "from django.contrib.postgres.aggregates import ArrayAgg, JSONBAgg, StringAgg\n"
        "a = ArrayAgg('x', order_by=('a', 'b'))\nb = JSONBAgg('x', order_by='a')\nc = StringAgg('x', ',', order_by=F('a'))\n",
    )


def test_module_attribute():
    check_transformed(
        C,
        "from django.contrib.postgres import aggregates as pga\na = pga.StringAgg('x', delimiter=',', ordering='x')\n",
        "from django.contrib.postgres import aggregates as pga\na = pga.StringAgg('x', delimiter=',', order_by='x')\n",
    )


def test_general_module():
    check_transformed(
        C,
        "from django.contrib.postgres.aggregates.general import ArrayAgg as AA\na = AA('x', ordering='x')\n",
        "from django.contrib.postgres.aggregates.general import ArrayAgg as AA\na = AA('x', order_by='x')\n",
    )


def test_nested_in_subquery():
    check_transformed(
        C,
        "from django.contrib.postgres.aggregates import ArrayAgg\nqs.annotate(x=Subquery(s.values('k').annotate(a=ArrayAgg('v', ordering='v')).values('a')))\n",
        "from django.contrib.postgres.aggregates import ArrayAgg\nqs.annotate(x=Subquery(s.values('k').annotate(a=ArrayAgg('v', order_by='v')).values('a')))\n",
    )


def test_noop_already():
    check_noop(C, "from django.contrib.postgres.aggregates import ArrayAgg\na = ArrayAgg('x', order_by='x')\n")


def test_noop_kwargs():
    check_noop(C, "from django.contrib.postgres.aggregates import ArrayAgg\na = ArrayAgg('x', **extra)\n", reported=True)


def test_noop_both():
    check_noop(C, "from django.contrib.postgres.aggregates import ArrayAgg\na = ArrayAgg('x', ordering='a', order_by='b')\n",
               reported=True)


def test_noop_other_arrayagg():
    check_noop(C, "from myapp.aggregates import ArrayAgg\na = ArrayAgg('x', ordering='x')\n")


def test_noop_django_models_stringagg_other_kw():
    check_noop(C, "from django.db.models import StringAgg\na = StringAgg('x', ',', order_by='x')\n")


def test_noop_star():
    check_noop(C, "from django.contrib.postgres.aggregates import *\na = ArrayAgg('x', ordering='x')\n", reported=True)
