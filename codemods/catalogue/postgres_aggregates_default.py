"""Codemod: ArrayAgg / JSONBAgg / StringAgg without default= -> the explicit old empty result."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.calls import has_star, keyword, kwarg, with_args
from codemods.callrewrite import CallRewriteCodemod

_MODS = ("django.contrib.postgres.aggregates", "django.contrib.postgres.aggregates.general")
_EMPTY = {"ArrayAgg": "[]", "JSONBAgg": "'[]'", "StringAgg": "''"}


class PostgresAggregatesDefault(CallRewriteCodemod):
    """Pass ``default=Value(...)`` to ``ArrayAgg`` / ``JSONBAgg`` / ``StringAgg`` to keep their empty result.

    What it does: a call of ``django.contrib.postgres.aggregates.ArrayAgg`` / ``JSONBAgg`` /
    ``StringAgg`` without ``default=`` gets ``default=Value([])`` / ``default=Value('[]')`` /
    ``default=Value('')`` - the values Django's own deprecation warning names to keep the previous
    behaviour (an empty list / JSON array / string over no rows instead of ``None``). ``Value`` is
    imported from ``django.db.models``. Left alone and reported: ``**kwargs`` (may carry
    ``default``) and modules where ``Value`` names something else. If your code already handles
    ``None``, drop the argument by hand to opt into the new behaviour.

    Why: Django 4.0 deprecated the implicit empty result (``RemovedInDjango50Warning``: "In Django
    5.0, ArrayAgg() will return None instead of an empty list if there are no rows. Pass
    default=None to opt into the new behavior and silence this warning or default=Value([]) to keep
    the previous behavior."); 5.0 returns ``None``.

    Example::

        # before
        tags = ArrayAgg("tags__name")

        # after
        tags = ArrayAgg("tags__name", default=Value([]))

    Django versions: aggregates accept ``default`` since Django 4.0 (targets >= 4.0 only); needed
    before 5.0.
    """

    name = "postgres_aggregates_default"
    changes = ("postgres-aggregates-empty-result",)
    available_from = "4.0"
    removed_in = "5.0"
    triggers = ("ArrayAgg", "JSONBAgg", "StringAgg")
    kinds = frozenset({"python"})
    migrations = False
    callables = tuple(f"{m}.{n}" for m in _MODS for n in _EMPTY)

    def ast_wants(self, call: ast.Call) -> bool:
        return not any(k.arg == "default" for k in call.keywords)

    def rewrite(self, call, qual, ctx, edit):
        if keyword(call, "default") is not None:
            return None
        if has_star(call, ("**",)):
            edit.report(f"{qual.rpartition('.')[2]}(**...) may pass default=: check it by hand")
            return None
        value = edit.name_for("django.db.models.Value", ("django.db.models.expressions.Value",))
        if value is None:
            edit.report("the name Value means something else here: add default= by hand")
            return None
        empty = cst.parse_expression(f"{value}({_EMPTY[qual.rpartition('.')[2]]})")
        return with_args(call, list(call.args) + [kwarg("default", empty)])
