"""Codemod: a LogoutView subclass's get_next_page() -> get_success_url() (Django 4.1)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.class_bases import match_bases
from codemods.imports import ImportIndex, dotted

BASES = {"django.contrib.auth.views.LogoutView"}
OLD, NEW = "get_next_page", "get_success_url"
_URL_FUNCS = {"django.urls.reverse", "django.urls.reverse_lazy", "django.shortcuts.resolve_url",
              "django.urls.base.reverse", "django.core.urlresolvers.reverse", "django.core.urlresolvers.reverse_lazy"}


class _Returns(cst.CSTVisitor):
    """The return statements of one function body (not of nested functions / lambdas)."""

    def __init__(self):
        self.values: list[cst.BaseExpression | None] = []

    def visit_FunctionDef(self, node):
        return False

    def visit_Lambda(self, node):
        return False

    def visit_Return(self, node: cst.Return):
        self.values.append(node.value)


def _falls_off(body: cst.BaseSuite) -> bool:
    """True unless the body's last statement is a ``return`` / ``raise`` (then no implicit None)."""
    stmts = getattr(body, "body", ())
    if not stmts:
        return True
    last = stmts[-1]
    if isinstance(last, cst.SimpleStatementLine):
        return not isinstance(last.body[-1], (cst.Return, cst.Raise))
    if isinstance(last, cst.If):
        return last.orelse is None or _falls_off(last.body) or _falls_off(
            last.orelse.body if isinstance(last.orelse, cst.Else) else cst.IndentedBlock(body=[last.orelse]))
    return True


class LogoutViewGetNextPage(Codemod):
    """Rename a ``LogoutView`` subclass's ``get_next_page()`` to ``get_success_url()``.

    What it does: in a class deriving from ``django.contrib.auth.views.LogoutView`` (through the
    module's imports and aliases, or through a class of the same module that does),
    ``def get_next_page(self)`` becomes ``def get_success_url(self)``, and inside that class
    ``self.get_next_page()`` / ``super().get_next_page()`` become ``get_success_url()``.

    Only exact cases: every ``return`` of the method must give a URL that is never empty - a
    non-empty string, ``reverse()`` / ``reverse_lazy()`` / ``resolve_url()`` of one,
    ``super().get_next_page()``, or ``x or <one of those>``. Up to 4.0 a ``None`` / empty next page
    meant "render the logged-out template"; 4.1's ``post()`` redirects to whatever
    ``get_success_url()`` returns unless it is the current path, so such methods are left alone and
    reported, as are a class that already defines ``get_success_url``, other parameters, an ``async``
    method, and ``get_next_page`` calls outside such a class.

    Why: Django 4.1 renamed the undocumented ``LogoutView.get_next_page()`` to ``get_success_url()``
    without a deprecation period (4.1 release notes, "Miscellaneous"); an override of the old name is
    silently never called again. ``super().get_success_url()`` follows 4.1's rules (the ``next``
    parameter if safe, else ``next_page``, ``LOGOUT_REDIRECT_URL``, then the current path).

    Example::

        # before
        class SignOut(LogoutView):
            def get_next_page(self):
                return reverse("home")

        # after
        class SignOut(LogoutView):
            def get_success_url(self):
                return reverse("home")

    Django versions: ``LogoutView`` calls ``get_success_url()`` from 4.1 (on 4.0 it still calls
    ``get_next_page()``, so never apply this earlier); needed from 4.1.
    """

    name = "logoutview_get_next_page"
    changes = ("logoutview-get-next-page",)
    available_from = "4.1"
    removed_in = "4.1"
    triggers = ("get_next_page",)
    kinds = frozenset({"python"})
    migrations = False
    prunable = False  # a view may derive from a LogoutView subclass defined earlier in the file

    def prefilter(self, text: str) -> bool:
        return "get_next_page" in text and "LogoutView" in text

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == OLD
                   for cls in nodes_of(tree, ast.ClassDef) for s in cls.body)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        views: set[str] = set()

        def is_view(cls: cst.ClassDef) -> tuple[bool, str | None]:
            match = match_bases(cls, index, views, lambda qual: qual in BASES)
            return match.found, match.reasons[-1] if match.reasons else None

        class Rewriter(cst.CSTTransformer):
            def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
                found, unsure = is_view(original)
                if found and not unsure:
                    views.add(original.name.value)
                if not isinstance(updated.body, cst.IndentedBlock):
                    return updated
                fn = next((s for s in original.body.body if isinstance(s, cst.FunctionDef) and s.name.value == OLD), None)
                if fn is None:
                    return updated
                where = f"{original.name.value}.{OLD}()"
                if unsure:
                    ctx.report(fn, f"{where} left alone: {unsure}; Django 4.1 calls get_success_url() instead: rename it by hand")
                    return updated
                if not found:
                    return updated
                problem = _problem(original, fn, index)
                if problem:
                    ctx.report(fn, f"{where} left alone: {problem}; Django 4.1 no longer calls it: move it to "
                                   "get_success_url() by hand (4.1 redirects to whatever that returns)")
                    return updated
                body = [s.visit(_CallRenamer()) for s in updated.body.body]
                body = [s.with_changes(name=cst.Name(NEW)) if isinstance(s, cst.FunctionDef) and s.name.value == OLD else s
                        for s in body]
                return updated.with_changes(body=updated.body.with_changes(body=body))

        return module.visit(Rewriter())


def _problem(cls: cst.ClassDef, fn: cst.FunctionDef, index: ImportIndex) -> str | None:
    if fn.asynchronous is not None:
        return "it is async"
    p = fn.params
    if len(p.params) != 1 or p.posonly_params or p.kwonly_params or p.star_kwarg is not None \
            or isinstance(p.star_arg, cst.Param):
        return "it takes other parameters than self"
    if any(isinstance(s, cst.FunctionDef) and s.name.value == NEW for s in cls.body.body):
        return "the class also defines get_success_url()"
    returns = _Returns()
    fn.body.visit(returns)
    if _falls_off(fn.body) or any(v is None or not _never_empty(v, index) for v in returns.values):
        return "it may return None or an empty URL (which meant 'show the logged-out page')"
    return None


def _never_empty(node: cst.BaseExpression, index: ImportIndex) -> bool:
    if isinstance(node, cst.SimpleString):
        return len(node.evaluated_value) > 0
    if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
        return _never_empty(node.right, index)
    if isinstance(node, cst.IfExp):
        return _never_empty(node.body, index) and _never_empty(node.orelse, index)
    if isinstance(node, cst.Call):
        if _is_super_call(node):
            return not node.args
        func = index.resolve(node.func)
        if func in _URL_FUNCS and node.args and not node.args[0].star:
            # reverse() always gives at least the script prefix "/"; resolve_url() may give its argument back
            return not func.endswith(".resolve_url") or _never_empty(node.args[0].value, index)
    return False


def _is_super_call(call: cst.Call) -> bool:
    f = call.func
    return (isinstance(f, cst.Attribute) and f.attr.value == OLD and isinstance(f.value, cst.Call)
            and dotted(f.value.func) == "super")


class _CallRenamer(cst.CSTTransformer):
    """``self.get_next_page`` / ``super().get_next_page`` -> ``...get_success_url``."""

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if updated.attr.value != OLD:
            return updated
        base = updated.value
        if dotted(base) == "self" or (isinstance(base, cst.Call) and dotted(base.func) == "super"):
            return updated.with_changes(attr=cst.Name(NEW))
        return updated
