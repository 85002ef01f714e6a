import pytest

from codemods.catalogue.get_group_by_cols_alias import GetGroupByColsAlias
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("class Agg(Aggregate):\n    def get_group_by_cols(self):\n        return []\n",
     "class Agg(Aggregate):\n    def get_group_by_cols(self, alias=None):\n        return []\n"),
    ("class E(Func):\n    def get_group_by_cols(self):\n        return super().get_group_by_cols()\n",
     "class E(Func):\n    def get_group_by_cols(self, alias=None):\n        return super().get_group_by_cols()\n"),
    ("class E:\n    '''Mine.'''\n\n    def get_group_by_cols(self):\n        return [self]\n",
     "class E:\n    '''Mine.'''\n\n    def get_group_by_cols(self, alias=None):\n        return [self]\n"),
])
def test_transformed(before, after):
    check_transformed(GetGroupByColsAlias, before, after, filename="app/expressions.py", target="3.2")


@pytest.mark.parametrize("source", [
    "class E(Func):\n    def get_group_by_cols(self, alias=None):\n        return []\n",
    "class E(Func):\n    def get_group_by_cols(self, *args, **kwargs):\n        return []\n",
    "def get_group_by_cols(self):\n    return []\n",
    "x = expr.get_group_by_cols()\n",
    "doc = 'get_group_by_cols'\n",
])
def test_noop(source):
    check_noop(GetGroupByColsAlias, source, filename="app/expressions.py", target="3.2")


def test_noop_target_4_2():
    check_noop(GetGroupByColsAlias, "class E(Func):\n    def get_group_by_cols(self):\n        return []\n",
               filename="app/expressions.py", target="4.2")


def test_noop_alias_name_used_reported():
    check_noop(GetGroupByColsAlias, "class E(Func):\n    def get_group_by_cols(self):\n        return [alias]\n",
               filename="app/expressions.py", target="3.2", reported=True)
