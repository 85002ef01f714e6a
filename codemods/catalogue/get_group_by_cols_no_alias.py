"""Codemod: Expression.get_group_by_cols(self, alias=None) -> (self) on Django 4.2+."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.calls import keyword, positional
from codemods.signature import OverrideSignatureCodemod, is_super_call, name_uses, positional_names, remove_param


def _alias_arg_only(call: cst.Call) -> bool:
    """``super().get_group_by_cols(alias)`` / ``(alias=alias)``: the only argument is the parameter."""
    if len(call.args) != 1:
        return False
    a = call.args[0]
    return isinstance(a.value, cst.Name) and a.value.value == "alias" and a.star == "" \
        and (a.keyword is None or a.keyword.value == "alias")


class GetGroupByColsNoAlias(OverrideSignatureCodemod):
    """Drop the ``alias`` parameter of ``get_group_by_cols()`` overrides (Django 4.2+).

    What it does: ``def get_group_by_cols(self, alias=None)`` becomes
    ``def get_group_by_cols(self)`` when the body uses ``alias`` only to pass it to
    ``super().get_group_by_cols(alias)`` (which becomes ``super().get_group_by_cols()``). A body that
    uses ``alias`` otherwise is reported: on 4.2 it is always ``None``, so simplify it by hand.

    Why: Django 4.2 removed the ``alias`` argument again, without a deprecation period (backwards
    incompatible changes in 4.2); ``super().get_group_by_cols(alias)`` raises ``TypeError`` there.

    Example::

        # before
        def get_group_by_cols(self, alias=None):
            return super().get_group_by_cols(alias)

        # after
        def get_group_by_cols(self):
            return super().get_group_by_cols()

    Django versions: Django calls ``get_group_by_cols()`` without arguments from 4.2 on (targets
    >= 4.2 only).
    """

    name = "get_group_by_cols_no_alias"
    changes = ("get-group-by-cols-alias",)
    available_from = "4.2"
    removed_in = "4.2"
    triggers = ("get_group_by_cols",)
    kinds = frozenset({"python"})
    migrations = False
    method = "get_group_by_cols"

    def ast_needs_change(self, fn) -> bool:
        return [a.arg for a in fn.args.posonlyargs + fn.args.args] == ["self", "alias"]

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        if positional_names(fn) != ["self", "alias"] or fn.params.kwonly_params:
            return None
        supers = _SuperAliasCalls()
        fn.body.visit(supers)
        if name_uses(fn.body, "alias") != supers.count:
            ctx.report(fn, "get_group_by_cols() uses 'alias' (always None on Django 4.2): remove it by hand")
            return None
        return remove_param(fn, "alias")

    def new_super_call(self, call: cst.Call, fn, ctx):
        if _alias_arg_only(call):
            return call.with_changes(args=[])
        return call


class _SuperAliasCalls(cst.CSTVisitor):
    def __init__(self):
        self.count = 0

    def visit_Call(self, node):
        if is_super_call(node, "get_group_by_cols") and _alias_arg_only(node):
            self.count += 1
