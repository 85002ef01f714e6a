"""Codemod: ModelAdmin.lookup_allowed(self, lookup, value) -> (self, lookup, value, request=None)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.calls import positional, with_args
from codemods.signature import OverrideSignatureCodemod, insert_param, name_uses, param, positional_names


class LookupAllowedRequest(OverrideSignatureCodemod):
    """Add the ``request`` parameter to ``ModelAdmin.lookup_allowed()`` overrides.

    What it does: in a class deriving from ``ModelAdmin`` (or a project base whose name ends in
    ``Admin``), ``def lookup_allowed(self, lookup, value)`` becomes
    ``def lookup_allowed(self, lookup, value, request=None)`` - Django's own signature - and a
    ``super().lookup_allowed(lookup, value)`` inside it passes ``request`` on. Left alone and
    reported: a body that already uses the name ``request``.

    Why: Django 5.0 passes the request and deprecated overrides without it
    (``RemovedInDjango60Warning``: "`request` must be added to the signature of
    <Admin>.lookup_allowed()."); 6.0 always passes it (``TypeError`` for the old signature).

    Example::

        # before
        def lookup_allowed(self, lookup, value):
            return super().lookup_allowed(lookup, value) or lookup == "owner__email"

        # after
        def lookup_allowed(self, lookup, value, request=None):
            return super().lookup_allowed(lookup, value, request) or lookup == "owner__email"

    Django versions: ``request`` is accepted since Django 5.0; needed before 6.0.
    """

    name = "lookup_allowed_request"
    changes = ("modeladmin-lookup-allowed",)
    available_from = "5.0"
    removed_in = "6.0"
    triggers = ("lookup_allowed",)
    kinds = frozenset({"python"})
    migrations = False
    method = "lookup_allowed"
    bases = ("django.contrib.admin.ModelAdmin", "django.contrib.admin.options.ModelAdmin",
             "django.contrib.gis.admin.GISModelAdmin")
    base_suffixes = ("Admin",)

    def ast_needs_change(self, fn) -> bool:
        return len(fn.args.posonlyargs + fn.args.args) == 3 and not fn.args.kwonlyargs

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        names = positional_names(fn)
        if len(names) != 3 or names[0] != "self" or "request" in names or fn.params.kwonly_params:
            return None
        if name_uses(fn.body, "request"):
            ctx.report(fn, "lookup_allowed() already uses the name 'request': add the parameter by hand")
            return None
        return insert_param(fn, 3, param("request", "None"))

    def new_super_call(self, call: cst.Call, fn, ctx):
        if len(positional(call)) == 2 and len(call.args) == 2:
            return with_args(call, list(call.args) + [cst.Arg(cst.Name("request"))])
        return call
