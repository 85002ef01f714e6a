"""Codemod: user.is_authenticated() / user.is_anonymous() -> attributes."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of

_NAMES = ("is_authenticated", "is_anonymous")


class IsAuthenticatedCall(Codemod):
    """Use ``user.is_authenticated`` / ``user.is_anonymous`` as attributes, not methods.

    What it does: ``request.user.is_authenticated()`` becomes ``request.user.is_authenticated``
    (the same for ``is_anonymous``), on any receiver, for calls without arguments. Left alone and
    reported: a module that defines its own ``is_authenticated`` / ``is_anonymous`` function or
    method (its calls may be real calls), and a call compared with ``is`` / ``is not`` (on 1.10 and
    1.11 the attribute is a ``CallableBool``, which is never identical to ``True``/``False``).

    Why: Django 1.10 made both attributes (properties returning a callable bool) and deprecated
    calling them (``RemovedInDjango20Warning``: "Using user.is_authenticated() and
    user.is_anonymous() as a method is deprecated. Remove the parentheses to use it as an
    attribute."); on Django 2.0 they are plain booleans and calling one raises
    ``TypeError: 'bool' object is not callable``.

    Example::

        # before
        if request.user.is_authenticated():
            ...

        # after
        if request.user.is_authenticated:
            ...

    Django versions: the attribute form works since Django 1.10; needed before 2.0.
    """

    name = "is_authenticated_call"
    changes = ("is-authenticated-call",)
    available_from = "1.11"
    removed_in = "2.0"
    triggers = ("is_authenticated(", "is_anonymous(")
    kinds = frozenset({"python"})
    migrations = False

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(isinstance(c.func, ast.Attribute) and c.func.attr in _NAMES and not c.args and not c.keywords
                   for c in nodes_of(tree, ast.Call))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        own = _OwnDefinition()
        module.visit(own)
        if own.node is not None:
            ctx.report(own.node, f"this module defines its own {own.node.name.value}(): "
                                 "remove the parentheses of its user calls by hand")
            return module
        return module.visit(_Rewrite(ctx))


class _OwnDefinition(cst.CSTVisitor):
    node = None

    def visit_FunctionDef(self, node):
        if node.name.value in _NAMES and self.node is None:
            self.node = node


class _Rewrite(cst.CSTTransformer):
    def __init__(self, ctx: FileContext):
        self.ctx = ctx
        self.identity: set[int] = set()

    def visit_Comparison(self, node: cst.Comparison):
        ops = [c.operator for c in node.comparisons]
        if any(isinstance(o, (cst.Is, cst.IsNot)) for o in ops):
            self.identity.add(id(node.left))
            self.identity.update(id(c.comparator) for c in node.comparisons)

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        func = updated.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in _NAMES) or updated.args:
            return updated
        if id(original) in self.identity:
            self.ctx.report(original, f"{func.attr.value}() is compared with 'is': use the attribute's truth "
                                      "value (e.g. 'if user.is_authenticated:') by hand")
            return updated
        return func.with_changes(lpar=updated.lpar, rpar=updated.rpar)
