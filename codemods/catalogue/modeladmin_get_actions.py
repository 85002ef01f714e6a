"""Codemod: ModelAdmin.get_actions(self, request) -> (self, request, action_location=...)."""

from __future__ import annotations

import libcst as cst

from codemods.action_location import ActionLocationOverride
from codemods.base import FileContext
from codemods.calls import keyword, kwarg, positional, with_args
from codemods.signature import insert_param, name_uses, param, positional_names


class _AddsActions(cst.CSTVisitor):
    """``actions[...] = ...`` / ``actions.update(...)`` / ``setdefault``: the override adds actions."""

    found = False

    def visit_AssignTarget(self, node):
        if isinstance(node.target, cst.Subscript):
            self.found = True

    def visit_Call(self, node):
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("update", "setdefault"):
            self.found = True


class ModeladminGetActions(ActionLocationOverride):
    """Add ``action_location`` to ``ModelAdmin.get_actions()`` overrides.

    What it does: in a class deriving from ``ModelAdmin`` (or a project base whose name ends in
    ``Admin``), ``def get_actions(self, request)`` becomes ``def get_actions(self, request,
    action_location=ActionLocation.CHANGE_LIST)`` and ``super().get_actions(request)`` inside it
    passes ``action_location=action_location`` on. ``ActionLocation`` is written through an existing
    ``from django.contrib import admin`` (``admin.ActionLocation``) or imported from
    ``django.contrib.admin``. Left alone and reported: an override that adds actions itself
    (``actions[name] = ...``, ``.update()``): with the old signature Django showed no actions on the
    change form, with the new one those added actions would appear there too - decide by hand.

    Why: Django 6.1 added admin actions on the change form and deprecated overrides without the
    parameter (``RemovedInDjango2028Warning``: "Overriding get_actions() without the
    'action_location' parameter is deprecated.").

    Example::

        # before
        def get_actions(self, request):
            actions = super().get_actions(request)
            actions.pop("delete_selected", None)
            return actions

        # after
        def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
            actions = super().get_actions(request, action_location=action_location)
            actions.pop("delete_selected", None)
            return actions

    Django versions: ``ActionLocation`` exists since Django 6.1; needed before 2028.
    """

    name = "modeladmin_get_actions"
    changes = ("modeladmin-get-actions",)
    available_from = "6.1"
    removed_in = "2028"
    triggers = ("get_actions",)
    kinds = frozenset({"python"})
    migrations = False
    method = "get_actions"

    def ast_needs_change(self, fn) -> bool:
        return len(fn.args.posonlyargs + fn.args.args) == 2 and not fn.args.kwonlyargs

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        names = positional_names(fn)
        if len(names) != 2 or names[0] != "self" or fn.params.kwonly_params:
            return None
        adds = _AddsActions()
        fn.body.visit(adds)
        if adds.found:
            ctx.report(fn, "get_actions() adds actions: with action_location they would also show on the change "
                           "form; add the parameter by hand (and return {} for ActionLocation.CHANGE_FORM to keep "
                           "the old page)")
            return None
        if name_uses(fn.body, "action_location"):
            ctx.report(fn, "get_actions() already uses the name 'action_location': add the parameter by hand")
            return None
        location = self._location(self._index)
        if location is None:
            ctx.report(fn, "the name ActionLocation is taken in this module: add the parameter by hand")
            return None
        return insert_param(fn, 2, param("action_location", f"{location}.CHANGE_LIST"))

    def new_super_call(self, call: cst.Call, fn, ctx):
        if len(positional(call)) == 1 and len(call.args) == 1 and keyword(call, "action_location") is None:
            return with_args(call, list(call.args) + [kwarg("action_location", cst.Name("action_location"))])
        return call
