"""Codemod: QuerySet.earliest(field_name=x) / latest(field_name=x) -> earliest(x) / latest(x)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of

_METHODS = ("earliest", "latest")


class QuerysetEarliestFieldName(Codemod):
    """Pass the field to ``QuerySet.earliest()`` / ``latest()`` positionally.

    What it does: ``qs.earliest(field_name="created")`` becomes ``qs.earliest("created")`` (the same
    for ``latest``), on any receiver, when ``field_name=`` is the only argument.

    Why: Django 2.0 let both methods take several fields positionally and deprecated the keyword
    (``RemovedInDjango30Warning``: "The field_name keyword argument to earliest() and latest() is
    deprecated in favor of passing positional arguments."); 3.0 removed it.

    Example::

        # before
        newest = Order.objects.latest(field_name="created")

        # after
        newest = Order.objects.latest("created")

    Django versions: the positional form works on every release the tool knows; needed before 3.0.
    """

    name = "queryset_earliest_field_name"
    changes = ("queryset-earliest",)
    available_from = "1.11"
    removed_in = "3.0"
    triggers = ("field_name=",)
    kinds = frozenset({"python"})
    migrations = False

    def prefilter(self, text: str) -> bool:
        return "field_name=" in text and any(m in text for m in _METHODS)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(isinstance(c.func, ast.Attribute) and c.func.attr in _METHODS and not c.args
                   and [k.arg for k in c.keywords] == ["field_name"] for c in nodes_of(tree, ast.Call))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Rewrite())


class _Rewrite(cst.CSTTransformer):
    def leave_Call(self, original: cst.Call, updated: cst.Call):
        f = updated.func
        if isinstance(f, cst.Attribute) and f.attr.value in _METHODS and len(updated.args) == 1:
            a = updated.args[0]
            if a.keyword is not None and a.keyword.value == "field_name" and a.star == "":
                return updated.with_changes(args=[a.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)])
        return updated
