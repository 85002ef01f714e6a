"""Codemod: drop the ignored name argument of django.utils.functional.cached_property()."""

from __future__ import annotations

import ast
import re

import libcst as cst

from codemods.base import Codemod, FileContext, walk
from codemods.calls import keyword, positional, with_args
from codemods.imports import ImportIndex
from codemods.keywords import resolve_call, star_source

_QUALS = ("django.utils.functional.cached_property",)


def _no_effect(expr: cst.BaseExpression) -> bool:
    """A value whose evaluation can be dropped: a string literal, None, a name or attribute chain."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        return True
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return isinstance(expr, cst.Name)


_ALIAS = re.compile(r"cached_property\s+as\s")


class CachedPropertyName(Codemod):
    """Drop the ``name`` argument of ``django.utils.functional.cached_property(func, name=...)``.

    What it does: removes ``name=...`` (or the second positional argument) from calls of
    Django's ``cached_property`` - ``url = cached_property(get_absolute_url, name="url")`` becomes
    ``url = cached_property(get_absolute_url)``. Left alone and reported: a ``name`` value that is
    not a string literal / name / attribute (its evaluation would be dropped), ``*args``, star or
    unsure imports. ``functools.cached_property`` and other ``cached_property`` classes are not
    touched.

    Why: since Django 3.0 (Python 3.6+) ``cached_property.__init__(self, func, name=None)`` only
    stores ``func`` and takes the attribute name from ``__set_name__``; ``name`` is ignored
    (verified in the 3.0-4.0 sources). Django 4.1 deprecated it (``RemovedInDjango50Warning``:
    "The name argument is deprecated as it's unnecessary as of Python 3.6.") and 5.0 removed it.

    Example::

        # before
        url = cached_property(get_absolute_url, name="url")

        # after
        url = cached_property(get_absolute_url)

    Django versions: exactly equivalent from Django 3.0 (on 2.2 with Python 3.5 ``name`` still
    mattered); needed before 5.0. Safe in migrations.
    """

    name = "cached_property_name"
    changes = ("cached-property-name",)
    available_from = "3.0"
    removed_in = "5.0"
    triggers = ("cached_property",)

    def prefilter(self, text: str) -> bool:
        # a call (not the common bare @cached_property decorator), or an alias that may be called
        return "cached_property(" in text or ("cached_property" in text and _ALIAS.search(text) is not None)
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        names = {"cached_property"} | {a.asname for n in walk(tree) if isinstance(n, ast.ImportFrom)
                                       and n.module == "django.utils.functional"
                                       for a in n.names if a.asname and a.name == "cached_property"}
        for node in walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                fname = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                if fname in names and (len(node.args) >= 2 or any(k.arg == "name" for k in node.keywords)
                                       or any(isinstance(a, ast.Starred) for a in node.args)):
                    return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Transformer(ImportIndex.build(module), ctx))


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        qual, reason = resolve_call(self.index, original.func)
        if qual not in _QUALS:
            if reason and (dotted_tail(original.func) == "cached_property") and _passes_name(original):
                self.ctx.report(original, f"left cached_property(..., name=...) alone: {reason}")
            elif qual is None and star_source(self.index, original.func, _QUALS) and _passes_name(original):
                self.ctx.report(original, "'cached_property' may come from a star import: drop its name argument by hand")
            return updated
        if any(a.star == "*" for a in updated.args):
            self.ctx.report(original, "cached_property(*args): drop the name argument by hand if it is passed")
            return updated
        pos = positional(updated)
        named = keyword(updated, "name")
        drop = named if named is not None else (pos[1] if len(pos) == 2 else None)
        if drop is None:
            if len(pos) > 2:
                self.ctx.report(original, "cached_property() gets more positional arguments than it accepts: left alone")
            return updated
        if not _no_effect(drop.value):
            self.ctx.report(original, "cached_property(name=...) is computed: drop it by hand (its value is ignored)")
            return updated
        return with_args(updated, [a for a in updated.args if a is not drop])


def dotted_tail(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None


def _passes_name(call: cst.Call) -> bool:
    return keyword(call, "name") is not None or len(positional(call)) >= 2
