"""Codemod: staticfiles finders.find(path, all=...) -> find(path, find_all=...)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import FileContext, walk
from codemods.imports import ImportIndex
from codemods.keywords import KeywordRenameCodemod, ast_calls_with_keyword

_FINDER_BASES = {
    "django.contrib.staticfiles.finders." + n
    for n in ("BaseFinder", "FileSystemFinder", "AppDirectoriesFinder", "BaseStorageFinder", "DefaultStorageFinder")
}


class FindersFindAll(KeywordRenameCodemod):
    """Rename ``all=`` to ``find_all=`` in ``django.contrib.staticfiles.finders.find()`` calls.

    What it does: ``finders.find(path, all=True)`` (imported as ``from django.contrib.staticfiles
    import finders`` or ``from django.contrib.staticfiles.finders import find``) becomes
    ``finders.find(path, find_all=True)``. It only reports, without changing them: ``.find(...,
    all=...)`` calls on finder objects it cannot prove are Django's, and custom finder classes
    whose ``find(self, path, all=False)`` method still takes ``all`` (Django 5.2 calls
    ``finder.find(path, find_all=...)``, so such a finder must rename its parameter by hand).

    Why: Django 5.2 deprecated the ``all`` argument (``RemovedInDjango61Warning``: "Passing the
    `all` argument to find() is deprecated. Use `find_all` instead."); it goes away in 6.1.

    Example::

        # before
        from django.contrib.staticfiles import finders
        paths = finders.find("css/site.css", all=True)

        # after
        from django.contrib.staticfiles import finders
        paths = finders.find("css/site.css", find_all=True)

    Django versions: ``find_all=`` exists since Django 5.2, so this runs only for targets >= 5.2;
    needed before 6.1.
    """

    name = "finders_find_all"
    changes = ("finders-find-all",)
    available_from = "5.2"
    removed_in = "6.1"
    triggers = ("all=", "finders")
    kinds = frozenset({"python"})
    migrations = True
    callables = ("django.contrib.staticfiles.finders.find",)
    keyword_renames = {"all": "find_all"}

    def prefilter(self, text: str) -> bool:
        return "staticfiles" in text and super().prefilter(text)  # confirm wants both

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        if "staticfiles" not in text:
            return False
        if super().confirm(tree, text, ctx) or ast_calls_with_keyword(tree, {"find"}, {"all"}):
            return True
        for node in walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "find":
                if any(a.arg == "all" for a in node.args.args + node.args.kwonlyargs):
                    return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        new = super().transform(module, ctx)
        # the calls and methods reported are the ones the rename leaves alone: name them as they are
        # in ``module`` (the pipeline's line lookup knows its nodes)
        module.visit(_Reporter(ImportIndex.build(module), ctx))
        return new


class _Reporter(cst.CSTVisitor):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx
        self.finder_class: list[bool] = []

    def visit_ClassDef(self, node: cst.ClassDef):
        self.finder_class.append(any(self.index.resolve(b.value) in _FINDER_BASES for b in node.bases))

    def leave_ClassDef(self, node):
        self.finder_class.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef):
        if self.finder_class and self.finder_class[-1] and node.name.value == "find":
            params = [*node.params.params, *node.params.kwonly_params]
            if any(p.name.value == "all" for p in params):
                self.ctx.report(node, "custom finder's find() takes 'all': rename it to 'find_all' "
                                      "(Django 5.2+ calls find(path, find_all=...))")

    def visit_Call(self, node: cst.Call):
        f = node.func
        if isinstance(f, cst.Attribute) and f.attr.value == "find" and \
                any(a.keyword is not None and a.keyword.value == "all" for a in node.args):
            if self.index.resolve(f) not in FindersFindAll.callables:
                self.ctx.report(node, ".find(..., all=...) on an object that may be a staticfiles finder: "
                                      "use find_all= if it is one")
