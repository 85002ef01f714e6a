"""Codemod: Signal(providing_args=[...]) -> Signal()."""

from __future__ import annotations

import re

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_calls_of, has_star, kwarg, positional, with_args
from codemods.imports import ImportIndex

QUALNAMES = ("django.dispatch.Signal", "django.dispatch.dispatcher.Signal")


_POSITIONAL = re.compile(r"Signal\(\s*(?!\)|use_caching)")


class SignalProvidingArgs(Codemod):
    """Drop the ``providing_args`` argument of ``django.dispatch.Signal()``.

    What it does: removes ``providing_args=[...]`` (or the first positional argument, which is
    ``providing_args`` in Django < 4.0) from ``Signal(...)`` calls, turning a second positional
    argument into ``use_caching=...``. The list only ever served as documentation; the codemod keeps
    it as a comment above the signal.

    Why: ``providing_args`` was deprecated in Django 3.1 (``RemovedInDjango40Warning``) and removed
    in Django 4.0, where passing it raises ``TypeError``.

    Example::

        # before
        order_paid = Signal(providing_args=["order", "amount"])

        # after
        # Sends: order, amount
        order_paid = Signal()

    Django versions: ``Signal()`` without arguments works on every release; needed before 4.0.
    """

    name = "signal_providing_args"
    changes = ("signal-providing-args",)
    available_from = "2.0"
    removed_in = "4.0"
    triggers = ("Signal(",)

    def prefilter(self, text: str) -> bool:
        # providing_args=..., or a positional first argument (Signal() alone is the modern form)
        return "Signal(" in text and ("providing_args" in text or _POSITIONAL.search(text) is not None)
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        for qn in QUALNAMES:
            for call in ast_calls_of(tree, qn):
                if call.args or any(k.arg in ("providing_args", None) for k in call.keywords):
                    return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        return module.visit(_Transformer(index, ctx))


def _names_comment(value: cst.BaseExpression) -> str | None:
    if isinstance(value, (cst.List, cst.Tuple, cst.Set)):
        names = []
        for el in value.elements:
            if isinstance(el.value, cst.SimpleString):
                names.append(el.value.evaluated_value)
            else:
                return None
        return ", ".join(names) if names else None
    return None


class _Transformer(cst.CSTTransformer):
    def __init__(self, index, ctx):
        self.index, self.ctx = index, ctx
        self.comment_for_statement: str | None = None

    def leave_Call(self, original, updated):
        if self.index.resolve(original.func) not in QUALNAMES:
            return updated
        local = (self.index.resolve(original.func) or "").rsplit(".", 1)[-1]
        if self.index.unsure_reason(local):
            self.ctx.report(original, f"Signal left alone: {self.index.unsure_reason(local)}")
            return updated
        if has_star(updated):
            self.ctx.report(original, "Signal(*args/**kwargs): remove providing_args by hand")
            return updated
        pos = positional(updated)
        kws = [a for a in updated.args if a.keyword is not None]
        provided = None
        new_args: list[cst.Arg] = []
        if pos:
            provided = pos[0].value
            if len(pos) == 2:
                new_args.append(kwarg("use_caching", pos[1].value))
            elif len(pos) > 2:
                self.ctx.report(original, "Signal() with unexpected positional arguments left alone")
                return updated
        for a in kws:
            if a.keyword.value == "providing_args":
                provided = a.value
            else:
                new_args.append(a)
        if provided is None:
            return updated
        names = _names_comment(provided)
        if names:
            self.comment_for_statement = names
        return with_args(updated, new_args) if new_args else updated.with_changes(args=[])

    def leave_SimpleStatementLine(self, original, updated):
        if self.comment_for_statement:
            comment = cst.EmptyLine(comment=cst.Comment(f"# Sends: {self.comment_for_statement}"))
            self.comment_for_statement = None
            return updated.with_changes(leading_lines=[*updated.leading_lines, comment])
        return updated
