import pytest

from codemods.catalogue.modeladmin_get_actions import ModeladminGetActions
from tests.codemods.helpers import check_noop, check_transformed

HEAD = "from django.contrib import admin\n\n\n"
BODY = ("    def get_actions(self, request):\n        actions = super().get_actions(request)\n"
        "        actions.pop('delete_selected', None)\n        return actions\n")
NEW = ("    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):\n"
       "        actions = super().get_actions(request, action_location=action_location)\n"
       "        actions.pop('delete_selected', None)\n        return actions\n")


@pytest.mark.parametrize("before, after", [
    (HEAD + "class A(admin.ModelAdmin):\n" + BODY, HEAD + "class A(admin.ModelAdmin):\n" + NEW),
    ("from django.contrib.admin import ModelAdmin\n\n\nclass A(ModelAdmin):\n    def get_actions(self, request):\n        return {}\n",
     "from django.contrib.admin import ModelAdmin, ActionLocation\n\n\nclass A(ModelAdmin):\n"
     "    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):\n        return {}\n"),
    ("from django.contrib import admin\nfrom shop.base import ShopAdmin\n\n\nclass A(ShopAdmin):\n" + BODY,
     "from django.contrib import admin\nfrom shop.base import ShopAdmin\n\n\nclass A(ShopAdmin):\n" + NEW),
])
def test_transformed(before, after):
    check_transformed(ModeladminGetActions, before, after, filename="shop/admin.py", target="6.1")


@pytest.mark.parametrize("source", [
    HEAD + "class A(admin.ModelAdmin):\n    def get_actions(self, request, action_location=None):\n        return {}\n",
    HEAD + "class A(admin.ModelAdmin):\n    def get_actions(self, request, **kwargs):\n        return {}\n",
    HEAD + "class A(admin.TabularInline):\n    def get_actions(self, request):\n        return {}\n",
    "def get_actions(self, request):\n    return {}\n",
    "doc = 'get_actions'\n",
])
def test_noop(source):
    check_noop(ModeladminGetActions, source, filename="shop/admin.py", target="6.1")


def test_noop_adding_actions_reported():
    check_noop(ModeladminGetActions, HEAD + "class A(admin.ModelAdmin):\n    def get_actions(self, request):\n"
               "        actions = super().get_actions(request)\n        actions['x'] = (f, 'x', 'X')\n        return actions\n",
               filename="shop/admin.py", target="6.1", reported=True)


def test_noop_actionlocation_taken_reported():
    check_noop(ModeladminGetActions, "from django.contrib.admin import ModelAdmin\nActionLocation = 1\n\n\n"
               "class A(ModelAdmin):\n    def get_actions(self, request):\n        return {}\n",
               filename="shop/admin.py", target="6.1", reported=True)
