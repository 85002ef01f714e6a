"""Codemod: drop is_dst=None from make_aware() / Trunc*() / QuerySet.datetimes()."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.calls import keyword, with_args
from codemods.imports import ImportIndex, dotted
from codemods.keywords import resolve_call

_TRUNCS = ("Trunc", "TruncSecond", "TruncMinute", "TruncHour", "TruncDay", "TruncWeek", "TruncMonth",
           "TruncQuarter", "TruncYear", "TruncDate", "TruncTime")
CALLABLES = ("django.utils.timezone.make_aware",) + tuple(
    f"{m}.{n}" for m in ("django.db.models.functions", "django.db.models.functions.datetime") for n in _TRUNCS)


def _is_none(node) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


class IsDstArgument(Codemod):
    """Remove ``is_dst=None`` from ``make_aware()``, ``Trunc*()`` and ``QuerySet.datetimes()``.

    What it does: drops the ``is_dst=None`` keyword - the old default, so removing it changes nothing
    on any Django - from calls of ``django.utils.timezone.make_aware``, the ``Trunc`` database
    functions (``django.db.models.functions``) and ``.datetimes(...)`` on any queryset. Left alone
    and reported: ``is_dst=True`` / ``is_dst=False`` / computed values (with ``pytz`` they chose
    the side of an ambiguous or missing local time, raising otherwise; ``zoneinfo`` uses
    ``datetime.fold`` instead - decide by hand).

    Why: Django 4.0 deprecated ``is_dst`` (``RemovedInDjango50Warning``: "The is_dst argument to
    make_aware(), ... is deprecated as it has no effect with zoneinfo time zones.") and 5.0 removed it
    (``TypeError``).

    Example::

        # before
        aware = make_aware(naive, is_dst=None)

        # after
        aware = make_aware(naive)

    Django versions: omitting it is the same on every release the tool knows; needed before 5.0.
    """

    name = "is_dst_argument"
    changes = ("is-dst-argument",)
    available_from = "1.11"
    removed_in = "5.0"
    triggers = ("is_dst",)
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(any(k.arg == "is_dst" for k in c.keywords) for c in nodes_of(tree, ast.Call))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Rewrite(ImportIndex.build(module), ctx))


class _Rewrite(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        arg = keyword(updated, "is_dst")
        if arg is None:
            return updated
        f = updated.func
        ours = isinstance(f, cst.Attribute) and f.attr.value == "datetimes"
        if not ours:
            qual, reason = resolve_call(self.index, f)
            ours = qual in CALLABLES
            if not ours:
                if reason:
                    self.ctx.report(original, f"left {dotted(f)}(is_dst=...) alone: {reason}")
                return updated
        if not _is_none(arg.value):
            self.ctx.report(original, "is_dst is not None here: it has no effect with zoneinfo (Django 4.0+) and is "
                                      "removed in 5.0; handle ambiguous times with datetime.fold by hand")
            return updated
        return with_args(updated, [a for a in updated.args if a is not arg])
