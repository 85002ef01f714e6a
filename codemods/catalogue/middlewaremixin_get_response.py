"""Codemod: a MiddlewareMixin subclass's ``__init__(self, get_response=None)`` -> ``(self, get_response)``."""

from __future__ import annotations

import ast
import re

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.class_bases import match_bases
from codemods.imports import ImportIndex, dotted
from codemods.local_bindings import NestedDepth

MIXIN = "django.utils.deprecation.MiddlewareMixin"
_DEF = re.compile(r"def\s+__init__\s*\(\s*self\s*,\s*get_response\s*=\s*None\b")


def _is_django_middleware(qual: str | None) -> bool:
    """MiddlewareMixin, or one of Django's own middleware classes (all derive from it since 1.10)."""
    if qual is None:
        return False
    if qual == MIXIN:
        return True
    mod, _, name = qual.rpartition(".")
    return qual.startswith("django.") and name.endswith("Middleware") and "middleware" in mod


class _Uses(NestedDepth):
    """How ``__init__``'s body uses ``get_response``: a None test, and the ``super().__init__()`` calls."""

    def __init__(self):
        self.none_test = False
        self.bare_super: list[cst.Call] = []
        self.nested = False
        self.depth = 0

    def visit_Name(self, node: cst.Name):
        if node.value == "get_response" and self.depth:
            self.nested = True

    def visit_Comparison(self, node: cst.Comparison):
        names = [node.left] + [c.comparator for c in node.comparisons]
        if any(dotted(n) == "get_response" for n in names) and any(
                isinstance(n, cst.Name) and n.value == "None" for n in names):
            self.none_test = True

    def visit_If(self, node: cst.If):
        self._truth(node.test)

    def visit_IfExp(self, node: cst.IfExp):
        self._truth(node.test)

    def visit_BooleanOperation(self, node):
        self._truth(node.left)
        self._truth(node.right)

    def visit_UnaryOperation(self, node):
        if isinstance(node.operator, cst.Not):
            self._truth(node.expression)

    def _truth(self, test):
        if dotted(test) == "get_response":
            self.none_test = True

    def visit_Call(self, node: cst.Call):
        f = node.func
        if (isinstance(f, cst.Attribute) and f.attr.value == "__init__" and isinstance(f.value, cst.Call)
                and dotted(f.value.func) == "super" and not node.args and self.depth == 0):
            self.bare_super.append(node)


class _PassGetResponse(cst.CSTTransformer):
    def __init__(self, calls):
        self.calls = {id(c) for c in calls}

    def leave_Call(self, original, updated):
        if id(original) in self.calls:
            return updated.with_changes(args=[cst.Arg(cst.Name("get_response"))])
        return updated


class MiddlewareMixinGetResponse(Codemod):
    """Make ``get_response`` required in ``MiddlewareMixin`` subclasses' ``__init__``.

    What it does: in a class deriving from ``django.utils.deprecation.MiddlewareMixin`` or one of
    Django's own middleware classes (``SessionMiddleware``, ``CommonMiddleware``, ...; through the
    module's imports and aliases, or through a class of the same module that does),
    ``def __init__(self, get_response=None, ...)`` becomes ``def __init__(self, get_response, ...)``,
    and a ``super().__init__()`` in it that passes nothing becomes ``super().__init__(get_response)``
    (4.0's ``MiddlewareMixin.__init__`` requires it; until then it stored ``None``).

    Only exact cases: left alone and reported, an ``__init__`` that tests ``get_response`` against
    ``None`` (or its truth: code for being built without one), uses it in a nested function, or whose
    base may not be Django's (a ``try:`` import - ``MiddlewareMixin = object`` fallbacks included -,
    a shadowed name).

    Why: Django 3.1 deprecated passing ``None`` as ``get_response`` (``RemovedInDjango40Warning``:
    "Passing None for the middleware get_response argument is deprecated."); 4.0 made it required
    (``ValueError: get_response must be provided.``). Django itself always passes it; code that builds
    the middleware without it (usually a test: ``MyMiddleware()``) now fails at once with a
    ``TypeError`` - pass a ``get_response`` callable there, as 4.0 will require.

    Example::

        # before
        class TimingMiddleware(MiddlewareMixin):
            def __init__(self, get_response=None):
                super().__init__(get_response)
                self.started = None

        # after
        class TimingMiddleware(MiddlewareMixin):
            def __init__(self, get_response):
                super().__init__(get_response)
                self.started = None

    Django versions: Django passes ``get_response`` to every ``MIDDLEWARE`` entry from 1.10, and 2.0
    removed ``MIDDLEWARE_CLASSES`` (which built middleware without arguments); needed before 4.0.
    """

    name = "middlewaremixin_get_response"
    changes = ("middlewaremixin-get-response",)
    available_from = "2.0"
    removed_in = "4.0"
    triggers = ("get_response",)
    kinds = frozenset({"python"})
    migrations = False
    prunable = False  # a middleware may derive from one defined earlier in the file

    def prefilter(self, text: str) -> bool:
        return "get_response" in text and _DEF.search(text) is not None

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        for cls in nodes_of(tree, ast.ClassDef):
            for fn in cls.body:
                if isinstance(fn, ast.FunctionDef) and fn.name == "__init__" and _ast_shape(fn):
                    return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        ours: set[str] = set()

        class Rewriter(cst.CSTTransformer):
            def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
                match = match_bases(original, index, ours, _is_django_middleware)
                found, unsure = match.found, match.reasons[0] if match.reasons else None
                if found and not unsure:
                    ours.add(original.name.value)
                if not isinstance(updated.body, cst.IndentedBlock):
                    return updated
                fn = next((s for s in original.body.body if isinstance(s, cst.FunctionDef)
                           and s.name.value == "__init__" and _shape(s)), None)
                if fn is None or not (found or unsure):
                    return updated
                where = f"{original.name.value}.__init__()"
                if unsure:
                    ctx.report(fn, f"{where} left alone: {unsure}; make get_response required by hand (Django 4.0)")
                    return updated
                uses = _Uses()
                fn.body.visit(uses)
                if uses.none_test or uses.nested:
                    why = "it tests get_response against None" if uses.none_test else "get_response is used in a nested function"
                    ctx.report(fn, f"{where} left alone: {why}; Django 4.0 always passes get_response: "
                                   "make it required by hand")
                    return updated
                new_fn = fn.with_changes(params=_required(fn.params), body=fn.body.visit(_PassGetResponse(uses.bare_super)))
                stmts = [new_fn if s is fn else u for s, u in zip(original.body.body, updated.body.body)]
                return updated.with_changes(body=updated.body.with_changes(body=stmts))

        return module.visit(Rewriter())


def _shape(fn: cst.FunctionDef) -> bool:
    p = fn.params
    if p.posonly_params or len(p.params) < 2 or fn.asynchronous is not None:
        return False
    self_p, gr = p.params[0], p.params[1]
    return (self_p.default is None and gr.name.value == "get_response" and isinstance(gr.default, cst.Name)
            and gr.default.value == "None")


def _ast_shape(fn: ast.FunctionDef) -> bool:
    a = fn.args
    if a.posonlyargs or len(a.args) < 2 or a.args[1].arg != "get_response":
        return False
    n_defaults = len(a.defaults)
    first_default = len(a.args) - n_defaults
    if first_default != 1:
        return False
    d = a.defaults[0]
    return isinstance(d, ast.Constant) and d.value is None


def _required(params: cst.Parameters) -> cst.Parameters:
    gr = params.params[1]
    new = gr.with_changes(default=None, equal=cst.MaybeSentinel.DEFAULT)
    return params.with_changes(params=[params.params[0], new, *params.params[2:]])
