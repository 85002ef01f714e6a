"""Codemod: ModelAdmin.get_action_choices(self, request, default_choices=...) -> (..., action_location=...)."""

from __future__ import annotations

import libcst as cst

from codemods.action_location import ActionLocationOverride
from codemods.base import FileContext
from codemods.calls import keyword, kwarg, positional
from codemods.signature import insert_param, name_uses, param, positional_names


class ModeladminGetActionChoices(ActionLocationOverride):
    """Add ``action_location`` to ``ModelAdmin.get_action_choices()`` overrides.

    What it does: in a class deriving from ``ModelAdmin`` (or a project base whose name ends in
    ``Admin``), ``def get_action_choices(self, request, default_choices=...)`` gets a third parameter
    ``action_location=ActionLocation.CHANGE_LIST``, and ``super().get_action_choices(...)`` inside it
    passes ``action_location=action_location`` on. ``ActionLocation`` is written through an existing
    ``from django.contrib import admin`` (``admin.ActionLocation``) or imported from
    ``django.contrib.admin``. Left alone and reported: a method already using the name
    ``action_location``, other parameter shapes, and modules where ``ActionLocation`` names something
    else; ``*args`` / ``**kwargs`` overrides already accept it.

    On the change list nothing changes (Django passes ``CHANGE_LIST``, the default). On the change
    form, which shows actions only for those declared with ``@admin.action(location=...)``, the
    old-signature override's ``super()`` call built the change-list choices (plural descriptions,
    change-list actions; choosing one that is not a change-form action failed); now it gets the
    change-form ones, as for a ``ModelAdmin`` without the override.

    Why: Django 6.1 added admin actions on the change form and deprecated overrides without the
    parameter (``RemovedInDjango2028Warning``: "Overriding get_action_choices() without the
    'action_location' parameter is deprecated.").

    Example::

        # before
        def get_action_choices(self, request, default_choices=BLANK_CHOICE_DASH):
            return super().get_action_choices(request, default_choices)[1:]

        # after
        def get_action_choices(self, request, default_choices=BLANK_CHOICE_DASH, action_location=admin.ActionLocation.CHANGE_LIST):
            return super().get_action_choices(request, default_choices, action_location=action_location)[1:]

    Django versions: ``ActionLocation`` exists since Django 6.1; needed before 2028.
    """

    name = "modeladmin_get_action_choices"
    changes = ("modeladmin-get-action-choices",)
    available_from = "6.1"
    removed_in = "2028"
    triggers = ("get_action_choices",)
    kinds = frozenset({"python"})
    migrations = False
    method = "get_action_choices"

    def ast_needs_change(self, fn) -> bool:
        names = [a.arg for a in fn.args.posonlyargs + fn.args.args]
        return len(names) == 3 and names[2] == "default_choices" and not fn.args.kwonlyargs

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        names = positional_names(fn)
        if len(names) != 3 or names[0] != "self" or names[2] != "default_choices" or fn.params.kwonly_params \
                or fn.params.posonly_params:
            return None
        if name_uses(fn.body, "action_location"):
            ctx.report(fn, "get_action_choices() already uses the name 'action_location': add the parameter by hand")
            return None
        location = self._location(self._index)
        if location is None:
            ctx.report(fn, "the name ActionLocation is taken in this module: add the action_location parameter by hand")
            return None
        return insert_param(fn, 3, param("action_location", f"{location}.CHANGE_LIST"))

    def new_super_call(self, call: cst.Call, fn, ctx):
        if any(a.star for a in call.args) or keyword(call, "action_location") is not None or len(positional(call)) > 2:
            return call
        args = list(call.args)
        last = args[-1].comma if args else cst.MaybeSentinel.DEFAULT
        sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        args = [a.with_changes(comma=sep) for a in args]
        return call.with_changes(args=[*args, kwarg("action_location", cst.Name("action_location")).with_changes(comma=last)])
