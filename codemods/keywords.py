"""Keyword-renaming codemods for calls of importable Django callables (and resolving such calls).

    qual, reason = resolve_call(index, call.func)     # "django.db.models.CheckConstraint", None

``KeywordRenameCodemod`` is a declarative base for "keyword ``old=`` of callable X is now ``new=``"::

    class CheckConstraintCondition(KeywordRenameCodemod):
        callables = ("django.db.models.CheckConstraint", "django.db.models.constraints.CheckConstraint")
        keyword_renames = {"check": "condition"}

It renames the keyword on calls it can prove are calls of one of ``callables`` (through this
module's imports, without libcst's scope metadata) and reports, changing nothing, when the call
passes ``**kwargs`` (which may carry the old keyword), already passes the new keyword, or when the
callable's name may come from a star import or an unsure import (``try:``, shadowed, in a function).
"""

from __future__ import annotations

import ast
from typing import ClassVar

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.calls import ast_calls_of, has_star, keyword as find_arg
from codemods.imports import ImportIndex, dotted


def resolve_call(index: ImportIndex, func: cst.BaseExpression) -> tuple[str | None, str | None]:
    """(qualified name, None) when ``func`` provably refers to an imported name; (None, reason) when
    the head name is imported in an unsafe way; (None, None) when it is not imported at all."""
    chain = dotted(func)
    if chain is None:
        return None, None
    head = chain.split(".")[0]
    if head not in index.bindings:
        return None, None
    reason = index.unsure_reason(head)
    if reason:
        return None, reason
    return index.resolve(func), None


def star_source(index: ImportIndex, func: cst.BaseExpression, qualnames) -> str | None:
    """The module a bare name may come from by ``from m import *`` (one of ``qualnames``' modules)."""
    if not isinstance(func, cst.Name) or func.value in index.bindings:
        return None
    for q in qualnames:
        mod, _, name = q.rpartition(".")
        if name == func.value and index.star_imports(mod):
            return mod
    return None


def last_names(qualnames) -> set[str]:
    return {q.rpartition(".")[2] for q in qualnames}


def ast_calls_with_keyword(tree: ast.AST, func_names: set[str], keywords: set[str]) -> bool:
    """Cheap confirmation: a call of ``name(...)`` / ``x.name(...)`` passing one of ``keywords``."""
    for node in nodes_of(tree, ast.Call):
        f = node.func
        fname = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
        if fname in func_names and any(k.arg in keywords for k in node.keywords):
            return True
    return False


class KeywordRenameCodemod(Codemod):
    """Rename keyword arguments on calls of specific Django callables (see the module docstring)."""

    callables: ClassVar[tuple[str, ...]] = ()
    keyword_renames: ClassVar[dict[str, str]] = {}

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        olds = set(self.keyword_renames)
        for qualname in self.callables:
            for call in ast_calls_of(tree, qualname):
                if any(k.arg in olds or k.arg is None for k in call.keywords):
                    return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        return module.visit(_KeywordRenamer(self, index, ctx))


class _KeywordRenamer(cst.CSTTransformer):
    def __init__(self, codemod: KeywordRenameCodemod, index: ImportIndex, ctx: FileContext):
        self.codemod = codemod
        self.index = index
        self.ctx = ctx
        self.names = last_names(codemod.callables)
        self.reported: set[str] = set()

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        olds = [k for k in self.codemod.keyword_renames if find_arg(updated, k) is not None]
        chain = dotted(updated.func)
        if chain is None:
            return updated
        qual, reason = resolve_call(self.index, updated.func)
        label = chain
        if qual not in self.codemod.callables:
            if reason and chain.rsplit(".", 1)[-1] in self.names and (olds or has_star(updated, ("**",))) \
                    and reason not in self.reported:
                self.reported.add(reason)  # once per file: the same import makes every call unsure
                self.ctx.report(original, f"left {label}() alone: {reason} (and any further such calls)")
            elif qual is None and star_source(self.index, updated.func, self.codemod.callables) and olds:
                self.ctx.report(original, f"'{label}' may come from a star import: rename "
                                          f"{', '.join(o + '=' for o in olds)} by hand")
            return updated
        if not olds:
            if has_star(updated, ("**",)):
                keys = ", ".join(f"{o}=" for o in self.codemod.keyword_renames)
                self.ctx.report(original, f"{label}(**...) may pass {keys} through **kwargs: check it by hand")
            return updated
        args = list(updated.args)
        for old in olds:
            new = self.codemod.keyword_renames[old]
            if find_arg(updated, new) is not None:
                self.ctx.report(original, f"{label}() passes both {old}= and {new}=: fix it by hand")
                return updated
        for i, arg in enumerate(args):
            if arg.keyword is not None and arg.keyword.value in olds:
                args[i] = arg.with_changes(keyword=cst.Name(self.codemod.keyword_renames[arg.keyword.value]))
        return updated.with_changes(args=args)
