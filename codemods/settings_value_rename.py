"""A declarative base for "this dotted-path string in settings becomes that one" codemods.

    class PostgresqlPsycopg2(SettingsValueRenameCodemod):
        values = {"django.db.backends.postgresql_psycopg2": "django.db.backends.postgresql"}

Every string literal in a settings module whose value is exactly one of ``values`` is replaced
(keeping its prefix and quote style) - in assignments, dict and list literals, and call arguments
such as an ``os.environ.get(..., default)`` default. A string compared with something
(``ENGINE == "..."``, ``"..." in x``) is left alone and reported: rewriting one side of a comparison
could change which branch runs.
"""

from __future__ import annotations

import ast
from typing import ClassVar

import libcst as cst

from codemods.base import FileContext, walk
from codemods.settings_helpers import SettingsCodemod


class SettingsValueRenameCodemod(SettingsCodemod):
    values: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        if cls.values and not cls.triggers:
            cls.triggers = tuple(cls.values)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in self.values
                   for n in walk(tree))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Transformer(self.values, ctx))


class _Transformer(cst.CSTTransformer):
    def __init__(self, values: dict[str, str], ctx: FileContext):
        self.values, self.ctx = values, ctx
        self.in_comparison = 0

    def visit_Comparison(self, node):
        self.in_comparison += 1

    def leave_Comparison(self, original, updated):
        self.in_comparison -= 1
        return updated

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString):
        try:
            value = original.evaluated_value
        except Exception:  # noqa: BLE001 - odd literals are left alone
            return updated
        if not isinstance(value, str) or value not in self.values:
            return updated
        if self.in_comparison:
            self.ctx.report(original, f"'{value}' is compared here: change it to '{self.values[value]}' by hand "
                                      "together with the value it is compared with")
            return updated
        prefix = original.prefix
        quote = original.quote
        if "\\" in self.values[value] or quote[0] in self.values[value]:
            return updated
        return updated.with_changes(value=f"{prefix}{quote}{self.values[value]}{quote}")
