"""Codemod: drop django.utils._os.upath() / npath() calls."""

from __future__ import annotations

import libcst as cst

from codemods.calls import ast_calls_of
from codemods.base import Codemod, FileContext
from codemods.imports import ImportIndex, remove_if_unused

_QUALNAMES = ("django.utils._os.upath", "django.utils._os.npath")
_ATOMS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.SimpleString, cst.ConcatenatedString,
          cst.FormattedString, cst.Integer, cst.List, cst.Tuple, cst.Dict)


class UpathNpath(Codemod):
    """Replace ``upath(x)`` and ``npath(x)`` with ``x``.

    What it does: unwraps calls of ``django.utils._os.upath`` / ``npath`` that pass exactly one
    positional argument (``upath(__file__)`` -> ``__file__``; a compound argument is parenthesised)
    and removes the import once unused. Other call shapes, imports inside ``try:``, shadowed names
    are left alone and reported.

    Why: both returned their argument unchanged on Python 3 ("Always return a unicode path (did
    something for Python 2)"); Django 3.0 removed them without a deprecation warning
    (``ImportError``).

    Example::

        # before
        from django.utils._os import upath
        HERE = os.path.dirname(upath(__file__))

        # after
        HERE = os.path.dirname(__file__)

    Django versions: identity functions on every Python 3 Django, so any target; needed before 3.0.
    """

    name = "upath_npath"
    changes = ("upath-npath",)
    available_from = "2.0"
    removed_in = "3.0"
    triggers = ("upath", "npath")
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        return any(True for q in _QUALNAMES for _ in ast_calls_of(tree, q))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        for q in _QUALNAMES:
            for local in index.locals_for(q):
                reason = index.unsure_reason(local)
                if reason:
                    ctx.report(local, f"{q.rpartition('.')[2]} left alone: {reason}")
                    return module
        visitor = _Transformer(index, ctx)
        new = module.visit(visitor)
        if not visitor.changed:
            return module
        for q in _QUALNAMES:
            mod, _, name = q.rpartition(".")
            for local in index.locals_for(q):
                new = remove_if_unused(new, mod, name, local)
        return new


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx, self.changed = index, ctx, False

    def leave_Call(self, original, updated):
        if self.index.resolve(original.func) not in _QUALNAMES:
            return updated
        args = updated.args
        if len(args) != 1 or args[0].keyword is not None or args[0].star:
            self.ctx.report(original, "upath()/npath() called with an unusual argument list: unwrap it by hand")
            return updated
        value = args[0].value
        self.changed = True
        if not isinstance(value, _ATOMS) and not value.lpar:
            value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return value.with_changes(lpar=[*updated.lpar, *value.lpar], rpar=[*value.rpar, *updated.rpar]) if updated.lpar else value
