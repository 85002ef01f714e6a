import pytest

from codemods.catalogue.inline_has_add_permission import InlineHasAddPermission
from tests.codemods.helpers import check_noop, check_transformed

HEAD = "from django.contrib import admin\n\n\n"


@pytest.mark.parametrize("before, after", [
    (HEAD + "class ItemInline(admin.TabularInline):\n    def has_add_permission(self, request):\n        return False\n",
     HEAD + "class ItemInline(admin.TabularInline):\n    def has_add_permission(self, request, obj=None):\n        return False\n"),
    (HEAD + "class ItemInline(admin.StackedInline):\n    def has_add_permission(self, request):\n"
            "        return super().has_add_permission(request) and request.user.is_staff\n",
     HEAD + "class ItemInline(admin.StackedInline):\n    def has_add_permission(self, request, obj=None):\n"
            "        return super().has_add_permission(request, obj) and request.user.is_staff\n"),
    ("from django.contrib.contenttypes.admin import GenericTabularInline\n\n\nclass TagInline(GenericTabularInline):\n"
     "    def has_add_permission(self, request):\n        return True\n",
     "from django.contrib.contenttypes.admin import GenericTabularInline\n\n\nclass TagInline(GenericTabularInline):\n"
     "    def has_add_permission(self, request, obj=None):\n        return True\n"),
    ("class ReadOnlyInline(BaseReadOnlyInline):\n    def has_add_permission(self, request):\n        return False\n",
     "class ReadOnlyInline(BaseReadOnlyInline):\n    def has_add_permission(self, request, obj=None):\n        return False\n"),
])
def test_transformed(before, after):
    check_transformed(InlineHasAddPermission, before, after, filename="shop/admin.py")


@pytest.mark.parametrize("source", [
    HEAD + "class ItemAdmin(admin.ModelAdmin):\n    def has_add_permission(self, request):\n        return False\n",
    HEAD + "class ItemInline(admin.TabularInline):\n    def has_add_permission(self, request, obj=None):\n        return False\n",
    HEAD + "class ItemInline(admin.TabularInline):\n    def has_add_permission(self, *args, **kwargs):\n        return False\n",
    HEAD + "class ItemInline(admin.TabularInline):\n    def has_change_permission(self, request):\n        return False\n",
    "def has_add_permission(self, request):\n    return False\n",
    "doc = 'has_add_permission'\n",
])
def test_noop(source):
    check_noop(InlineHasAddPermission, source, filename="shop/admin.py")


def test_noop_obj_already_used_reported():
    check_noop(InlineHasAddPermission, HEAD + "class ItemInline(admin.TabularInline):\n"
               "    def has_add_permission(self, request):\n        obj = request.obj\n        return obj is None\n",
               filename="shop/admin.py", reported=True)


def test_nested_function_not_touched():
    before = (HEAD + "class ItemInline(admin.TabularInline):\n    def get_formset(self, request, obj=None, **kwargs):\n"
              "        def has_add_permission(self, request):\n            return False\n        return None\n")
    check_noop(InlineHasAddPermission, before, filename="shop/admin.py")
