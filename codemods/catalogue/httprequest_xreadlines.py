"""Codemod: request.xreadlines() -> iter(request)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of


class HttprequestXreadlines(Codemod):
    """Replace ``HttpRequest.xreadlines()`` with ``iter(request)``.

    What it does: ``request.xreadlines()`` (any receiver, no arguments) becomes ``iter(request)``;
    ``HttpRequest.xreadlines`` was a generator over ``iter(self)`` (the body's lines). Left alone and
    reported: a module that defines its own ``xreadlines`` (or rebinds ``iter``).

    Why: a Python 2 file-API leftover, deprecated in Django 2.0 (``RemovedInDjango30Warning``:
    "HttpRequest.xreadlines() is deprecated in favor of iterating the request.") and removed in 3.0.

    Example::

        # before
        for line in request.xreadlines():
            handle(line)

        # after
        for line in iter(request):
            handle(line)

    Django versions: iterating a request works on every release the tool knows; needed before 3.0.
    """

    name = "httprequest_xreadlines"
    changes = ("httprequest-xreadlines",)
    available_from = "1.11"
    removed_in = "3.0"
    triggers = ("xreadlines",)
    kinds = frozenset({"python"})
    migrations = False

    def prune_needles(self) -> tuple[str, ...]:
        return self.triggers + ("iter",)  # a def iter / iter = ... anywhere is seen (never hidden)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(isinstance(c.func, ast.Attribute) and c.func.attr == "xreadlines" and not c.args and not c.keywords
                   for c in nodes_of(tree, ast.Call))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        for node in nodes_of_cst(module):
            ctx.report(node, "this module defines xreadlines or rebinds iter: rewrite xreadlines() calls by hand")
            return module
        return module.visit(_Rewrite())


def nodes_of_cst(module: cst.Module):
    found = []

    class _V(cst.CSTVisitor):
        def visit_FunctionDef(self, node):
            if node.name.value in ("xreadlines", "iter"):
                found.append(node)

        def visit_AssignTarget(self, node):
            if isinstance(node.target, cst.Name) and node.target.value == "iter":
                found.append(node)

    module.visit(_V())
    return found


class _Rewrite(cst.CSTTransformer):
    def leave_Call(self, original: cst.Call, updated: cst.Call):
        f = updated.func
        if isinstance(f, cst.Attribute) and f.attr.value == "xreadlines" and not updated.args:
            return cst.Call(func=cst.Name("iter"), args=[cst.Arg(f.value)], lpar=updated.lpar, rpar=updated.rpar)
        return updated
