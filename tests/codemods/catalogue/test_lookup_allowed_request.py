import pytest

from codemods.catalogue.lookup_allowed_request import LookupAllowedRequest
from tests.codemods.helpers import check_noop, check_transformed

HEAD = "from django.contrib import admin\n\n\n"


@pytest.mark.parametrize("before, after", [
    (HEAD + "class A(admin.ModelAdmin):\n    def lookup_allowed(self, lookup, value):\n        return True\n",
     HEAD + "class A(admin.ModelAdmin):\n    def lookup_allowed(self, lookup, value, request=None):\n        return True\n"),
    (HEAD + "class A(admin.ModelAdmin):\n    def lookup_allowed(self, lookup, value):\n"
            "        return super().lookup_allowed(lookup, value) or lookup == 'x'\n",
     HEAD + "class A(admin.ModelAdmin):\n    def lookup_allowed(self, lookup, value, request=None):\n"
            "        return super().lookup_allowed(lookup, value, request) or lookup == 'x'\n"),
    ("class A(BaseShopAdmin):\n    def lookup_allowed(self, key, val):\n        return key != 'secret'\n",
     "class A(BaseShopAdmin):\n    def lookup_allowed(self, key, val, request=None):\n        return key != 'secret'\n"),
])
def test_transformed(before, after):
    check_transformed(LookupAllowedRequest, before, after, filename="shop/admin.py", target="5.0")


@pytest.mark.parametrize("source", [
    HEAD + "class A(admin.ModelAdmin):\n    def lookup_allowed(self, lookup, value, request):\n        return True\n",
    HEAD + "class A(admin.ModelAdmin):\n    def lookup_allowed(self, lookup, value, **kwargs):\n        return True\n",
    HEAD + "class F(admin.SimpleListFilter):\n    def lookup_allowed(self, lookup, value):\n        return True\n",
    "def lookup_allowed(self, lookup, value):\n    return True\n",
    "doc = 'lookup_allowed'\n",
])
def test_noop(source):
    check_noop(LookupAllowedRequest, source, filename="shop/admin.py", target="5.0")


def test_noop_request_name_used_reported():
    check_noop(LookupAllowedRequest, HEAD + "class A(admin.ModelAdmin):\n    def lookup_allowed(self, lookup, value):\n"
               "        return request is None\n", filename="shop/admin.py", reported=True)


def test_not_before_5_0():
    from codemods import registry
    assert not registry.available(LookupAllowedRequest, "4.2")
