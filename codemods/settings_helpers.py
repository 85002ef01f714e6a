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
    base_status(ctx, module, {"STORAGES", "DEFAULT_FILE_STORAGE"})
                               # "absent" / "defines" / "unknown" for the star-imported base files

``base_status`` reads the star-imported base module from disk (next to ``ctx.path``; relative and
absolute dotted imports are resolved upwards from the file's directory). It only matters for files
that star-import a base, and answers "unknown" when the base can't be found, so the caller can
stay conservative.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from codemods.imports import dotted, module_name

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
    """Whether the bare name ``name`` is read anywhere inside ``node``."""
    found = []

    class V(cst.CSTVisitor):
        def visit_Name(self, n):
            if n.value == name:
                found.append(n)

        def visit_Attribute(self, n):
            n.value.visit(self)
            return False

    node.visit(V())
    return bool(found)


# -- value shapes --------------------------------------------------------------------------------

_PLAIN_CALLS = {"int", "str", "bool", "float", "os.environ.get", "os.getenv", "environ.get", "getenv",
                "os.path.join", "os.path.abspath", "os.path.expanduser", "Path"}


def is_plain_value(expr: cst.BaseExpression) -> bool:
    """A literal, a name, ``os.environ[...]``, ``os.environ.get(...)`` / ``os.getenv(...)``, simple
    casts and arithmetic of those. Other calls (a function computing the setting) are not plain."""
    if isinstance(expr, (cst.SimpleString, cst.Integer, cst.Float, cst.Name, cst.ConcatenatedString)):
        return True
    if isinstance(expr, cst.FormattedString):
        return all(is_plain_value(p.expression) for p in expr.parts if isinstance(p, cst.FormattedStringExpression))
    if isinstance(expr, cst.Attribute):
        return dotted(expr) is not None
    if isinstance(expr, cst.UnaryOperation):
        return is_plain_value(expr.expression)
    if isinstance(expr, (cst.BinaryOperation, cst.Comparison, cst.BooleanOperation)):
        if isinstance(expr, cst.Comparison):
            return is_plain_value(expr.left) and all(is_plain_value(c.comparator) for c in expr.comparisons)
        return is_plain_value(expr.left) and is_plain_value(expr.right)
    if isinstance(expr, cst.Subscript):
        return dotted(expr.value) in ("os.environ", "environ") and all(
            isinstance(s.slice, cst.Index) and is_plain_value(s.slice.value) for s in expr.slice)
    if isinstance(expr, cst.Call):
        func = dotted(expr.func)
        if func not in _PLAIN_CALLS:
            return False
        return all(a.star == "" and is_plain_value(a.value) for a in expr.args)
    if isinstance(expr, (cst.Tuple, cst.List)):
        return all(isinstance(e, cst.Element) and is_plain_value(e.value) for e in expr.elements)
    return False


def literal_value(expr: cst.BaseExpression):
    """The Python value of a simple literal (True/False/None, int, str), else a sentinel ``...``."""
    if isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[expr.value]
    if isinstance(expr, cst.Integer):
        try:
            return int(expr.value.replace("_", ""), 0)
        except ValueError:
            return ...
    if isinstance(expr, cst.SimpleString):
        try:
            return expr.evaluated_value
        except Exception:  # noqa: BLE001
            return ...
    return ...


# -- statement editing ----------------------------------------------------------------------------

def _comment_lines(stmt) -> list[cst.EmptyLine]:
    return [line for line in stmt.leading_lines if line.comment is not None]


def remove_statement(module: cst.Module, index: int) -> cst.Module:
    """Drop ``module.body[index]``; comment lines above it move to the next statement (or the footer)."""
    body = list(module.body)
    stmt = body.pop(index)
    carry = _comment_lines(stmt)
    if carry:
        if index < len(body):
            nxt = body[index]
            body[index] = nxt.with_changes(leading_lines=[*stmt.leading_lines, *nxt.leading_lines])
        else:
            return module.with_changes(body=body, footer=[*stmt.leading_lines, *module.footer])
    if not body and not module.header and not module.footer:
        return module.with_changes(body=body, has_trailing_newline=False)
    return module.with_changes(body=body)


def parse_statements(source: str) -> list[cst.BaseStatement]:
    return list(cst.parse_module(source).body)


def replace_statement(module: cst.Module, index: int, source: str, keep_trailing_comment: bool = True) -> cst.Module:
    """Replace ``module.body[index]`` with the statement(s) in ``source``, keeping the old
    statement's leading lines (comments, blank lines) and, optionally, its trailing comment."""
    body = list(module.body)
    old = body[index]
    new = parse_statements(source)
    new[0] = new[0].with_changes(leading_lines=[*old.leading_lines, *new[0].leading_lines])
    if keep_trailing_comment and isinstance(old, cst.SimpleStatementLine) and old.trailing_whitespace.comment is not None \
            and isinstance(new[-1], cst.SimpleStatementLine) and new[-1].trailing_whitespace.comment is None:
        new[-1] = new[-1].with_changes(trailing_whitespace=old.trailing_whitespace)
    body[index:index + 1] = new
    return module.with_changes(body=body)


def insert_statement(module: cst.Module, index: int, source: str) -> cst.Module:
    body = list(module.body)
    body[index:index] = parse_statements(source)
    return module.with_changes(body=body)


def dict_source(items: list[tuple[str | None, str]], indent: int = 0, step: int = 4) -> str:
    """A multi-line dict literal. ``items`` are (key, value source); a key of None means ``**value``.
    A value may itself be a list of items (a nested dict)."""
    if not items:
        return "{}"
    pad = " " * (indent + step)
    lines = ["{"]
    for key, value in items:
        if isinstance(value, list):
            value = dict_source(value, indent + step, step)
        if key is None:
            lines.append(f"{pad}**{value},")
        else:
            lines.append(f"{pad}{json.dumps(key)}: {value},")
    lines.append(" " * indent + "}")
    return "\n".join(lines)


# -- star-imported bases --------------------------------------------------------------------------

def star_bases(module: cst.Module) -> list[str]:
    """Modules this file star-imports at top level (``.base``, ``proj.settings.base``)."""
    out = []
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.ImportFrom) and isinstance(small.names, cst.ImportStar):
                    out.append(module_name(small))
    return out


def has_nested_star_import(module: cst.Module) -> bool:
    """A star import inside try/if (a ``try: from .local import *`` override)."""
    found = []

    class V(cst.CSTVisitor):
        depth = 0

        def visit_IndentedBlock(self, node):
            self.depth += 1

        def leave_IndentedBlock(self, node):
            self.depth -= 1

        def visit_ImportFrom(self, node):
            if isinstance(node.names, cst.ImportStar) and self.depth:
                found.append(module_name(node))

    module.visit(V())
    return bool(found)


def resolve_module_file(from_path: str, modname: str) -> Path | None:
    """The file of ``modname`` star-imported from the file ``from_path`` (None when not found)."""
    here = Path(from_path).resolve().parent if from_path else None
    if here is None:
        return None
    level = len(modname) - len(modname.lstrip("."))
    rest = modname[level:]
    parts = [p for p in rest.split(".") if p]
    candidates = []
    if level:
        base = here
        for _ in range(level - 1):
            base = base.parent
        candidates.append(base)
    else:
        candidates.extend([here, *here.parents])
    for root in candidates:
        target = root.joinpath(*parts) if parts else root
        for path in (target.with_suffix(".py") if parts else None, target / "__init__.py"):
            if path is not None and path.is_file():
                return path
    return None


def _defines(text: str, names: set[str]) -> bool:
    pattern = re.compile(r"^(%s)\s*(:[^=]*)?[+]?=" % "|".join(map(re.escape, sorted(names))), re.M)
    return bool(pattern.search(text))


def base_values(path: str, module: cst.Module, name: str, _depth: int = 0) -> list[str] | None:
    """The right-hand sides (source text, first line) of top-level ``name = ...`` lines in the
    modules ``module`` star-imports (recursively), or None when a base can't be found or read."""
    out: list[str] = []
    pattern = re.compile(r"^%s\s*(?::[^=]*)?[+]?=\s*(.*)$" % re.escape(name), re.M)
    for mod in star_bases(module):
        file = resolve_module_file(path, mod)
        if file is None:
            return None
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        out.extend(m.group(1).strip() for m in pattern.finditer(text))
        if _depth < 4 and "import *" in text:
            try:
                sub = cst.parse_module(text)
            except cst.ParserSyntaxError:
                return None
            inner = base_values(str(file), sub, name, _depth + 1)
            if inner is None:
                return None
            out = inner + out
    return out


def base_status(path: str, module: cst.Module, names: set[str], _depth: int = 0) -> str:
    """Whether the modules ``module`` (at ``path``) star-imports define any of ``names`` at top
    level: "defines", "absent", or "unknown" (a base file could not be found or read)."""
    status = "absent"
    for mod in star_bases(module):
        file = resolve_module_file(path, mod)
        if file is None:
            return "unknown"
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return "unknown"
        if _defines(text, names):
            return "defines"
        if _depth < 4 and "import *" in text:
            try:
                sub = cst.parse_module(text)
            except cst.ParserSyntaxError:
                return "unknown"
            inner = base_status(str(file), sub, names, _depth + 1)
            if inner != "absent":
                return inner
    return status


# -- a base class for settings codemods -------------------------------------------------------------

import ast as _ast  # noqa: E402

from codemods.base import Codemod, walk  # noqa: E402


def ast_assigns(tree, names: set[str]) -> bool:
    """Whether the ``ast`` tree assigns any of ``names`` anywhere (cheap stage-2 confirmation)."""
    for node in walk(tree):
        if isinstance(node, _ast.Assign):
            targets = node.targets
        elif isinstance(node, (_ast.AnnAssign, _ast.AugAssign)):
            targets = [node.target]
        else:
            continue
        for t in targets:
            for sub in _ast.walk(t):
                if isinstance(sub, _ast.Name) and sub.id in names:
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
