"""Codemod: Model.from_db(cls, db, field_names, values) -> (..., *, fetch_mode=None)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.calls import keyword, kwarg, positional, with_args
from codemods.signature import OverrideSignatureCodemod, append_kwonly, name_uses, param, positional_names


class ModelFromDbFetchMode(OverrideSignatureCodemod):
    """Add the keyword-only ``fetch_mode`` parameter to ``Model.from_db()`` overrides.

    What it does: in any class (model classes and abstract bases),
    ``def from_db(cls, db, field_names, values)`` becomes
    ``def from_db(cls, db, field_names, values, *, fetch_mode=None)`` - Django's own signature - and a
    ``super().from_db(db, field_names, values)`` inside it passes ``fetch_mode=fetch_mode`` on, so
    instances keep the fetch mode of the queryset that loaded them. Left alone and reported: a body
    that already uses the name ``fetch_mode``.

    Why: Django 6.1 added fetch modes and deprecated overrides without the parameter
    (``RemovedInDjango2028Warning``: "<Model>.from_db() must accept a fetch_mode keyword
    argument.").

    Example::

        # before
        @classmethod
        def from_db(cls, db, field_names, values):
            instance = super().from_db(db, field_names, values)
            instance._loaded_values = dict(zip(field_names, values))
            return instance

        # after
        @classmethod
        def from_db(cls, db, field_names, values, *, fetch_mode=None):
            instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
            instance._loaded_values = dict(zip(field_names, values))
            return instance

    Django versions: ``fetch_mode`` exists since Django 6.1; needed before 2028.
    """

    name = "model_from_db_fetch_mode"
    changes = ("model-from-db",)
    available_from = "6.1"
    removed_in = "2028"
    triggers = ("from_db",)
    kinds = frozenset({"python"})
    migrations = False
    method = "from_db"

    def ast_needs_change(self, fn) -> bool:
        return len(fn.args.posonlyargs + fn.args.args) == 4 and not fn.args.kwonlyargs

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        names = positional_names(fn)
        if len(names) != 4 or "fetch_mode" in names or fn.params.kwonly_params:
            return None
        if name_uses(fn.body, "fetch_mode"):
            ctx.report(fn, "from_db() already uses the name 'fetch_mode': add the parameter by hand")
            return None
        return append_kwonly(fn, param("fetch_mode", "None"))

    def new_super_call(self, call: cst.Call, fn, ctx):
        if len(positional(call)) == 3 and len(call.args) == 3 and keyword(call, "fetch_mode") is None:
            return with_args(call, list(call.args) + [kwarg("fetch_mode", cst.Name("fetch_mode"))])
        return call
