"""Codemod: drop nulls_first=False / nulls_last=False from asc() / desc() / OrderBy()."""

from __future__ import annotations

import ast
import re

import libcst as cst

from codemods.base import Codemod, FileContext, walk
from codemods.calls import ast_dotted, ast_import_targets, may_resolve_to, with_args
from codemods.imports import ImportIndex
from codemods.keywords import resolve_call

_ORDER_BY = ("django.db.models.OrderBy", "django.db.models.expressions.OrderBy")
_KEYS = ("nulls_first", "nulls_last")
_KEYWORD = re.compile(r"\bnulls_(?:first|last)[\s\\]*=(?!=)")
# a receiver built by calling one of these is one of Django's expressions
_DJANGO_EXPR_PREFIXES = ("django.db.models.", "django.contrib.postgres.")


def _is_false(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "False"


def _receiver_call(expr: cst.BaseExpression) -> cst.Call | None:
    """The call that built ``expr`` (``F("x")`` in ``F("x").asc``), looking through chained methods."""
    while True:
        if isinstance(expr, cst.Call):
            if isinstance(expr.func, cst.Attribute) and isinstance(expr.func.value, cst.Call):
                expr = expr.func.value  # F("x").bitand(1).asc(...)
                continue
            return expr
        return None


def _ast_receiver_call(expr: ast.expr) -> ast.Call | None:
    """``_receiver_call`` on the ``ast``."""
    while isinstance(expr, ast.Call):
        if isinstance(expr.func, ast.Attribute) and isinstance(expr.func.value, ast.Call):
            expr = expr.func.value
            continue
        return expr
    return None


class NullsFirstFalse(Codemod):
    """Drop ``nulls_first=False`` / ``nulls_last=False`` from ``asc()``, ``desc()`` and ``OrderBy()``.

    What it does: removes a literal ``nulls_first=False`` / ``nulls_last=False`` keyword from
    ``OrderBy(...)`` (``django.db.models``) and from ``.asc()`` / ``.desc()`` called on an
    expression that provably is Django's - built by a call of something imported from
    ``django.db.models`` (``F("x").desc(nulls_last=False)``, ``Lower("name").asc(...)``). Left
    alone and reported: ``.asc()`` / ``.desc()`` on anything else (a variable, ``self.expr``: it
    may not be Django's), a non-literal value (``nulls_first=flag`` may be ``False`` at run time),
    ``False`` passed positionally to ``OrderBy``, star or unsure imports.

    Decision: the keyword is omitted rather than set to ``None``. ``False`` was the default up to
    4.0 and ``None`` is the default from 4.1, and every release only tests the value's truth, so
    omitting it is exactly equivalent on every Django version (``=None`` only from 4.1).

    Why: Django 4.1 deprecated passing ``False`` (``RemovedInDjango50Warning``: "Passing
    nulls_first=False or nulls_last=False is deprecated, use None instead."); 5.0 raises
    ``ValueError("nulls_first and nulls_last values must be True or None.")``.

    Example::

        # before
        qs.order_by(F("price").desc(nulls_last=False), OrderBy(F("x"), nulls_first=False))

        # after
        qs.order_by(F("price").desc(), OrderBy(F("x")))

    Django versions: omitting the argument works on every release with ``nulls_first`` (1.11+);
    needed before 5.0. Safe in migrations.
    """

    name = "nulls_first_false"
    changes = ("nulls-first-false",)
    available_from = "1.11"
    removed_in = "5.0"
    triggers = ("nulls_first", "nulls_last", "OrderBy")
    kinds = frozenset({"python"})
    migrations = True

    def prefilter(self, text: str) -> bool:
        # what confirm looks for: a nulls_first= / nulls_last= keyword, or OrderBy(..., False)
        return ("nulls_" in text and bool(_KEYWORD.search(text))) or ("OrderBy" in text and "False" in text)

    def confirm(self, tree, text, ctx) -> bool:
        # what the transform acts or reports on: the keywords of asc() / desc() (a computed value
        # only on a receiver built by a call) and of OrderBy (however imported), and False
        # passed positionally to OrderBy
        if tree is None:
            return True
        targets = None
        for n in walk(tree):
            if not isinstance(n, ast.Call):
                continue
            keys = [k.value for k in n.keywords if k.arg in _KEYS]
            f = n.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name != "OrderBy" and (keys or len(n.args) > 2) and name not in ("asc", "desc"):
                if targets is None:
                    targets = ast_import_targets(tree)
                if not may_resolve_to(ast_dotted(f), *targets, _ORDER_BY):
                    continue
                name = "OrderBy"  # (an import binds it under another name)
            false = [v for v in keys if isinstance(v, ast.Constant) and v.value is False]
            computed = [v for v in keys if not (isinstance(v, ast.Constant) and (v.value is True or v.value is None))]
            if false:
                return True
            if computed and (name == "OrderBy" or _ast_receiver_call(f.value) is not None):
                return True
            if name == "OrderBy" and any(isinstance(a, ast.Constant) and a.value is False for a in n.args[2:]):
                return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Transformer(ImportIndex.build(module), ctx))


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx

    def _djangos(self, call: cst.Call) -> tuple[bool, str | None]:
        """(provably Django's, why not when unsure)."""
        func = call.func
        qual, reason = resolve_call(self.index, func)
        if qual in _ORDER_BY:
            return True, None
        if isinstance(func, cst.Attribute) and func.attr.value in ("asc", "desc"):
            inner = _receiver_call(func.value)
            if inner is None:
                return False, f"can't tell whether .{func.attr.value}() is called on a Django expression"
            iq, ireason = resolve_call(self.index, inner.func)
            if iq and iq.startswith(_DJANGO_EXPR_PREFIXES):
                return True, None
            return False, ireason or f"can't tell whether .{func.attr.value}() is called on a Django expression"
        if reason and isinstance(func, (cst.Name, cst.Attribute)) and \
                (func.value if isinstance(func, cst.Name) else func.attr.value) == "OrderBy":
            return False, reason
        return False, None

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        keys = [a for a in updated.args if a.keyword is not None and a.keyword.value in _KEYS]
        func = original.func
        is_order_by_name = isinstance(func, (cst.Name, cst.Attribute)) and \
            (func.value if isinstance(func, cst.Name) else func.attr.value) == "OrderBy"
        pos = [a for a in updated.args if a.keyword is None and not a.star]
        positional_false = is_order_by_name and any(_is_false(a.value) for a in pos[2:])
        if not keys and not positional_false:
            return updated
        ok, why = self._djangos(original)
        if not ok:
            if why and any(_is_false(a.value) for a in keys):
                self.ctx.report(original, f"left nulls_first/nulls_last=False alone: {why}; if it is, drop the argument")
            return updated
        if positional_false:
            self.ctx.report(original, "OrderBy() gets nulls_first/nulls_last=False positionally: drop it by hand")
            return updated
        drop = [a for a in keys if _is_false(a.value)]
        for a in keys:
            if not _is_false(a.value) and not (isinstance(a.value, cst.Name) and a.value.value in ("True", "None")):
                self.ctx.report(original, f"{a.keyword.value}= is computed: it must be True or None (not False) from Django 5.0")
        if not drop:
            return updated
        return with_args(updated, [a for a in updated.args if not any(a is d for d in drop)])
