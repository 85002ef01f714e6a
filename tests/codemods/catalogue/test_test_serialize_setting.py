import pytest

from codemods.catalogue.test_serialize_setting import TestSerializeSetting as C
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"


@pytest.mark.parametrize("before, after", [
    ('DATABASES = {"default": {"ENGINE": "x", "TEST": {"SERIALIZE": False}}}\n',
     'DATABASES = {"default": {"ENGINE": "x", "TEST": {}}}\n'),
    ('DATABASES = {\n    "default": {\n        "NAME": "db",\n        "TEST": {\n            "NAME": "t",\n            "SERIALIZE": True,\n        },\n    },\n}\n',
     'DATABASES = {\n    "default": {\n        "NAME": "db",\n        "TEST": {\n            "NAME": "t",\n        },\n    },\n}\n'),
    ("DATABASES = {'default': {'TEST': {'SERIALIZE': False, 'NAME': 't'}}, 'other': {'TEST': {'SERIALIZE': False}}}\n",
     "DATABASES = {'default': {'TEST': {'NAME': 't'}}, 'other': {'TEST': {}}}\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after, filename=S, target="4.0")


@pytest.mark.parametrize("source", [
    'DATABASES = {"default": {"ENGINE": "x", "TEST": {"NAME": "t"}}}\n',
    'DATABASES = {"default": {"ENGINE": "x"}}\n',
    "doc = 'SERIALIZE'\n",
    'X = {"TEST": {"SERIALIZE": False}}\n',
])
def test_noop(source):
    check_noop(C, source, filename=S, target="4.0")


def test_not_before_4_0():
    from codemods import registry
    assert not registry.available(C, "3.2")


@pytest.mark.parametrize("source", [
    'DATABASES = {"default": dj_database_url.config()}\nDATABASES["default"]["TEST"] = {"SERIALIZE": False}\n',
    'DATABASES = make_databases(serialize={"SERIALIZE": False})\n',
])
def test_noop_reported(source):
    check_noop(C, source, filename=S, target="4.0", reported=True)
