import pytest

from codemods.catalogue.testcase_databases import MultiDbToDatabases
from tests.codemods.helpers import check_elided, check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("class T(TestCase):\n    multi_db = True\n", 'class T(TestCase):\n    databases = "__all__"\n'),
    ("class T(TransactionTestCase):\n    multi_db = False\n\n    def test_x(self):\n        pass\n",
     'class T(TransactionTestCase):\n    databases = {"default"}\n\n    def test_x(self):\n        pass\n'),
    ("class T(SimpleTestCase):\n    allow_database_queries = True  # needs the db\n",
     'class T(SimpleTestCase):\n    databases = {"default"}  # needs the db\n'),
    ("class T(SimpleTestCase):\n    allow_database_queries = False\n", "class T(SimpleTestCase):\n    databases = set()\n"),
])
def test_transformed(before, after):
    check_transformed(MultiDbToDatabases, before, after, filename="shop/tests.py", target="2.2")


@pytest.mark.parametrize("source", [
    'class T(TestCase):\n    databases = "__all__"\n',
    "multi_db = True\n",
    "class T(TestCase):\n    def test_x(self):\n        multi_db = True\n",
    "doc = 'multi_db'\n",
])
def test_noop(source):
    check_noop(MultiDbToDatabases, source, filename="shop/tests.py", target="2.2")


@pytest.mark.parametrize("source", [
    "class T(TestCase):\n    multi_db = MULTI\n",
    'class T(TestCase):\n    multi_db = True\n    databases = {"default", "other"}\n',
    "class T(TestCase):\n    multi_db = True\n    allow_database_queries = True\n",
])
def test_noop_reported(source):
    check_noop(MultiDbToDatabases, source, filename="shop/tests.py", target="2.2", reported=True)


# elided: definitions without the triggers are hidden from libcst (check_elided compares the output and
# findings with the whole-file run's); the class's own attributes are statements, never hidden
def test_elided():
    check_elided(MultiDbToDatabases,
                 "from django.test import TestCase\n\n\ndef other(v):\n    return v\n\n\nclass T(TestCase):\n"
                 "    multi_db = True\n\n    def test_a(self):\n        pass\n",
                 "from django.test import TestCase\n\n\ndef other(v):\n    return v\n\n\nclass T(TestCase):\n"
                 "    databases = \"__all__\"\n\n    def test_a(self):\n        pass\n",
                 filename="shop/tests.py", target="2.2")
