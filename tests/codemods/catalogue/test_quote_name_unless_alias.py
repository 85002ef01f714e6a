import pytest

from codemods.catalogue.quote_name_unless_alias import QuoteNameUnlessAlias
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("sql = compiler.quote_name_unless_alias(alias)\n", "sql = compiler.quote_name(alias)\n"),
    ("class L(Lookup):\n    def as_sql(self, compiler, connection):\n        return compiler.quote_name_unless_alias(self.lhs.alias), []\n",
     "class L(Lookup):\n    def as_sql(self, compiler, connection):\n        return compiler.quote_name(self.lhs.alias), []\n"),
    ("qn = compiler.quote_name_unless_alias\nsql = qn(t)\n", "qn = compiler.quote_name\nsql = qn(t)\n"),
    ("cols = [self.compiler.quote_name_unless_alias(c) for c in cols]\n", "cols = [self.compiler.quote_name(c) for c in cols]\n"),
])
def test_transformed(before, after):
    check_transformed(QuoteNameUnlessAlias, before, after, target="6.1")


@pytest.mark.parametrize("source", [
    "sql = compiler.quote_name(alias)\n",
    "sql = connection.ops.quote_name(alias)\n",
    "doc = 'quote_name_unless_alias'\n",
    "quote_name_unless_alias = None\n",
    "x = quote_name_unless_alias(a)\n",
])
def test_noop(source):
    check_noop(QuoteNameUnlessAlias, source, target="6.1")


def test_own_definition_reported():
    check_transformed(QuoteNameUnlessAlias,
                      "class C:\n    def quote_name_unless_alias(self, n):\n        return n\n\n\nx = C().quote_name_unless_alias('a')\n",
                      "class C:\n    def quote_name_unless_alias(self, n):\n        return n\n\n\nx = C().quote_name('a')\n",
                      target="6.1", reported=True)


def test_not_before_6_1():
    from codemods import registry
    assert not registry.available(QuoteNameUnlessAlias, "6.0")
