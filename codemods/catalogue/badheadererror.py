"""Codemod: django.core.mail.BadHeaderError -> ValueError (Django 6.0+)."""

from __future__ import annotations


import libcst as cst

from codemods.calls import ast_imports_or_uses
from codemods.base import Codemod, FileContext
from codemods.imports import ImportIndex, count_references, remove_from_import

_OLD = ("django.core.mail.BadHeaderError", "django.core.mail.message.BadHeaderError")
_MODULES = {q.rpartition(".")[0] for q in _OLD}


class BadHeaderError(Codemod):
    """Replace ``django.core.mail.BadHeaderError`` with ``ValueError`` on Django 6.0+.

    What it does: every reference to ``django.core.mail.BadHeaderError`` (or
    ``django.core.mail.message.BadHeaderError``) - ``except BadHeaderError:``, ``raise
    BadHeaderError(...)``, ``isinstance(e, mail.BadHeaderError)`` - becomes ``ValueError``; a
    duplicate ``ValueError`` left in an ``except (...)`` tuple is dropped, and the import goes once
    unused. ``django.http.BadHeaderError`` (a different class, not deprecated) is not touched.
    Left alone and reported: star imports, imports in ``try:`` or functions, a module that rebinds
    ``ValueError``.

    Why: Django 6.0 deprecated ``django.core.mail.BadHeaderError`` (``RemovedInDjango2028Warning``:
    "BadHeaderError is deprecated. Replace with ValueError."), warning on import. In Django 6.0 and
    6.1 ``django/core/mail/message.py`` defines ``BadHeaderError = ValueError`` (an alias, not a
    subclass, so that ``except BadHeaderError`` also catches the ``ValueError`` Python's modern
    email API raises), so the rewrite is exactly equivalent there. Before 6.0 it was a
    ``ValueError`` subclass and ``except ValueError`` would catch more - hence the 6.0 floor.

    Example::

        # before
        from django.core.mail import BadHeaderError, send_mail
        try:
            send_mail(subject, body, sender, [to])
        except BadHeaderError:
            return HttpResponse("Invalid header found.")

        # after
        from django.core.mail import send_mail
        try:
            send_mail(subject, body, sender, [to])
        except ValueError:
            return HttpResponse("Invalid header found.")

    Django versions: runs for targets >= 6.0 (where the alias exists); needed before 2028.
    """

    name = "badheadererror"
    changes = ("badheadererror",)
    available_from = "6.0"
    removed_in = "2028"
    triggers = ("BadHeaderError",)
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return ast_imports_or_uses(tree, _MODULES, ["BadHeaderError"])

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        if "ValueError" in index.bindings or "ValueError" in index.other_bound:
            ctx.report("ValueError", "'ValueError' is rebound in this module: replace django.core.mail.BadHeaderError by hand")
            return module
        locals_ = []
        for qual in _OLD:
            for local in index.locals_for(qual):
                reason = index.unsure_reason(local)
                if reason:
                    ctx.report(local, f"left BadHeaderError alone: {reason}; replace it with ValueError by hand")
                    return module
                locals_.append(local)
        for mod in _MODULES:
            if index.star_imports(mod) and "BadHeaderError" not in index.bindings and \
                    count_references(module, "BadHeaderError"):
                ctx.report("BadHeaderError", f"'BadHeaderError' may come from 'from {mod} import *': replace it with ValueError by hand")
                return module
        tr = _Transformer(index, set(locals_))
        new = module.visit(tr)
        if not tr.changed:
            return module
        for local in locals_:
            if count_references(new, local) == 0:
                b = index.binding(local)
                new = remove_from_import(new, b.module, b.name, asname=b.asname)
        return new


def _is_value_error(el: cst.BaseElement) -> bool:
    return isinstance(el.value, cst.Name) and el.value.value == "ValueError"


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, locals_: set[str]):
        self.index, self.locals = index, locals_
        self.changed = False

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if self.index.resolve(original) in _OLD:
            self.changed = True
            return cst.Name("ValueError")
        # ``x.BadHeaderError`` on another object is not a reference: keep the attribute name
        return updated.with_changes(attr=original.attr)

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg):
        # a keyword name is not a reference: restore it
        if original.keyword is not None:
            return updated.with_changes(keyword=original.keyword)
        return updated

    def leave_Name(self, original: cst.Name, updated: cst.Name):
        if original.value in self.locals:
            self.changed = True
            return cst.Name("ValueError")
        return updated

    def leave_ExceptHandler(self, original, updated: cst.ExceptHandler):
        typ = updated.type
        if isinstance(typ, cst.Tuple):
            seen = False
            keep = []
            for el in typ.elements:
                if _is_value_error(el):
                    if seen:
                        continue
                    seen = True
                keep.append(el)
            if len(keep) != len(typ.elements):
                if len(keep) == 1:
                    return updated.with_changes(type=keep[0].value)
                keep[-1] = keep[-1].with_changes(comma=typ.elements[-1].comma)
                return updated.with_changes(type=typ.with_changes(elements=keep))
        return updated
