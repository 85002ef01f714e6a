import pytest

from codemods.catalogue.model_from_db_fetch_mode import ModelFromDbFetchMode
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("class M(models.Model):\n    @classmethod\n    def from_db(cls, db, field_names, values):\n"
     "        instance = super().from_db(db, field_names, values)\n        return instance\n",
     "class M(models.Model):\n    @classmethod\n    def from_db(cls, db, field_names, values, *, fetch_mode=None):\n"
     "        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)\n        return instance\n"),
    ("class M(models.Model):\n    @classmethod\n    def from_db(cls, db, field_names, values):\n        return cls(*values)\n",
     "class M(models.Model):\n    @classmethod\n    def from_db(cls, db, field_names, values, *, fetch_mode=None):\n        return cls(*values)\n"),
    ("class M(Base):\n    @classmethod\n    def from_db(\n        cls,\n        db,\n        field_names,\n        values,\n    ):\n        return cls(*values)\n",
     "class M(Base):\n    @classmethod\n    def from_db(\n        cls,\n        db,\n        field_names,\n        values,\n        *,\n        fetch_mode=None,\n    ):\n        return cls(*values)\n"),
])
def test_transformed(before, after):
    check_transformed(ModelFromDbFetchMode, before, after, filename="shop/models.py", target="6.1")


@pytest.mark.parametrize("source", [
    "class M(models.Model):\n    @classmethod\n    def from_db(cls, db, field_names, values, *, fetch_mode=None):\n        return cls(*values)\n",
    "class M(models.Model):\n    @classmethod\n    def from_db(cls, db, field_names, values, **kwargs):\n        return cls(*values)\n",
    "class M(models.Model):\n    @classmethod\n    def from_db(cls, *args):\n        return cls()\n",
    "def from_db(cls, db, field_names, values):\n    return None\n",
    "doc = 'from_db'\n",
])
def test_noop(source):
    check_noop(ModelFromDbFetchMode, source, filename="shop/models.py", target="6.1")


def test_noop_fetch_mode_used_reported():
    check_noop(ModelFromDbFetchMode, "class M(models.Model):\n    @classmethod\n    def from_db(cls, db, field_names, values):\n"
               "        print(fetch_mode)\n        return cls(*values)\n", filename="shop/models.py", target="6.1", reported=True)


def test_not_before_6_1():
    from codemods import registry
    assert not registry.available(ModelFromDbFetchMode, "6.0")


def test_noop_nested_function():
    check_noop(ModelFromDbFetchMode, "class M(models.Model):\n    def helper(self):\n"
               "        def from_db(cls, db, field_names, values):\n            return None\n        return from_db\n",
               filename="shop/models.py", target="6.1")
