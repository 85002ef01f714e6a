"""Shared helpers for settings codemods (``kinds = frozenset({"settings"})``).

Settings files are plain modules of top-level assignments, but real projects layer them: a package
``settings/base.py`` + ``dev.py`` / ``prod.py`` that start with ``from .base import *`` and override
a few names, values read from ``os.environ``, settings set inside ``if DEBUG:`` / ``try:``. These
helpers answer the questions every settings codemod asks:

    info = find_setting(module, "USE_L10N")
    info.top          # [TopAssign(index, stmt, value)] - plain ``NAME = value`` at module level
    info.unsafe       # [(node, reason)] - inside if/try/with/for/def/class, ``NAME += ...``,
                      # tuple targets, ``NAME[...] = ...``
    module = remove_statement(module, index)                 # keeps the comments above it
    module = replace_statement(module, index, "NEW = 1\\n")  # keeps leading comments / blank lines
    dict_source([("BACKEND", "'x'"), ...], indent=0)         # a formatted dict literal
    is_plain_value(expr)       # literal / os.environ / os.getenv / int(...)... (not computed)
    star_bases(module)         # ["..base"] modules this file star-imports
    base_status(ctx.path, module, {"STORAGES", "DEFAULT_FILE_STORAGE"})
                               # "absent" / "defines" / "unknown" for the star-imported base files

Finding a setting (``find_setting``) and the ``SettingsCodemod`` base live here; the rest in modules
of their own, all importable from here: ``codemods.settings_values`` (value shapes, ``dict_source``),
``codemods.settings_edit`` (statement editing) and ``codemods.settings_bases`` (the star-imported
base modules, read from disk next to ``ctx.path``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

import libcst as cst

from codemods.base import Codemod, walk
from codemods.references import bare_names
from codemods.settings_bases import (
    base_status,
    base_values,
    has_nested_star_import,
    resolve_module_file,
    star_bases,
)
from codemods.settings_edit import insert_statement, parse_statements, remove_statement, replace_statement
from codemods.settings_values import dict_source, is_plain_value, literal_value

# What settings codemods import from here stays importable from here:
__all__ = [
    "SettingInfo", "SettingsCodemod", "TopAssign", "ast_assigns", "base_status", "base_values", "code",
    "dict_source", "find_setting", "has_nested_star_import", "insert_statement", "is_plain_value",
    "literal_value", "parse_statements", "remove_statement", "replace_statement", "resolve_module_file",
    "star_bases", "uses_name",
]

_EMPTY = cst.Module(body=[])


def code(node: cst.CSTNode) -> str:
    return _EMPTY.code_for_node(node)


@dataclass
class TopAssign:
    index: int  # position in module.body
    stmt: cst.SimpleStatementLine
    value: cst.BaseExpression


@dataclass
class SettingInfo:
    name: str
    top: list[TopAssign] = field(default_factory=list)
    unsafe: list[tuple[cst.CSTNode, str]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.top or self.unsafe)

    @property
    def last(self) -> TopAssign | None:
        return self.top[-1] if self.top else None


def _targets(small: cst.BaseSmallStatement):
    if isinstance(small, cst.Assign):
        return [t.target for t in small.targets]
    if isinstance(small, (cst.AnnAssign, cst.AugAssign)):
        return [small.target]
    return []


def _names_in_target(target) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        out = []
        for el in target.elements:
            out.extend(_names_in_target(el.value))
        return out
    if isinstance(target, cst.StarredElement):
        return _names_in_target(target.value)
    return []


def _subscript_base(target) -> str | None:
    node = target
    while isinstance(node, (cst.Subscript, cst.Attribute)):
        node = node.value
        if isinstance(node, cst.Name):
            return node.value
    return None


class _SettingFinder(cst.CSTVisitor):
    def __init__(self, name: str, info: SettingInfo, top_ids: set[int]):
        self.name = name
        self.info = info
        self.top_ids = top_ids
        self.context: list[str] = []

    def _push(self, what):
        self.context.append(what)

    def _pop(self, *_):
        self.context.pop()

    def visit_If(self, node):
        self._push("inside an if block")

    leave_If = _pop

    def visit_Try(self, node):
        self._push("inside a try block")

    leave_Try = _pop

    def visit_TryStar(self, node):
        self._push("inside a try block")

    leave_TryStar = _pop

    def visit_With(self, node):
        self._push("inside a with block")

    leave_With = _pop

    def visit_For(self, node):
        self._push("inside a loop")

    leave_For = _pop

    def visit_While(self, node):
        self._push("inside a loop")

    leave_While = _pop

    def visit_FunctionDef(self, node):
        self._push("inside a function")

    leave_FunctionDef = _pop

    def visit_ClassDef(self, node):
        self._push("inside a class (a class-based settings layout)")

    leave_ClassDef = _pop

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine):
        for small in node.body:
            for target in _targets(small):
                names = _names_in_target(target)
                if self.name in names:
                    if self.context:
                        self.info.unsafe.append((node, f"{self.name} is set {self.context[-1]}"))
                    elif isinstance(small, cst.AugAssign):
                        self.info.unsafe.append((node, f"{self.name} is changed by augmented assignment"))
                    elif not isinstance(target, cst.Name):
                        self.info.unsafe.append((node, f"{self.name} is set by tuple unpacking"))
                    elif len(node.body) != 1 or (isinstance(small, cst.Assign) and len(small.targets) != 1):
                        self.info.unsafe.append((node, f"{self.name} is set in a compound statement"))
                    elif isinstance(small, cst.AnnAssign) and small.value is None:
                        self.info.unsafe.append((node, f"{self.name} is only annotated"))
                    elif id(node) not in self.top_ids:
                        self.info.unsafe.append((node, f"{self.name} is set in a nested block"))
                elif _subscript_base(target) == self.name:
                    self.info.unsafe.append((node, f"{self.name} is modified in place ({code(target)} = ...)"))
            if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                func = small.value.func
                if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == self.name:
                    self.info.unsafe.append((node, f"{self.name} is modified in place ({self.name}.{func.attr.value}(...))"))
        return False


def find_setting(module: cst.Module, name: str) -> SettingInfo:
    """Every place ``name`` is assigned: plain top-level assignments, and the unsafe ones."""
    info = SettingInfo(name)
    top_ids = set()
    for i, stmt in enumerate(module.body):
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
            small = stmt.body[0]
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
                    isinstance(small.targets[0].target, cst.Name) and small.targets[0].target.value == name:
                info.top.append(TopAssign(i, stmt, small.value))
                top_ids.add(id(stmt))
            elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and \
                    small.target.value == name and small.value is not None:
                info.top.append(TopAssign(i, stmt, small.value))
                top_ids.add(id(stmt))
    module.visit(_SettingFinder(name, info, top_ids))
    return info


def uses_name(node: cst.CSTNode, name: str) -> bool:
    """Whether the bare name ``name`` is read anywhere inside ``node`` (any ``Name`` but an
    attribute's own name: in imports and keywords too). A plain walk, not libcst's visitor dispatch:
    a large settings module is walked once per setting a codemod removes."""
    return any(value == name for value in bare_names(node))


# -- a base class for settings codemods -------------------------------------------------------------

def ast_assigns(tree, names: set[str]) -> bool:
    """Whether the ``ast`` tree assigns any of ``names`` anywhere (cheap stage-2 confirmation)."""
    for node in walk(tree):
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        else:
            continue
        for t in targets:
            for sub in ast.walk(t):
                if isinstance(sub, ast.Name) and sub.id in names:
                    return True
    return False


class SettingsCodemod(Codemod):
    """A codemod over settings modules that triggers on assignments of ``setting_names``."""

    kinds = frozenset({"settings"})
    migrations = False
    setting_names: tuple[str, ...] = ()

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return ast_assigns(tree, set(self.setting_names))

    def report_unsafe(self, info: SettingInfo, ctx, what: str) -> None:
        for node, reason in info.unsafe:
            ctx.report(node, f"{reason}: {what}")
