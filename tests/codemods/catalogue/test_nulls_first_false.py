import pytest

from codemods.catalogue.nulls_first_false import NullsFirstFalse
from tests.codemods.helpers import check_noop, check_transformed


def test_desc_on_f():
    check_transformed(
        NullsFirstFalse,
        """\
        from django.db.models import F


        def cheapest(qs):
            return qs.order_by(F("price").desc(nulls_last=False))
        """,
        """\
        from django.db.models import F


        def cheapest(qs):
            return qs.order_by(F("price").desc())
        """,
    )


def test_keeps_true_companion():
    check_transformed(
        NullsFirstFalse,
        "from django.db.models import F\nqs.order_by(F('a').asc(nulls_first=False, nulls_last=True))\n",
        "from django.db.models import F\nqs.order_by(F('a').asc(nulls_last=True))\n",
    )


def test_order_by_class():
    check_transformed(
        NullsFirstFalse,
        "from django.db.models import F, OrderBy\no = OrderBy(F('x'), descending=True, nulls_first=False)\n",
        "from django.db.models import F, OrderBy\no = OrderBy(F('x'), descending=True)\n",
    )


def test_expressions_module_and_models_attribute():
    check_transformed(
        NullsFirstFalse,
        "from django.db import models\nfrom django.db.models.expressions import OrderBy\n"
        "a = OrderBy(models.F('x'), nulls_last=False)\nb = models.F('y').desc(nulls_first=False)\n",
        "from django.db import models\nfrom django.db.models.expressions import OrderBy\n"
        "a = OrderBy(models.F('x'))\nb = models.F('y').desc()\n",
    )


def test_function_expression():
    check_transformed(
        NullsFirstFalse,
        "from django.db.models.functions import Lower\nqs.order_by(Lower('name').asc(nulls_last=False))\n",
        "from django.db.models.functions import Lower\nqs.order_by(Lower('name').asc())\n",
    )


def test_chained_expression():
    check_transformed(
        NullsFirstFalse,
        "from django.db.models import F\nqs.order_by(F('a').bitand(1).desc(nulls_last=False))\n",
        "from django.db.models import F\nqs.order_by(F('a').bitand(1).desc())\n",
    )


def test_in_migration():
    check_transformed(
        NullsFirstFalse,
        "from django.db import models\nIDX = models.F('a').desc(nulls_last=False)\n",
        "from django.db import models\nIDX = models.F('a').desc()\n",
        filename="app/migrations/0004_idx.py",
    )


def test_noop_unknown_receiver():
    check_noop(NullsFirstFalse, "qs.order_by(self.expr.asc(nulls_first=False))\n", reported=True)


def test_noop_true_and_none():
    check_noop(NullsFirstFalse, "from django.db.models import F\nqs.order_by(F('a').asc(nulls_first=True), "
                                "F('b').desc(nulls_last=None))\n")


def test_noop_computed_value():
    check_noop(NullsFirstFalse, "from django.db.models import F\nqs.order_by(F('a').asc(nulls_first=flag))\n",
               reported=True)


def test_noop_other_library():
    check_noop(NullsFirstFalse, "from sqlalchemy import column\nq = column('a').asc(nulls_first=False)\n",
               reported=True)


def test_noop_positional_false():
    check_noop(NullsFirstFalse, "from django.db.models import F, OrderBy\no = OrderBy(F('x'), True, False)\n",
               reported=True)


def test_noop_try_import():
    check_noop(
        NullsFirstFalse,
        """\
        try:
            from django.db.models import OrderBy
        except ImportError:
            OrderBy = None
        o = OrderBy(x, nulls_first=False)
        """,
        reported=True,
    )


def test_aliased_order_by():
    check_transformed(
        NullsFirstFalse,
        "from django.db.models import F\nfrom django.db.models import OrderBy as O\no = O(F('x'), nulls_last=False)\n",
        "from django.db.models import F\nfrom django.db.models import OrderBy as O\no = O(F('x'))\n",
    )


@pytest.mark.parametrize("source, reported", [
    ("from django.db.models import F\nqs.order_by(F('a').asc(nulls_first=1))\n", True),  # a literal, not bool
    ("from django.db.models import F\nqs.order_by(F('a').bitand(1).desc(nulls_last=flag))\n", True),
    ("qs.order_by(self.expr.asc(nulls_first=flag))\n", False),  # unknown receiver, computed value: quiet
    ("sort(items, nulls_first=False)\n", False),  # not an ordering call
    ("make()(nulls_first=False)\n", False),
    ("f(a, b, False)\n", False),  # positional False, not OrderBy
    ("def asc(self, nulls_first=None, nulls_last=None):\n    return OrderBy(self, nulls_first=nulls_first)\n", False),  # Django's own
])
def test_noop_shapes(source, reported):
    check_noop(NullsFirstFalse, source, reported=reported)
