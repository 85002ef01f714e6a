"""Codemod: string_concat(*strings) -> format_lazy("{}" * n, *strings)."""

from __future__ import annotations

import libcst as cst

from codemods.calls import has_star, positional
from codemods.callrewrite import CallRewriteCodemod
from codemods.imports import remove_if_unused

OLD = "django.utils.translation.string_concat"


class StringConcat(CallRewriteCodemod):
    """Replace ``string_concat(a, b, ...)`` with ``format_lazy("{}{}...", a, b, ...)``.

    What it does: ``string_concat(_("Hello"), " ", name)`` becomes
    ``format_lazy("{}{}{}", _("Hello"), " ", name)``, importing ``format_lazy`` from
    ``django.utils.text`` and dropping the old import once unused. Both are lazy: the result is
    computed (and translated) when used as a string. Left alone and reported: ``*args`` (the number
    of placeholders is unknown) and modules where ``format_lazy`` names something else.

    Why: Django 1.11 deprecated ``string_concat`` (``RemovedInDjango21Warning``:
    "django.utils.translate.string_concat() is deprecated in favor of django.utils.text.format_lazy().");
    2.1 removed it.

    Example::

        # before
        from django.utils.translation import string_concat
        label = string_concat(_("Name"), ":")

        # after
        from django.utils.text import format_lazy
        label = format_lazy("{}{}", _("Name"), ":")

    Django versions: ``format_lazy`` exists since Django 1.11; needed before 2.1.
    """

    name = "string_concat"
    changes = ("string-concat",)
    available_from = "1.11"
    removed_in = "2.1"
    triggers = ("string_concat",)
    kinds = frozenset({"python"})
    migrations = False
    callables = (OLD,)

    def rewrite(self, call, qual, ctx, edit):
        pos = positional(call)
        if has_star(call) or len(pos) != len(call.args):
            edit.report("string_concat(*args): use format_lazy() by hand")
            return None
        fmt = edit.name_for("django.utils.text.format_lazy")
        if fmt is None:
            edit.report("format_lazy names something else here: rewrite string_concat() by hand")
            return None
        sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        if len(pos) > 1 and isinstance(pos[0].comma, cst.Comma):
            sep = pos[0].comma  # one argument per line stays so
        template = cst.Arg(cst.SimpleString('"' + "{}" * len(pos) + '"'), comma=sep if pos else cst.MaybeSentinel.DEFAULT)
        return call.with_changes(func=cst.Name(fmt), args=[template, *call.args])

    def after(self, module, index, ctx):
        for local in index.locals_for(OLD):
            module = remove_if_unused(module, "django.utils.translation", "string_concat", local)
        return module
