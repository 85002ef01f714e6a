"""Codemod: Expression.get_group_by_cols(self) -> (self, alias=None)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.signature import OverrideSignatureCodemod, insert_param, name_uses, param, positional_names
from core import versions


class GetGroupByColsAlias(OverrideSignatureCodemod):
    """Add the ``alias`` parameter to ``get_group_by_cols()`` overrides (Django 3.0 - 4.1).

    What it does: ``def get_group_by_cols(self)`` in any class (custom expressions and aggregates)
    becomes ``def get_group_by_cols(self, alias=None)``; its ``super()`` calls are left as they are
    (``alias`` defaults to ``None`` there too). For targets 4.2 and later it does nothing: 4.2 calls
    ``get_group_by_cols()`` without arguments again (see ``get_group_by_cols_no_alias``).

    Why: Django 3.0 passes ``alias`` and deprecated overrides without it
    (``RemovedInDjango40Warning``: "<Expression>.get_group_by_cols() must accept an alias
    argument."); 4.0 requires it.

    Example::

        # before
        def get_group_by_cols(self):
            return []

        # after
        def get_group_by_cols(self, alias=None):
            return []

    Django versions: ``alias`` is passed from Django 3.0 to 4.1; needed before 4.0.
    """

    name = "get_group_by_cols_alias"
    changes = ("get-group-by-cols-without-alias",)
    available_from = "3.0"
    removed_in = "4.0"
    triggers = ("get_group_by_cols",)
    kinds = frozenset({"python"})
    migrations = False
    method = "get_group_by_cols"

    def confirm(self, tree, text, ctx) -> bool:
        return not _calls_without_alias(ctx.target) and super().confirm(tree, text, ctx)

    def ast_needs_change(self, fn) -> bool:
        return [a.arg for a in fn.args.posonlyargs + fn.args.args] == ["self"] and not fn.args.kwonlyargs

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        if _calls_without_alias(ctx.target):
            return None
        if positional_names(fn) != ["self"] or fn.params.kwonly_params:
            return None
        if name_uses(fn.body, "alias"):
            ctx.report(fn, "get_group_by_cols() already uses the name 'alias': add the parameter by hand")
            return None
        return insert_param(fn, 1, param("alias", "None"))


def _calls_without_alias(target: str | None) -> bool:
    """Django 4.2 and later call ``get_group_by_cols()`` without ``alias`` again."""
    return bool(target) and versions.feature_key(versions.feature(target)) >= versions.feature_key("4.2")
