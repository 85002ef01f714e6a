"""Codemod: django.utils.http.urlquote & co -> urllib.parse.quote & co."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, walk
from codemods.calls import has_star
from codemods.imports import ImportIndex, add_from_import, count_references, remove_from_import
from codemods.keywords import resolve_call

OLD_MOD = "django.utils.http"
# old name -> (new name in urllib.parse, keyword renames). Django 3.2's wrappers: urlquote(url,
# safe='/') -> quote(url, safe); urlquote_plus(url, safe='') -> quote_plus(url, safe);
# urlunquote(quoted_url) -> unquote(quoted_url); urlunquote_plus(quoted_url) -> unquote_plus(...).
# The stdlib defaults are the same (quote: safe='/'; quote_plus: safe=''; unquote*: utf-8/replace).
MAP = {
    "urlquote": ("quote", {"url": "string"}),
    "urlquote_plus": ("quote_plus", {"url": "string"}),
    "urlunquote": ("unquote", {"quoted_url": "string"}),
    "urlunquote_plus": ("unquote_plus", {"quoted_url": "string"}),
}
LAZY = {
    "django.urls.reverse_lazy",
    "django.utils.functional.lazy",
    "django.utils.functional.lazystr",
    *(f"django.utils.translation.{n}" for n in (
        "gettext_lazy", "ugettext_lazy", "pgettext_lazy", "ngettext_lazy", "ungettext_lazy", "npgettext_lazy")),
}


class UrlQuote(Codemod):
    """Rewrite ``urlquote()`` / ``urlquote_plus()`` / ``urlunquote()`` / ``urlunquote_plus()`` to
    ``urllib.parse.quote()`` / ``quote_plus()`` / ``unquote()`` / ``unquote_plus()``.

    What it does: rewrites calls of the ``django.utils.http`` wrappers (imported by name, with an
    alias, or used as ``http.urlquote(...)``) to the standard library function they wrapped, adds
    ``from urllib.parse import ...`` and removes the old import once unused. The defaults are the
    same (``urlquote``'s ``safe='/'`` is ``quote``'s default, ``urlquote_plus``'s ``safe=''`` is
    ``quote_plus``'s; the unquote wrappers passed only the string), and the keyword ``url=`` /
    ``quoted_url=`` becomes ``string=``.

    Left alone and reported (the result might differ): calls whose argument is a lazy string
    (``reverse_lazy(...)``, ``gettext_lazy(...)``: the Django wrappers are ``@keep_lazy_text``
    and returned a lazy string, ``quote()`` raises ``TypeError``), calls with ``**kwargs``, uses
    that are not calls (``map(urlquote, ...)``), star / ``try:`` imports and shadowed names, and a
    module where ``quote`` (etc.) already names something else. Arguments that are lazy strings
    held in variables cannot be seen statically: review calls on translated text.

    Why: deprecated in Django 3.0 (``RemovedInDjango40Warning``: "django.utils.http.urlquote() is
    deprecated in favor of urllib.parse.quote()."), removed in 4.0.

    Example::

        # before
        from django.utils.http import urlquote, urlunquote_plus
        link = "/search/?q=" + urlquote(term)
        term = urlunquote_plus(raw)

        # after
        from urllib.parse import quote, unquote_plus
        link = "/search/?q=" + quote(term)
        term = unquote_plus(raw)

    Django versions: the standard library functions work with every Django release; needed before
    4.0.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "urlquote"
    changes = ("urlquote", "urlquote-plus", "urlunquote", "urlunquote-plus")
    available_from = "2.0"
    removed_in = "4.0"
    triggers = ("urlquote", "urlunquote")
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        for node in walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == OLD_MOD and not node.level:
                if any(a.name in MAP or a.name == "*" for a in node.names):
                    return True
            elif isinstance(node, ast.Attribute) and node.attr in MAP:
                return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        for old in MAP:
            if index.star_imports(OLD_MOD) and old not in index.bindings and count_references(module, old):
                ctx.report(old, f"'{old}' may come from 'from {OLD_MOD} import *': rewrite it by hand")
        blocked = set()
        for old, (new, _) in MAP.items():
            clash = index.bindings.get(new, [])
            if new in index.other_bound or any(b.qualname != f"urllib.parse.{new}" for b in clash):
                blocked.add(old)
        t = _Calls(index, ctx, blocked)
        new_module = module.visit(t)
        for new in sorted(t.added):
            new_module = add_from_import(new_module, "urllib.parse", new)
        for old in MAP:
            for b in [b for bs in index.bindings.values() for b in bs if b.qualname == f"{OLD_MOD}.{old}" and b.kind == "from"]:
                if not index.unsure_reason(b.local) and count_references(new_module, b.local) == 0:
                    new_module = remove_from_import(new_module, OLD_MOD, old, asname=b.asname)
        return new_module


class _Calls(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext, blocked: set[str]):
        self.index, self.ctx, self.blocked = index, ctx, blocked
        self.added: set[str] = set()
        self.handled: set[int] = set()

    def _old(self, node) -> tuple[str | None, str | None]:
        qual, reason = resolve_call(self.index, node)
        if qual and qual.startswith(OLD_MOD + ".") and qual[len(OLD_MOD) + 1:] in MAP:
            return qual[len(OLD_MOD) + 1:], None
        return None, reason

    def _lazy(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Call):
            q, _ = resolve_call(self.index, node.func)
            return q in LAZY
        return False

    def visit_Call(self, node: cst.Call):
        old, _ = self._old(node.func)
        if old:
            self.handled.add(id(node.func))

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        old, reason = self._old(original.func)
        if old is None:
            if reason and isinstance(original.func, cst.Name) and original.func.value in MAP:
                self.ctx.report(original, f"{original.func.value}() left alone: {reason}")
            return updated
        new, renames = MAP[old]
        if old in self.blocked:
            self.ctx.report(original, f"{old}() left alone: the name '{new}' is already used in this module")
            return updated
        if has_star(updated, ("**",)):
            self.ctx.report(original, f"{old}(**kwargs) left alone: rewrite to urllib.parse.{new}() by hand")
            return updated
        first = next((a for a in updated.args if a.keyword is None or a.keyword.value in renames), None)
        if first is not None and self._lazy(first.value):
            self.ctx.report(original, f"{old}() of a lazy string left alone: urllib.parse.{new}() needs a str "
                                      f"(use str(...) or keep it lazy by hand)")
            return updated
        args = [a.with_changes(keyword=cst.Name(renames[a.keyword.value]))
                if a.keyword is not None and a.keyword.value in renames else a for a in updated.args]
        self.added.add(new)
        return updated.with_changes(func=cst.Name(new), args=args)

    def visit_Name(self, node: cst.Name):
        if id(node) in self.handled:
            return
        b = self.index.binding(node.value)
        if b is not None and b.qualname.startswith(OLD_MOD + ".") and b.qualname.rsplit(".", 1)[1] in MAP \
                and b.kind == "from":
            self.ctx.report(node, f"{node.value} used other than in a call: rewrite it to urllib.parse by hand")

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False
