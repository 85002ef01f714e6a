"""Codemod: allow_lazy(func, *resultclasses) -> keep_lazy(*resultclasses)(func)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.calls import has_star, positional
from codemods.callrewrite import CallRewriteCodemod
from codemods.imports import remove_if_unused

OLD = "django.utils.functional.allow_lazy"


class AllowLazy(CallRewriteCodemod):
    """Replace ``allow_lazy(func, *resultclasses)`` with ``keep_lazy(*resultclasses)(func)``.

    What it does: ``truncate = allow_lazy(truncate, str)`` becomes
    ``truncate = keep_lazy(str)(truncate)`` - what ``allow_lazy`` returned - importing ``keep_lazy``
    from ``django.utils.functional`` and dropping the old import once unused. Left alone and
    reported: ``*args`` / ``**kwargs``, a call without result classes, and modules where
    ``keep_lazy`` names something else.

    Why: Django 1.10 replaced it with the ``keep_lazy`` decorator (``RemovedInDjango20Warning``:
    "django.utils.functional.allow_lazy() is deprecated in favor of
    django.utils.functional.keep_lazy()"); 2.0 removed it.

    Example::

        # before
        from django.utils.functional import allow_lazy
        shout = allow_lazy(shout, str)

        # after
        from django.utils.functional import keep_lazy
        shout = keep_lazy(str)(shout)

    Django versions: ``keep_lazy`` exists since Django 1.10; needed before 2.0.
    """

    name = "allow_lazy"
    changes = ("allow-lazy",)
    available_from = "1.11"
    removed_in = "2.0"
    triggers = ("allow_lazy",)
    kinds = frozenset({"python"})
    migrations = False
    callables = (OLD,)

    def rewrite(self, call, qual, ctx, edit):
        pos = positional(call)
        if has_star(call) or len(pos) != len(call.args) or len(pos) < 2:
            edit.report("allow_lazy() with *args/**kwargs or without result classes: use keep_lazy() by hand")
            return None
        keep = edit.name_for("django.utils.functional.keep_lazy")
        if keep is None:
            edit.report("keep_lazy names something else here: rewrite allow_lazy() by hand")
            return None
        classes = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT if i == len(pos) - 2 else
                                  cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                   for i, a in enumerate(pos[1:])]
        inner = cst.Call(func=cst.Name(keep), args=classes)
        return cst.Call(func=inner, args=[pos[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)],
                        lpar=call.lpar, rpar=call.rpar)

    def after(self, module, index, ctx):
        for local in index.locals_for(OLD):
            module = remove_if_unused(module, "django.utils.functional", "allow_lazy", local)
        return module
