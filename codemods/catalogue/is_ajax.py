"""Codemod: request.is_ajax() -> request.headers.get("x-requested-with") == "XMLHttpRequest"."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, walk
from codemods.imports import dotted

_HEADER = '"x-requested-with"'
_VALUE = '"XMLHttpRequest"'
# Parents where a comparison must be parenthesised to keep the meaning.
_WRAP_PARENTS = (cst.Comparison, cst.BinaryOperation, cst.Attribute, cst.Subscript, cst.Call, cst.UnaryOperation)


def _is_request(expr: cst.BaseExpression) -> bool:
    name = dotted(expr)
    return bool(name) and name.split(".")[-1] in ("request", "req", "_request")


class IsAjax(Codemod):
    """Replace ``request.is_ajax()`` with a check of the ``X-Requested-With`` header.

    What it does: rewrites ``request.is_ajax()`` (and ``self.request.is_ajax()``) to
    ``request.headers.get("x-requested-with") == "XMLHttpRequest"`` - exactly what Django's method
    did - and ``not request.is_ajax()`` to the ``!=`` form. Calls on objects that are not plainly a
    request (``obj.is_ajax()``) are left alone and reported.

    Why: ``HttpRequest.is_ajax()`` was deprecated in Django 3.1 (``RemovedInDjango40Warning``) and
    removed in Django 4.0 (``AttributeError``). It relied on a jQuery convention.

    Example::

        # before
        if request.is_ajax():
            return JsonResponse(data)

        # after
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse(data)

    Django versions: ``HttpRequest.headers`` exists since Django 2.2; needed before 4.0.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "is_ajax"
    changes = ("is-ajax",)
    available_from = "2.2"
    removed_in = "4.0"
    triggers = ("is_ajax",)
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        for node in walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "is_ajax" \
                    and not node.args and not node.keywords:
                return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Transformer(ctx))


class _Transformer(cst.CSTTransformer):
    def __init__(self, ctx: FileContext):
        self.ctx = ctx
        self.parents: list[cst.CSTNode] = []

    def on_visit(self, node):
        self.parents.append(node)
        return super().on_visit(node)

    def on_leave(self, original, updated):
        self.parents.pop()
        return super().on_leave(original, updated)

    @staticmethod
    def _match(node) -> cst.BaseExpression | None:
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "is_ajax" \
                and not node.args:
            return node.func.value
        return None

    def _replacement(self, receiver: cst.BaseExpression, op: str, wrap: bool) -> cst.BaseExpression:
        code = cst.Module(body=[]).code_for_node(receiver)
        expr = cst.parse_expression(f"{code}.headers.get({_HEADER}) {op} {_VALUE}")
        if wrap:
            expr = expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return expr

    def leave_UnaryOperation(self, original, updated):
        if isinstance(updated.operator, cst.Not):
            receiver = self._match(updated.expression)
            if receiver is not None and _is_request(receiver):
                parent = self.parents[-1] if self.parents else None
                wrap = isinstance(parent, _WRAP_PARENTS) or bool(updated.lpar)
                return self._replacement(receiver, "!=", wrap)
        return updated

    def leave_Call(self, original, updated):
        receiver = self._match(updated)
        if receiver is None:
            return updated
        if not _is_request(receiver):
            self.ctx.report(original, "is_ajax() on an object that is not plainly a request: check it by hand")
            return updated
        parent = self.parents[-1] if self.parents else None
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
            return updated  # handled by leave_UnaryOperation
        wrap = isinstance(parent, _WRAP_PARENTS) or bool(updated.lpar)
        return self._replacement(receiver, "==", wrap)
