import pytest

from codemods.catalogue.from_db_value_context import FromDbValueContext
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("class F(models.Field):\n    def from_db_value(self, value, expression, connection, context):\n        return value\n",
     "class F(models.Field):\n    def from_db_value(self, value, expression, connection):\n        return value\n"),
    ("class F(Base):\n    def from_db_value(self, value, expression, connection, context):\n"
     "        return super().from_db_value(value, expression, connection, context)\n",
     "class F(Base):\n    def from_db_value(self, value, expression, connection):\n"
     "        return super().from_db_value(value, expression, connection)\n"),
    ("class F(Base):\n    def from_db_value(self, value, expression, connection, context=None):\n"
     "        return super().from_db_value(value, expression, connection, context=context)\n",
     "class F(Base):\n    def from_db_value(self, value, expression, connection):\n"
     "        return super().from_db_value(value, expression, connection)\n"),
    ("class F(Base):\n    def from_db_value(self, v, e, c, context):\n        return json.loads(v)\n",
     "class F(Base):\n    def from_db_value(self, v, e, c):\n        return json.loads(v)\n"),
])
def test_transformed(before, after):
    check_transformed(FromDbValueContext, before, after, filename="app/fields.py")


@pytest.mark.parametrize("source", [
    "class F(models.Field):\n    def from_db_value(self, value, expression, connection):\n        return value\n",
    "class F(models.Field):\n    def from_db_value(self, value, *args):\n        return value\n",
    "def from_db_value(self, value, expression, connection, context):\n    return value\n",
    "x = field.from_db_value(1, None, None, {})\n",
    "doc = 'from_db_value'\n",
])
def test_noop(source):
    check_noop(FromDbValueContext, source, filename="app/fields.py")


def test_noop_context_read_reported():
    check_noop(FromDbValueContext, "class F(models.Field):\n    def from_db_value(self, value, expression, connection, context):\n"
               "        return context.get('x', value)\n", filename="app/fields.py", reported=True)
