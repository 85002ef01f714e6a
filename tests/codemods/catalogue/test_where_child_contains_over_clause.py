import pytest

from codemods.catalogue.where_child_contains_over_clause import WhereChildContainsOverClause as C
from tests.codemods.helpers import check_noop, check_transformed

TAGGIT = (  # django-taggit 1.5.1, taggit/managers.py
    "class ExtraJoinRestriction:\n"
    "    \"\"\"\n    An extra restriction used for contenttype restriction in joins.\n    \"\"\"\n\n"
    "    contains_aggregate = False\n\n"
    "    def __init__(self, alias, col, content_types):\n        self.alias = alias\n\n"
    "    def as_sql(self, compiler, connection):\n        return '', []\n"
)


def test_transformed_taggit_shape():
    check_transformed(C, TAGGIT, TAGGIT.replace("    contains_aggregate = False\n",
                                                "    contains_aggregate = False\n    contains_over_clause = False\n"),
                      filename="taggit/managers.py")


@pytest.mark.parametrize("before, after", [
    ("class R(object):\n    contains_aggregate = False\n    def as_sql(self, c, conn):\n        return '', []\n",
     "class R(object):\n    contains_aggregate = False\n    contains_over_clause = False\n"
     "    def as_sql(self, c, conn):\n        return '', []\n"),
    ("def make():\n    class R:\n        contains_aggregate = False\n\n        def as_sql(self, c, conn):\n"
     "            return '', []\n    return R\n",
     "def make():\n    class R:\n        contains_aggregate = False\n        contains_over_clause = False\n\n"
     "        def as_sql(self, c, conn):\n            return '', []\n    return R\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after, filename="app/where.py")


@pytest.mark.parametrize("source", [
    TAGGIT.replace("    contains_aggregate = False\n", "    contains_aggregate = False\n    contains_over_clause = False\n"),
    # an Expression (or anything with a base) answers it itself: never touched
    "from django.db.models import Expression\n\nclass R(Expression):\n    contains_aggregate = False\n"
    "    def as_sql(self, c, conn):\n        return '', []\n",
    "class R(Mixin):\n    contains_aggregate = False\n    def as_sql(self, c, conn):\n        return '', []\n",
    "class R(metaclass=Meta):\n    contains_aggregate = False\n    def as_sql(self, c, conn):\n        return '', []\n",
    # not a condition: no as_sql
    "class Stats:\n    contains_aggregate = False\n",
    "class R:\n    def as_sql(self, c, conn):\n        return '', []\n",
    "doc = 'contains_aggregate as_sql class'\n",
])
def test_noop(source):
    check_noop(C, source, filename="app/where.py")


def test_noop_computed_attribute_is_reported():
    check_noop(C, "class R:\n    contains_aggregate: bool = False; x = 1\n    def as_sql(self, c, conn):\n        return '', []\n",
               filename="app/where.py", reported=True)


def test_migrations_are_left_alone():
    check_noop(C, TAGGIT, filename="taggit/migrations/0004_x.py")
