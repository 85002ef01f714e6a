"""codemods/signature.py: ``OverrideSignatureCodemod.confirm`` turns away the classes the transform
would not touch (so libcst never sees such a file), and lets through every class it might."""

import ast

import pytest

from codemods.apply import make_context
from codemods.catalogue.get_group_by_cols_alias import GetGroupByColsAlias
from codemods.catalogue.inline_has_add_permission import InlineHasAddPermission
from tests.codemods.helpers import check_noop, check_transformed

DEF = "    def has_add_permission(self, request):\n        return False\n"


def confirms(codemod_cls, source: str, target: str | None = None) -> bool:
    return codemod_cls().confirm(ast.parse(source), source, make_context("shop/admin.py", source, target))


@pytest.mark.parametrize("source", [
    "from django.contrib import admin\n\nclass I(admin.TabularInline):\n" + DEF,  # the last name
    "from django.contrib.admin import options\n\nclass I(options.InlineModelAdmin):\n" + DEF,
    "class I(ProjectInline):\n" + DEF,  # a suffix
    "from django.contrib.admin import TabularInline as Base\n\nclass I(Base):\n" + DEF,  # an alias
    "import django.contrib.admin as a\n\nclass I(a.StackedInline):\n" + DEF,
    "def f():\n    from django.contrib.admin import TabularInline as T\n    return T\n\nclass I(T):\n" + DEF,
    "class I(*bases, ProjectInline):\n" + DEF,
])
def test_confirmed(source):
    assert confirms(InlineHasAddPermission, source)


@pytest.mark.parametrize("source", [
    "from django.contrib import admin\n\nclass I(admin.ModelAdmin):\n" + DEF,
    "class InlineModelAdmin(BaseModelAdmin):\n" + DEF,  # Django's own base class
    "class I:\n" + DEF,
    "class I(make_base()):\n" + DEF,
    "from django.contrib import admin\n\nclass I(admin.TabularInline):\n"
    "    def has_add_permission(self, request, obj=None):\n        return False\n",
])
def test_turned_away(source):
    assert not confirms(InlineHasAddPermission, source)


def test_aliased_base_is_rewritten():
    check_transformed(InlineHasAddPermission,
                      "from django.contrib.admin import TabularInline as Base\n\n\nclass I(Base):\n" + DEF,
                      "from django.contrib.admin import TabularInline as Base\n\n\nclass I(Base):\n"
                      "    def has_add_permission(self, request, obj=None):\n        return False\n",
                      filename="shop/admin.py")


def test_unmatched_base_left_alone():
    check_noop(InlineHasAddPermission, "class InlineModelAdmin(BaseModelAdmin):\n" + DEF, filename="shop/admin.py")


GROUP_BY = "class Sum(Aggregate):\n    def get_group_by_cols(self):\n        return []\n"


@pytest.mark.parametrize("target, expected", [("3.2", True), ("4.1", True), ("4.2", False), ("6.1", False),
                                              (None, True)])
def test_group_by_cols_alias_target(target, expected):
    assert confirms(GetGroupByColsAlias, GROUP_BY, target) is expected
