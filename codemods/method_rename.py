"""A declarative base for codemods that rename a method called as ``obj.old_name(...)``.

    class AssertQuerysetEqual(MethodRenameCodemod):
        old_method = "assertQuerysetEqual"
        new_method = "assertQuerySetEqual"

Every attribute access ``x.old_name`` becomes ``x.new_name``; a method of the old name defined in
the same module (a project's own base class) is reported, since its callers may mean that one.
"""

from __future__ import annotations

import ast
from typing import ClassVar

import libcst as cst

from codemods.base import Codemod, FileContext, walk


class MethodRenameCodemod(Codemod):
    old_method: ClassVar[str] = ""
    new_method: ClassVar[str] = ""

    def prefilter(self, text: str) -> bool:
        return self.old_method in text

    def confirm(self, tree, text, ctx) -> bool:
        return any(
            (isinstance(n, ast.Attribute) and n.attr == self.old_method)
            or (isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == self.old_method)
            for n in walk(tree)
        )

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Transformer(self.old_method, self.new_method, ctx))


class _Transformer(cst.CSTTransformer):
    def __init__(self, old: str, new: str, ctx: FileContext):
        self.old, self.new, self.ctx = old, new, ctx

    def visit_FunctionDef(self, node):
        if node.name.value == self.old:
            self.ctx.report(node, f"this module defines its own {self.old}(): rename it by hand")
        return True

    def leave_Attribute(self, original, updated):
        if updated.attr.value == self.old:
            return updated.with_changes(attr=cst.Name(self.new))
        return updated
