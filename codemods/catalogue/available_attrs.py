"""Codemod: django.utils.decorators.available_attrs(func) -> functools.WRAPPER_ASSIGNMENTS."""

from __future__ import annotations


import libcst as cst

from codemods.calls import ast_imports_or_uses
from codemods.base import Codemod, FileContext
from codemods.imports import ImportIndex, add_from_import, count_references, remove_from_import
from codemods.keywords import resolve_call, star_source

_OLD = "django.utils.decorators.available_attrs"
_NEW = "functools.WRAPPER_ASSIGNMENTS"


def _simple(expr: cst.BaseExpression) -> bool:
    """An argument whose evaluation has no effect worth keeping (a name or attribute chain)."""
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return isinstance(expr, cst.Name)


class AvailableAttrs(Codemod):
    """Replace ``available_attrs(func)`` with ``functools.WRAPPER_ASSIGNMENTS``.

    What it does: rewrites calls of ``django.utils.decorators.available_attrs(f)`` (imported
    directly, with an alias, or through the module) to ``WRAPPER_ASSIGNMENTS`` and adds
    ``from functools import WRAPPER_ASSIGNMENTS`` (or uses ``functools.WRAPPER_ASSIGNMENTS`` when
    the module already does ``import functools``); the old import goes once unused. Left alone and
    reported: an argument that is not a plain name/attribute (a call would no longer be evaluated),
    ``available_attrs`` used other than called, star/``try:``/shadowed imports, and a module where
    ``WRAPPER_ASSIGNMENTS`` already means something else.

    Why: ``available_attrs`` was a Python 2 workaround; Django 2.x's version is literally
    ``return WRAPPER_ASSIGNMENTS`` (verified in the 2.2 source; 1.11 returned it on Python 3 too).
    Django 3.0 removed it without a deprecation period, so importing it raises ``ImportError``.

    Example::

        # before
        from django.utils.decorators import available_attrs

        @wraps(view_func, assigned=available_attrs(view_func))

        # after
        from functools import WRAPPER_ASSIGNMENTS

        @wraps(view_func, assigned=WRAPPER_ASSIGNMENTS)

    Django versions: ``functools.WRAPPER_ASSIGNMENTS`` works everywhere; exactly equivalent on
    Python 3, i.e. Django 2.0+ (``available_from = "2.0"``); needed before 3.0. Safe in migrations.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports and bindings)

    name = "available_attrs"
    changes = ("available-attrs",)
    available_from = "2.0"
    removed_in = "3.0"
    triggers = ("available_attrs",)
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return ast_imports_or_uses(tree, ["django.utils.decorators"], ["available_attrs"])

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        for local in index.locals_for(_OLD):
            reason = index.unsure_reason(local)
            if reason:
                ctx.report(local, f"left available_attrs alone: {reason}; use functools.WRAPPER_ASSIGNMENTS by hand")
                return module
        # how the new value is spelled here
        wa = [b for b in index.bindings.get("WRAPPER_ASSIGNMENTS", [])]
        fn = index.bindings.get("functools", [])
        if wa and all(b.qualname == _NEW for b in wa) and "WRAPPER_ASSIGNMENTS" not in index.other_bound \
                and index.unsure_reason("WRAPPER_ASSIGNMENTS") is None:
            spelling, needs_import = "WRAPPER_ASSIGNMENTS", False
        elif len(fn) == 1 and fn[0].kind == "import" and fn[0].qualname == "functools" and \
                index.unsure_reason("functools") is None:
            spelling, needs_import = "functools.WRAPPER_ASSIGNMENTS", False
        elif wa or "WRAPPER_ASSIGNMENTS" in index.other_bound:
            ctx.report("WRAPPER_ASSIGNMENTS", "'WRAPPER_ASSIGNMENTS' is already bound to something else here: replace "
                          "available_attrs(...) with functools.WRAPPER_ASSIGNMENTS by hand")
            return module
        else:
            spelling, needs_import = "WRAPPER_ASSIGNMENTS", True
        tr = _Transformer(index, ctx, cst.parse_expression(spelling))
        new = module.visit(tr)
        if not tr.changed:
            return module
        if needs_import:
            new = add_from_import(new, "functools", "WRAPPER_ASSIGNMENTS")
        for local in index.locals_for(_OLD):
            if count_references(new, local) == 0:
                b = index.binding(local)
                new = remove_from_import(new, b.module, b.name, asname=b.asname)
        return new


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext, replacement: cst.BaseExpression):
        self.index, self.ctx, self.replacement = index, ctx, replacement
        self.changed = False

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        qual, reason = resolve_call(self.index, original.func)
        if qual != _OLD:
            if qual is None and reason is None and star_source(self.index, original.func, [_OLD]):
                self.ctx.report(original, "'available_attrs' may come from a star import: replace it with "
                                          "functools.WRAPPER_ASSIGNMENTS by hand")
            return updated
        args = list(original.args)
        if len(args) != 1 or args[0].keyword is not None or args[0].star or not _simple(args[0].value):
            self.ctx.report(original, "available_attrs(...) with an argument that is not a plain name: replace "
                                      "it with functools.WRAPPER_ASSIGNMENTS by hand")
            return updated
        self.changed = True
        return self.replacement.deep_clone()
