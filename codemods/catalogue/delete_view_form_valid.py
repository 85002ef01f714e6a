"""Codemod: a DeleteView's custom delete() -> form_valid(form) (Django 4.0 no longer calls delete() on POST)."""

from __future__ import annotations

import ast
import re

import libcst as cst

from codemods.base import Codemod, FileContext, walk
from codemods.calls import ast_import_targets
from codemods.class_bases import ast_bases_may_match, match_bases
from codemods.imports import ImportIndex, dotted
from codemods.local_bindings import BindingTargets, NestedDepth
from codemods.scanned_text import word_start

_DJANGO_BASES = {
    "django.views.generic.DeleteView",
    "django.views.generic.edit.DeleteView",
    "django.views.generic.edit.BaseDeleteView",
}
_DEF_DELETE = re.compile(rf"{word_start('def')}\s+delete\s*\(")
_MAPPED = {"request": "self.request", "args": "self.args", "kwargs": "self.kwargs"}


def _params_ok(params: cst.Parameters) -> dict[str, str] | None:
    """``{local name: self.request/self.args/self.kwargs}`` for ``(self, request, *args, **kwargs)``-shaped
    parameters (any names, the star ones optional); None for any other shape."""
    if params.posonly_params or params.kwonly_params or len(params.params) not in (1, 2):
        return None
    if any(p.default is not None for p in params.params):
        return None
    names = {}
    if len(params.params) == 2:
        names[params.params[1].name.value] = "self.request"
    star = params.star_arg
    if isinstance(star, cst.Param):
        names[star.name.value] = "self.args"
    elif star is not None and not isinstance(star, cst.MaybeSentinel):
        return None
    if params.star_kwarg is not None:
        names[params.star_kwarg.name.value] = "self.kwargs"
    return names


class _Uses(NestedDepth, BindingTargets):
    """Why the body cannot simply move: names rebound, nested scopes using them, ``form`` taken."""

    def __init__(self, names: set[str]):
        self.names = names
        self.problem: str | None = None
        self.depth = 0

    def visit_Name(self, node: cst.Name):
        if node.value == "form" and self.problem is None:
            self.problem = "the body already uses the name 'form'"
        elif node.value in self.names and self.depth and self.problem is None:
            self.problem = f"'{node.value}' is used inside a nested function"

    def bound(self, names):
        for n in names:
            if n in self.names and self.problem is None:
                self.problem = f"'{n}' is reassigned in delete()"


def _is_super_delete(call: cst.Call, cls_name: str) -> bool:
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "delete" and isinstance(func.value, cst.Call)):
        return False
    sup = func.value
    if dotted(sup.func) != "super":
        return False
    return not sup.args or (len(sup.args) == 2 and dotted(sup.args[0].value) == cls_name
                            and dotted(sup.args[1].value) == "self")


class _Rewrite(cst.CSTTransformer):
    """delete()'s body as form_valid()'s: parameters -> self.request/self.args/self.kwargs,
    super().delete(request, *args, **kwargs) -> super().form_valid(form)."""

    def __init__(self, names: dict[str, str], cls_name: str, param_names: list[str]):
        self.names, self.cls_name, self.param_names = names, cls_name, param_names
        self.problem: str | None = None
        self.skip: set[int] = set()

    def visit_Attribute(self, node):
        self.skip.add(id(node.attr))

    def visit_Arg(self, node):
        if node.keyword is not None:
            self.skip.add(id(node.keyword))

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        if not _is_super_delete(original, self.cls_name):
            return updated
        passed = [(a.star, dotted(a.value)) for a in original.args if a.keyword is None]
        expected = [(star, name) for star, name in zip(("", "*", "**"), self.param_names) if name]
        if passed != expected or any(a.keyword is not None for a in original.args):
            self.problem = "super().delete() is called with other arguments than delete() received"
            return updated
        sup = updated.func.value
        return cst.Call(func=cst.Attribute(value=sup, attr=cst.Name("form_valid")), args=[cst.Arg(cst.Name("form"))])

    def leave_Name(self, original: cst.Name, updated: cst.Name):
        if id(original) in self.skip or original.value not in self.names:
            return updated
        return cst.parse_expression(self.names[original.value])


class DeleteViewFormValid(Codemod):
    """Move a ``DeleteView`` subclass's custom ``delete()`` to ``form_valid(form)``.

    What it does: in a class deriving from Django's ``DeleteView`` / ``BaseDeleteView`` (resolved
    through the module's imports and aliases, or through a class of the same module that does),
    renames ``def delete(self, request, *args, **kwargs)`` to ``def form_valid(self, form)``; in its
    body the parameters become ``self.request`` / ``self.args`` / ``self.kwargs`` (set by
    ``View.setup()``), and ``super().delete(request, *args, **kwargs)`` becomes
    ``super().form_valid(form)`` (which deletes ``self.object`` and redirects, as ``delete()`` did).
    ``self.object = self.get_object()`` may stay: ``post()`` sets it as well.

    Left alone and reported (move the logic by hand): a class that also defines ``form_valid`` or
    ``post`` or calls ``delete`` from another method, a decorated or ``async`` ``delete``, other
    parameter shapes, parameters reassigned or used in a nested function, a body already using the
    name ``form``, ``super().delete()`` called with other arguments, a base that only looks like a
    DeleteView (``*DeleteView`` from elsewhere, a ``try:`` import). Historical migrations are never
    touched. An HTTP ``DELETE`` request (not a browser form) still reaches Django's own ``delete()``.

    Why: Django 4.0 made ``DeleteView`` use ``FormMixin``: a POST calls ``form_valid()`` and no longer
    ``delete()``, so custom deletion logic (soft delete, messages, audit) silently stops running;
    Django 4.0/4.1 only warn ``DeleteViewCustomDeleteWarning`` when the view class is instantiated.

    Example::

        # before
        class OrderDelete(DeleteView):
            model = Order

            def delete(self, request, *args, **kwargs):
                messages.success(request, "Order deleted")
                return super().delete(request, *args, **kwargs)

        # after
        class OrderDelete(DeleteView):
            model = Order

            def form_valid(self, form):
                messages.success(self.request, "Order deleted")
                return super().form_valid(form)

    Django versions: ``form_valid()`` on ``DeleteView`` exists from 4.0 (before 4.0 a POST never calls
    it, so never apply this on 3.2); needed from 4.0.
    """

    name = "delete_view_form_valid"
    changes = ("deleteview-custom-delete",)
    available_from = "4.0"
    removed_in = "4.0"
    triggers = ("DeleteView",)
    kinds = frozenset({"python"})
    migrations = False
    prunable = False  # a view may derive from a DeleteView subclass defined earlier in the file

    def prefilter(self, text: str) -> bool:
        return "DeleteView" in text and _DEF_DELETE.search(text) is not None

    def confirm(self, tree, text, ctx) -> bool:
        # a class defining delete() that may be a DeleteView: a base named ...DeleteView (reported
        # when not provably Django's), resolving to one through the imports, or a class of this
        # module that may be one
        if tree is None:
            return True
        bound = ast_import_targets(tree)
        classes = [n for n in walk(tree) if isinstance(n, ast.ClassDef)]
        views: set[str] = set()

        def named(chain: str) -> bool:  # (reported when not provably Django's; or a view of this module)
            return chain.endswith("DeleteView") or chain in views

        grew = True
        while grew:  # (a class of this module may derive from one defined after it in the walk)
            grew = False
            for cls in classes:
                if cls.name not in views and ast_bases_may_match(cls, bound, _DJANGO_BASES, named):
                    views.add(cls.name)
                    grew = True
        return any(cls.name in views and any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "delete"
                                             for s in cls.body) for cls in classes)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        views: set[str] = set()  # classes of this module known to be Django DeleteViews

        class Rewriter(cst.CSTTransformer):
            def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
                match = match_bases(original, index, views, lambda qual: qual in _DJANGO_BASES)
                is_view, unsure = match.found, match.reasons[-1] if match.reasons else None
                lookalike = next((n for n in reversed(match.others) if n.endswith("DeleteView")), None)
                if is_view and not unsure:
                    views.add(original.name.value)
                if not isinstance(updated.body, cst.IndentedBlock):
                    return updated
                methods = {s.name.value: s for s in updated.body.body if isinstance(s, cst.FunctionDef)}
                delete = methods.get("delete")
                if delete is None:
                    return updated
                where = f"{original.name.value}.delete()"
                at = next((s for s in original.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "delete"),
                          original)  # findings need the original tree's node for their line
                if unsure:
                    ctx.report(at, f"{where} left alone: {unsure}; move its logic to form_valid() by hand")
                    return updated
                if not is_view:
                    if lookalike:
                        ctx.report(at, f"{where} left alone: {lookalike} is not provably Django's DeleteView; "
                                           "if it is one, move the logic to form_valid() (Django 4.0 no longer calls delete() on POST)")
                    return updated
                problem = _problem(updated, delete, methods)
                names = _params_ok(delete.params) if problem is None else None
                if problem is None and names is None:
                    problem = "its parameters are not (self, request, *args, **kwargs)"
                if problem is None:
                    uses = _Uses(set(names))
                    delete.body.visit(uses)
                    problem = uses.problem
                if problem is None:
                    p = delete.params
                    param_names = [p.params[1].name.value if len(p.params) == 2 else None,
                                   p.star_arg.name.value if isinstance(p.star_arg, cst.Param) else None,
                                   p.star_kwarg.name.value if p.star_kwarg is not None else None]
                    rw = _Rewrite(names, original.name.value, param_names)
                    body = delete.body.visit(rw)
                    problem = rw.problem
                if problem:
                    ctx.report(at, f"{where} left alone: {problem}; Django 4.0 no longer calls it on POST: "
                                       "move its logic to form_valid(self, form) by hand")
                    return updated
                new = delete.with_changes(
                    name=cst.Name("form_valid"),
                    params=cst.Parameters(params=[delete.params.params[0], cst.Param(cst.Name("form"))]),
                    body=body,
                )
                stmts = [new if s is delete else s for s in updated.body.body]
                return updated.with_changes(body=updated.body.with_changes(body=stmts))

        return module.visit(Rewriter())


def _problem(cls: cst.ClassDef, delete: cst.FunctionDef, methods: dict) -> str | None:
    if delete.asynchronous is not None:
        return "it is async"
    if delete.decorators:
        return "it is decorated"
    for other in ("form_valid", "post"):
        if other in methods:
            return f"the class also defines {other}()"
    for stmt in cls.body.body:
        if stmt is delete:
            continue
        finder = _DeleteRefs()
        stmt.visit(finder)
        if finder.found:
            return "another method calls delete()"
    return None


class _DeleteRefs(cst.CSTVisitor):
    def __init__(self):
        self.found = False

    def visit_Attribute(self, node: cst.Attribute):
        if node.attr.value == "delete" and dotted(node.value) == "self":
            self.found = True
