"""Modernisation (opt-in): drop `if django.VERSION ...` branches the target makes dead."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.imports import ImportIndex
from core import versions

_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}


def _bound(node) -> tuple[int, int] | None:
    """A ``(3, 2)`` / ``(3, 2, 0)`` tuple literal as (major, minor)."""
    if not isinstance(node, cst.Tuple) or not 2 <= len(node.elements) <= 3:
        return None
    values = []
    for e in node.elements:
        if not isinstance(e.value, cst.Integer):
            return None
        values.append(int(e.value.value))
    if len(values) == 3 and values[2] != 0:
        return None
    return values[0], values[1]


def _op(operator) -> str | None:
    return {cst.GreaterThanEqual: ">=", cst.GreaterThan: ">", cst.LessThanEqual: "<=",
            cst.LessThan: "<"}.get(type(operator))


class DjangoVersionBranches(Codemod):
    """(opt-in, ``fix --modernize``) Remove ``if django.VERSION ...`` branches the target makes dead.

    What it does: an ``if`` whose whole test compares ``django.VERSION`` (``import django``) or
    ``VERSION`` (``from django import VERSION``) with a ``(major, minor)`` tuple literal is replaced
    by the branch that runs on every Django from the target on: ``if django.VERSION >= (2, 0): A
    else: B`` becomes ``A`` for targets >= 2.0, and ``if django.VERSION < (2, 0): B`` disappears.
    ``elif`` chains keep their remaining branches. A test that is still undecided on the target
    (``django.VERSION >= (5, 0)`` with target 4.2), compound tests (``and`` / ``or``) and
    conditional expressions are left alone. The ``import django`` is kept.

    Why: not a deprecation - compatibility branches for releases the project no longer runs are
    dead code; users of the peer tool expect this rewrite. Never applied by ``step``: it assumes the
    code will never run on a Django older than the target again.

    Example::

        # before (target 3.2)
        if django.VERSION >= (3, 1):
            from django.db.models import JSONField
        else:
            from django.contrib.postgres.fields import JSONField

        # after
        from django.db.models import JSONField

    Django versions: any target.
    """

    name = "django_version_branches"
    changes = ()
    available_from = "1.11"
    removed_in = ""
    triggers = ("VERSION",)
    kinds = frozenset({"python"})
    migrations = False
    modernize = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return ctx.target is not None and any(
            isinstance(n, ast.If) and isinstance(n.test, ast.Compare) and "VERSION" in ast.dump(n.test)
            for n in ast.walk(tree))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        if not ctx.target:
            return module
        index = ImportIndex.build(module)
        target = tuple(int(p) for p in str(versions.feature_key(versions.feature(ctx.target))).split(".")[:2])
        return module.visit(_Rewrite(index, target))


class _Rewrite(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, target: tuple[int, int]):
        self.index, self.target = index, target

    def _decided(self, test) -> bool | None:
        """True / False when the test has that value on every Django >= target, else None."""
        if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
            return None
        comp = test.comparisons[0]
        op = _op(comp.operator)
        left, right = test.left, comp.comparator
        if op is None:
            return None
        if self.index.resolve(right) == "django.VERSION":
            left, right, op = right, left, _FLIP[op]
        if self.index.resolve(left) != "django.VERSION" or self.index.unsure_reason((self._head(left))):
            return None
        bound = _bound(right)
        if bound is None or self.target < bound:
            return None  # versions on both sides of the bound are still possible
        # every version from the target on is >= the bound (and longer than the 2-tuple)
        return op in (">=", ">")

    @staticmethod
    def _head(node) -> str:
        while isinstance(node, cst.Attribute):
            node = node.value
        return node.value if isinstance(node, cst.Name) else ""

    def leave_If(self, original: cst.If, updated: cst.If):
        decided = self._decided(updated.test)
        if decided is None or not isinstance(updated.body, cst.IndentedBlock) or (
                isinstance(updated.orelse, cst.Else) and not isinstance(updated.orelse.body, cst.IndentedBlock)):
            return updated  # one-line bodies (``if x: y``) are left alone
        if decided:
            return self._flatten(updated, updated.body)
        orelse = updated.orelse
        if orelse is None:
            return cst.RemoveFromParent()
        if isinstance(orelse, cst.Else):
            return self._flatten(updated, orelse.body)
        return orelse.with_changes(leading_lines=updated.leading_lines)  # an elif becomes the if

    @staticmethod
    def _flatten(stmt: cst.If, block) -> cst.FlattenSentinel:
        body = list(block.body)
        body[0] = body[0].with_changes(leading_lines=[*stmt.leading_lines, *body[0].leading_lines])
        return cst.FlattenSentinel(body)

    def leave_IndentedBlock(self, original, updated):
        if not updated.body:
            return updated.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated
