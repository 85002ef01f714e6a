"""Codemod: assertQuerysetEqual(qs, ["<repr>", ...]) -> ... transform=repr."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.calls import has_star, keyword, kwarg, positional, with_args
from codemods.base import Codemod, FileContext, walk

METHODS = ("assertQuerysetEqual", "assertQuerySetEqual")


_STRING = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)


def _is_string(node: cst.BaseExpression) -> bool:
    """A string literal, an f-string, ``"...".format(...)`` or ``"..." % x``: a string either way."""
    if isinstance(node, _STRING):
        return True
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
        return isinstance(node.func.value, _STRING)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        return isinstance(node.left, _STRING)
    return False


def _all_strings(node: cst.BaseExpression) -> bool | None:
    """True when a literal list/tuple holds only strings, False for other literals, None unknown."""
    if isinstance(node, (cst.List, cst.Tuple)):
        if not node.elements:
            return False
        return all(not isinstance(e, cst.StarredElement) and _is_string(e.value) for e in node.elements)
    return None


class QuerysetEqualTransform(Codemod):
    """Pass ``transform=repr`` where ``assertQuerysetEqual()`` compares with ``repr()`` strings.

    What it does: when the expected values are a literal list (or tuple) of strings (literals,
    f-strings, ``"<{}: x>".format(name)``, ``"<%s>" % name``) and no
    ``transform`` is given, adds ``transform=repr`` - what Django did implicitly - so the assertion
    keeps comparing ``repr(obj)`` with the strings. Lists of other values are already fine; values
    passed as a variable can't be checked statically and are reported.

    Why: Django 3.2 deprecated the implicit ``repr()`` (``RemovedInDjango41Warning``); from
    Django 4.1 the objects are compared with the strings directly and the assertion fails.

    Example::

        # before
        self.assertQuerysetEqual(Book.objects.all(), ["<Book: Dune>"])

        # after
        self.assertQuerysetEqual(Book.objects.all(), ["<Book: Dune>"], transform=repr)

    Django versions: ``transform`` has been accepted since Django 1.x; needed before 4.1.
    """

    name = "queryset_equal_transform"
    changes = ("assertquerysetequal-repr",)
    available_from = "2.0"
    removed_in = "4.1"
    triggers = METHODS
    kinds = frozenset({"python"})
    migrations = False

    def confirm(self, tree, text, ctx) -> bool:
        for node in walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in METHODS:
                if len(node.args) == 2 and not any(k.arg in ("transform", None) for k in node.keywords):
                    return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Transformer(ctx))


class _Transformer(cst.CSTTransformer):
    def __init__(self, ctx):
        self.ctx = ctx

    def leave_Call(self, original, updated):
        if not (isinstance(updated.func, cst.Attribute) and updated.func.attr.value in METHODS):
            return updated
        if has_star(updated) or keyword(updated, "transform") is not None:
            return updated
        pos = positional(updated)
        if len(pos) != 2:
            return updated
        strings = _all_strings(pos[1].value)
        if strings is None:
            self.ctx.report(original, "assertQuerysetEqual() with computed values: if they are repr() strings, add transform=repr")
            return updated
        if not strings:
            return updated
        return with_args(updated, [*updated.args, kwarg("transform", cst.Name("repr"))])
