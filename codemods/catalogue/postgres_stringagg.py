"""Codemod: django.contrib.postgres StringAgg -> django.db.models.StringAgg with Value() delimiters."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.calls import keyword, positional
from codemods.imports import ImportIndex, add_from_import, dotted
from codemods.keywords import resolve_call
from codemods.names import name_for
from codemods.rename import RenameCodemod

OLDS = ("django.contrib.postgres.aggregates.StringAgg", "django.contrib.postgres.aggregates.general.StringAgg")


class PostgresStringagg(RenameCodemod):
    """Use the generic ``django.db.models.StringAgg``, with the delimiter wrapped in ``Value()``.

    What it does: ``from django.contrib.postgres.aggregates import StringAgg`` becomes
    ``from django.db.models import StringAgg``, and in its calls a string-literal delimiter
    (``StringAgg("name", ", ")`` or ``delimiter=", "``) becomes ``Value(", ")`` - exactly what the
    PostgreSQL class did with a ``str`` before calling the generic one. A delimiter that is already
    an expression (``Value(...)``, ``F(...)``) is kept. Left alone and reported (the whole file): a
    delimiter that is neither a literal nor an obvious expression (a variable may hold a ``str``,
    which the generic class reads as a field name), ``*args`` / ``**kwargs``, and the deprecated
    ``ordering=`` argument (see ``postgres_aggregate_ordering``).

    Why: Django 6.0 added ``StringAgg`` for every database and deprecated the PostgreSQL one and
    its ``str`` delimiters (``RemovedInDjango2028Warning``: "The PostgreSQL specific StringAgg
    function is deprecated. Use django.db.models.aggregates.StringAgg instead." / "delimiter: str
    will be resolved as a field reference instead of a string literal on Django 2028. Pass
    `delimiter=Value(',')` to preserve the previous behavior.").

    Example::

        # before
        from django.contrib.postgres.aggregates import StringAgg
        names = StringAgg("name", delimiter=", ")

        # after
        from django.db.models import Value, StringAgg
        names = StringAgg("name", delimiter=Value(", "))

    Django versions: ``django.db.models.StringAgg`` exists since Django 6.0 (targets >= 6.0 only);
    needed before 2028.
    """

    local_statements = False  # (its own transform: not audited for statement elision)

    name = "postgres_stringagg"
    changes = ("postgres-stringagg", "stringagg-str-delimiter")
    available_from = "6.0"
    removed_in = "2028"
    triggers = ("StringAgg",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {old: "django.db.models.StringAgg" for old in OLDS}

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        value = name_for(index, "django.db.models.Value", ("django.db.models.expressions.Value",))
        t = _WrapDelimiters(index, ctx, value[0] if value else None)
        wrapped = module.visit(t)
        if t.refused:
            return module
        if t.wrapped and value and value[1]:
            wrapped = add_from_import(wrapped, *value[1])
        return super().transform(wrapped, ctx)


class _WrapDelimiters(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext, value_name: str | None):
        self.index, self.ctx, self.value_name = index, ctx, value_name
        self.refused = False
        self.wrapped = False

    def _refuse(self, node, why: str):
        self.refused = True
        self.ctx.report(node, f"{why}: move to django.db.models.StringAgg by hand")

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        chain = dotted(updated.func)
        if chain is None or not chain.endswith("StringAgg"):
            return updated
        qual, _ = resolve_call(self.index, updated.func)
        if qual not in OLDS:
            return updated
        if any(a.star for a in updated.args) or keyword(updated, "ordering") is not None:
            self._refuse(original, "StringAgg(*args/**kwargs or ordering=)")
            return updated
        pos = positional(updated)
        arg = keyword(updated, "delimiter") or (pos[1] if len(pos) > 1 else None)
        if arg is None:
            return updated
        v = arg.value
        if isinstance(v, (cst.SimpleString, cst.ConcatenatedString)) and "f" not in getattr(v, "prefix", "").lower():
            if self.value_name is None:
                self._refuse(original, "the name Value means something else here")
                return updated
            self.wrapped = True
            new = arg.with_changes(value=cst.Call(func=cst.Name(self.value_name), args=[cst.Arg(v)]))
            return updated.with_changes(args=[new if a is arg else a for a in updated.args])
        if isinstance(v, cst.Call):
            return updated  # an expression (Value(...), F(...), Concat(...))
        self._refuse(original, "the delimiter is not a string literal (a str variable would become a field reference)")
        return updated
