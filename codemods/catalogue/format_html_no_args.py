"""Codemod: format_html("literal") without arguments -> mark_safe("literal")."""

from __future__ import annotations

import libcst as cst

from codemods.calls import ast_calls_of, may_call_any
from codemods.base import Codemod, FileContext
from codemods.imports import ImportIndex, add_from_import, remove_if_unused

QUALNAME = "django.utils.html.format_html"


class FormatHtmlNoArgs(Codemod):
    """Replace ``format_html()`` called without arguments by ``mark_safe()``.

    What it does: ``format_html("<br>")`` with a plain string literal and no arguments becomes
    ``mark_safe("<br>")`` - exactly what it returned, since ``str.format()`` with no arguments
    leaves a string without braces unchanged. Literals with braces and computed strings are
    reported, not changed; an f-string passed to ``format_html`` is reported as an escaping bug
    (its values are not escaped): pass them as arguments instead.

    Why: calling ``format_html()`` without ``args`` or ``kwargs`` was deprecated in Django 5.0
    (``RemovedInDjango60Warning``) and raises ``TypeError`` from Django 6.0.

    Example::

        # before
        from django.utils.html import format_html
        SEPARATOR = format_html("<hr>")

        # after
        from django.utils.safestring import mark_safe
        SEPARATOR = mark_safe("<hr>")

    Django versions: ``mark_safe`` exists in every release; needed before 6.0.
    """

    name = "format_html_no_args"
    changes = ("format-html-no-args",)
    available_from = "2.0"
    removed_in = "6.0"
    triggers = ("format_html",)
    kinds = frozenset({"python"})
    migrations = True

    def prefilter(self, text: str) -> bool:
        return may_call_any(text, (QUALNAME,))  # (the call, in a file naming its module: html)

    def confirm(self, tree, text, ctx) -> bool:
        return any(len(c.args) == 1 and not c.keywords for c in ast_calls_of(tree, QUALNAME))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        for local in index.locals_for(QUALNAME):
            if index.unsure_reason(local):
                ctx.report(local, f"format_html left alone: {index.unsure_reason(local)}")
                return module
        if "mark_safe" in index.other_bound or any(b.qualname != "django.utils.safestring.mark_safe"
                                                   for b in index.bindings.get("mark_safe", [])):
            ctx.report("mark_safe", "format_html() without arguments left alone: the name mark_safe is taken in this module")
            return module
        t = _Transformer(index, ctx)
        new = module.visit(t)
        if t.changed:
            new = add_from_import(new, "django.utils.safestring", "mark_safe")
            for local in index.locals_for(QUALNAME):
                new = remove_if_unused(new, "django.utils.html", "format_html", local)
        return new


class _Transformer(cst.CSTTransformer):
    def __init__(self, index, ctx):
        self.index, self.ctx = index, ctx
        self.changed = False

    def leave_Call(self, original, updated):
        if self.index.resolve(original.func) != QUALNAME:
            return updated
        if len(updated.args) != 1 or updated.args[0].keyword is not None or updated.args[0].star:
            return updated
        value = updated.args[0].value
        if isinstance(value, cst.FormattedString):
            self.ctx.report(original, "format_html(f'...'): the f-string's values are not escaped - pass them as arguments")
            return updated
        if isinstance(value, cst.SimpleString) and "b" not in value.prefix.lower():
            text = value.evaluated_value
            if "{" not in text and "}" not in text:
                self.changed = True
                return updated.with_changes(func=cst.Name("mark_safe"))
        self.ctx.report(original, "format_html() without arguments: use mark_safe() or pass the values as arguments")
        return updated
