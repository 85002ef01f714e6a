"""Codemod: EmailValidator(whitelist=...) -> EmailValidator(allowlist=...)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, walk
from codemods.calls import ast_local_names, has_star, keyword, rename_keyword
from codemods.imports import ImportIndex

QUALNAME = "django.core.validators.EmailValidator"


class EmailValidatorAllowlist(Codemod):
    """Rename ``EmailValidator``'s ``whitelist`` argument and ``domain_whitelist`` attribute.

    What it does: ``EmailValidator(whitelist=[...])`` becomes ``EmailValidator(allowlist=[...])``,
    and a ``domain_whitelist = [...]`` class attribute of an ``EmailValidator`` subclass becomes
    ``domain_allowlist``. Calls with ``**kwargs`` are left alone and reported.

    Why: the ``whitelist`` names were deprecated in Django 3.2 (``RemovedInDjango41Warning``) and
    removed in Django 4.1.

    Example::

        # before
        validate = EmailValidator(whitelist=["localdomain"])

        # after
        validate = EmailValidator(allowlist=["localdomain"])

    Django versions: ``allowlist`` exists since Django 3.2; needed before 4.1.
    """

    name = "email_validator_allowlist"
    changes = ("emailvalidator-whitelist", "emailvalidator-domain-whitelist")
    available_from = "3.2"
    removed_in = "4.1"
    triggers = ("whitelist",)

    def prune_needles(self):
        return ("whitelist", "EmailValidator")  # EmailValidator(**kwargs) is reported
    kinds = frozenset({"python"})
    migrations = True

    def prefilter(self, text: str) -> bool:
        return "whitelist" in text and "EmailValidator" in text  # confirm wants both

    def confirm(self, tree, text, ctx) -> bool:
        if "EmailValidator" not in text:
            return False
        for node in walk(tree):
            if isinstance(node, ast.keyword) and node.arg in ("whitelist", None):
                return True
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "domain_whitelist" for t in node.targets):
                return True
        return bool(ast_local_names(tree, QUALNAME)) and False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        return module.visit(_Transformer(index, ctx))


class _Transformer(cst.CSTTransformer):
    def __init__(self, index, ctx):
        self.index, self.ctx = index, ctx
        self.class_stack: list[bool] = []

    def visit_ClassDef(self, node):
        self.class_stack.append(any(self.index.resolve(b.value) == QUALNAME for b in node.bases))

    def leave_ClassDef(self, original, updated):
        self.class_stack.pop()
        return updated

    def leave_Call(self, original, updated):
        if self.index.resolve(original.func) != QUALNAME:
            return updated
        if has_star(updated):
            if any(a.star == "**" for a in updated.args):
                self.ctx.report(original, "EmailValidator(**kwargs): rename whitelist to allowlist by hand")
            return updated
        if keyword(updated, "whitelist") is None:
            return updated
        if keyword(updated, "allowlist") is not None:
            self.ctx.report(original, "EmailValidator() has both whitelist and allowlist")
            return updated
        return rename_keyword(updated, "whitelist", "allowlist")

    def leave_AssignTarget(self, original, updated):
        if self.class_stack and self.class_stack[-1] and isinstance(updated.target, cst.Name) \
                and updated.target.value == "domain_whitelist":
            return updated.with_changes(target=cst.Name("domain_allowlist"))
        return updated
