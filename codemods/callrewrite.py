"""A base for codemods that rewrite calls of specific importable Django callables.

    class SaltedHmacAlgorithm(CallRewriteCodemod):
        callables = ("django.utils.crypto.salted_hmac",)
        def ast_wants(self, call): ...          # cheap check on an ast.Call (confirm)
        def rewrite(self, call, qual, ctx, edit): ...   # new expression, or None to leave it

Calls are matched through the module's imports (``resolve_call``); a name that may come from a star
import, or one imported in an unsure way (``try:``, in a function, reassigned), is reported once per
file when ``ast_wants`` would have wanted it. ``edit.report(message)`` reports at the call; ``edit.need_import(mod, name)`` adds an import after
the rewrite; ``edit.name_for(qualname)`` says how to write a name the rewrite introduces.
"""

from __future__ import annotations

import ast
from typing import ClassVar

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_calls_of, may_call_any
from codemods.imports import ImportIndex, add_from_import, dotted
from codemods.keywords import resolve_call, star_source
from codemods.names import name_for


class Edit:
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx
        self.imports: list[tuple[str, str]] = []
        self.at: cst.CSTNode | None = None  # the original call being rewritten (for reports)

    def report(self, message: str) -> None:
        self.ctx.report(self.at, message)

    def name_for(self, qualname: str, aliases: tuple[str, ...] = ()) -> str | None:
        found = name_for(self.index, qualname, aliases)
        if found is None:
            return None
        text, imp = found
        if imp and imp not in self.imports:
            self.imports.append(imp)
        return text

    def need_import(self, mod: str, name: str) -> None:
        if (mod, name) not in self.imports:
            self.imports.append((mod, name))


class CallRewriteCodemod(Codemod):
    callables: ClassVar[tuple[str, ...]] = ()
    local_statements = True  # (an override of transform that reads more says otherwise)

    def ast_wants(self, call: ast.Call) -> bool:
        return True

    def rewrite(self, call: cst.Call, qual: str, ctx: FileContext, edit: Edit) -> cst.BaseExpression | None:
        return None

    def prefilter(self, text: str) -> bool:
        # (confirm's necessary condition in the text: most files that say "include" never call it)
        return super().prefilter(text) and may_call_any(text, self.callables)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(self.ast_wants(c) for q in self.callables for c in ast_calls_of(tree, q))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        edit = Edit(index, ctx)
        t = _CallRewriter(self, index, ctx, edit)
        new = module.visit(t)
        if not t.changed:
            return module
        for mod, name in edit.imports:
            new = add_from_import(new, mod, name)
        return self.after(new, index, ctx)

    def after(self, module: cst.Module, index: ImportIndex, ctx: FileContext) -> cst.Module:
        return module


class _CallRewriter(cst.CSTTransformer):
    def __init__(self, codemod: CallRewriteCodemod, index: ImportIndex, ctx: FileContext, edit: Edit):
        self.c, self.index, self.ctx, self.edit = codemod, index, ctx, edit
        self.lasts = {q.rpartition(".")[2] for q in codemod.callables}
        self.changed = False
        self.reported: set[str] = set()

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        chain = dotted(updated.func)
        if chain is None:
            return updated
        if chain.rpartition(".")[2] not in self.lasts and self.index.resolve(updated.func) not in self.c.callables:
            return updated  # neither the name nor an alias of one of the callables
        qual, reason = resolve_call(self.index, updated.func)
        if qual not in self.c.callables:
            if reason and reason not in self.reported:
                self.reported.add(reason)
                self.ctx.report(original, f"left {chain}() alone: {reason} (and any further such calls)")
            elif qual is None and star_source(self.index, updated.func, self.c.callables):
                self.ctx.report(original, f"'{chain}' may come from a star import: check this call by hand")
            return updated
        self.edit.at = original
        new = self.c.rewrite(updated, qual, self.ctx, self.edit)
        if new is None or new is updated:
            return updated
        self.changed = True
        return new
