import pytest

from codemods.catalogue.get_group_by_cols_no_alias import GetGroupByColsNoAlias
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("class Agg(Aggregate):\n    def get_group_by_cols(self, alias=None):\n        return []\n",
     "class Agg(Aggregate):\n    def get_group_by_cols(self):\n        return []\n"),
    ("class E(Func):\n    def get_group_by_cols(self, alias=None):\n        return super().get_group_by_cols(alias)\n",
     "class E(Func):\n    def get_group_by_cols(self):\n        return super().get_group_by_cols()\n"),
    ("class E(Func):\n    def get_group_by_cols(self, alias=None):\n        cols = super().get_group_by_cols(alias=alias)\n        return cols[:1]\n",
     "class E(Func):\n    def get_group_by_cols(self):\n        cols = super().get_group_by_cols()\n        return cols[:1]\n"),
])
def test_transformed(before, after):
    check_transformed(GetGroupByColsNoAlias, before, after, filename="app/expressions.py", target="4.2")


@pytest.mark.parametrize("source", [
    "class E(Func):\n    def get_group_by_cols(self):\n        return []\n",
    "class E(Func):\n    def get_group_by_cols(self, *args, **kwargs):\n        return []\n",
    "def get_group_by_cols(self, alias=None):\n    return []\n",
    "x = expr.get_group_by_cols(alias)\n",
    "doc = 'get_group_by_cols'\n",
])
def test_noop(source):
    check_noop(GetGroupByColsNoAlias, source, filename="app/expressions.py", target="4.2")


def test_noop_alias_used_reported():
    check_noop(GetGroupByColsNoAlias, "class E(Func):\n    def get_group_by_cols(self, alias=None):\n"
               "        return [self.source.get_group_by_cols(alias)]\n", filename="app/expressions.py",
               target="4.2", reported=True)


def test_noop_alias_tested_reported():
    check_noop(GetGroupByColsNoAlias, "class E(Func):\n    def get_group_by_cols(self, alias=None):\n"
               "        return [] if alias else [self]\n", filename="app/expressions.py", target="4.2", reported=True)
