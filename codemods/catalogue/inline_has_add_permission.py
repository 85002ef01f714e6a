"""Codemod: InlineModelAdmin.has_add_permission(self, request) -> (self, request, obj=None)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.calls import positional, with_args
from codemods.signature import OverrideSignatureCodemod, insert_param, name_uses, param


class InlineHasAddPermission(OverrideSignatureCodemod):
    """Add the ``obj`` parameter to ``has_add_permission()`` overrides of admin inlines.

    What it does: in a class deriving from ``InlineModelAdmin`` / ``TabularInline`` /
    ``StackedInline`` (also the ``contenttypes`` generic inlines and project bases whose name ends in
    ``Inline``), ``def has_add_permission(self, request)`` becomes
    ``def has_add_permission(self, request, obj=None)``, and a ``super().has_add_permission(request)``
    inside it passes ``obj`` on. ``ModelAdmin.has_add_permission(self, request)`` (no ``obj``) is
    not touched. Left alone and reported: a method whose body already uses the name ``obj``.

    Why: Django 2.1 added ``obj`` (the parent object being edited) to
    ``InlineModelAdmin.has_add_permission()`` and kept a shim for overrides without it
    (``RemovedInDjango30Warning``: "Update InlineModelAdmin.has_add_permission() to accept a
    positional `obj` argument."); Django 3.0 removed the shim, so the old signature raises
    ``TypeError``.

    Example::

        # before
        class ItemInline(admin.TabularInline):
            def has_add_permission(self, request):
                return super().has_add_permission(request) and request.user.is_staff

        # after
        class ItemInline(admin.TabularInline):
            def has_add_permission(self, request, obj=None):
                return super().has_add_permission(request, obj) and request.user.is_staff

    Django versions: Django passes ``obj`` since 2.1 (so the parameter works from 2.1); needed
    before 3.0.
    """

    name = "inline_has_add_permission"
    changes = ("inlinemodeladmin-has-add-permission",)
    available_from = "2.1"
    removed_in = "3.0"
    triggers = ("has_add_permission",)
    kinds = frozenset({"python"})
    migrations = False
    method = "has_add_permission"
    bases = (
        "django.contrib.admin.options.InlineModelAdmin", "django.contrib.admin.TabularInline",
        "django.contrib.admin.StackedInline", "django.contrib.admin.options.TabularInline",
        "django.contrib.admin.options.StackedInline", "django.contrib.contenttypes.admin.GenericTabularInline",
        "django.contrib.contenttypes.admin.GenericStackedInline",
        "django.contrib.contenttypes.admin.GenericInlineModelAdmin",
    )
    base_suffixes = ("Inline",)

    def ast_needs_change(self, fn) -> bool:
        return [a.arg for a in fn.args.posonlyargs + fn.args.args] == ["self", "request"] \
            and not fn.args.vararg and not fn.args.kwarg

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        from codemods.signature import positional_names

        if positional_names(fn) != ["self", "request"] or fn.params.kwonly_params:
            return None
        if name_uses(fn.body, "obj"):
            ctx.report(fn, "has_add_permission() uses the name 'obj' already: add the obj parameter by hand")
            return None
        return insert_param(fn, 2, param("obj", "None"))

    def new_super_call(self, call: cst.Call, fn, ctx):
        if len(positional(call)) == 1 and len(call.args) == 1:
            return with_args(call, list(call.args) + [cst.Arg(cst.Name("obj"))])
        return call
