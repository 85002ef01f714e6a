"""What the index_together history rewrite reads (``codemods.index_together_history``): the model
state it tracks per app (table, columns, ``index_together`` groups and their index names), Django's
index name, literal values of migration operations, the app's migrations in dependency order."""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from core.pysource import PARSE_ERRORS

MAX_NAME = 63  # PostgreSQL; MySQL allows 64, SQLite 200: below this every backend uses the full name
FK_SUFFIXES = ("ForeignKey", "OneToOneField")


class _Bail(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def index_name(table: str, columns: list[str]) -> str:
    """Django's ``_create_index_name(table, columns, suffix="_idx")`` when it needs no truncation."""
    h = hashlib.md5()  # noqa: S324 - Django's own digest, not security
    for arg in (table, *columns):
        h.update(arg.encode())
    return "%s_%s_%s_idx" % (table, "_".join(columns), h.hexdigest()[:8])


@dataclass
class _Model:
    table: str
    columns: dict = field(default_factory=dict)  # field name -> column
    groups: dict = field(default_factory=dict)  # tuple(fields) -> index name


@dataclass
class AppResult:
    changed: dict = field(default_factory=dict)  # Path -> new text
    reports: list = field(default_factory=list)  # (Path, line, message)


def _code(node) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _literal(node, line: int):
    text = _code(node).strip()
    if text in ("set()", "[]", "()"):
        return set()
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise _Bail(line, f"not a literal: {text[:60]}") from None


def _groups(value) -> list[tuple]:
    if not value:
        return []
    items = list(value)
    if items and all(isinstance(x, str) for x in items):
        return [tuple(items)]  # one flat group (normalize_together)
    return [tuple(g) for g in items]


def _args(call: cst.Call, names: tuple[str, ...]) -> dict:
    out = {}
    pos = [a for a in call.args if a.keyword is None and not a.star]
    for name, a in zip(names, pos):
        out[name] = a.value
    for a in call.args:
        if a.keyword is not None:
            out[a.keyword.value] = a.value
    return out


def _op_name(call) -> str | None:
    if not isinstance(call, cst.Call):
        return None
    f = call.func
    return f.attr.value if isinstance(f, cst.Attribute) else f.value if isinstance(f, cst.Name) else None


def _option(options, key: str):
    """The value node of ``key`` in a literal options dict (None when absent)."""
    if not isinstance(options, cst.Dict):
        return None
    for el in options.elements:
        if isinstance(el, cst.DictElement) and isinstance(el.key, cst.SimpleString) and el.key.evaluated_value == key:
            return el.value
    return None


def _column(name: str, field_call) -> str:
    if isinstance(field_call, cst.Call):
        for a in field_call.args:
            if a.keyword is not None and a.keyword.value == "db_column" and isinstance(a.value, cst.SimpleString):
                return a.value.evaluated_value
        fname = _op_name(field_call) or ""
        if fname.endswith(FK_SUFFIXES):
            return f"{name}_id"
    return name


class _App:
    def __init__(self, label: str):
        self.label = label
        self.models: dict[str, _Model] = {}

    def model(self, name: str, line: int) -> _Model:
        m = self.models.get(name.lower())
        if m is None:
            raise _Bail(line, f"model {name!r} is not created in this app's migrations")
        return m

    def name_for(self, m: _Model, group: tuple, line: int) -> str:
        try:
            cols = [m.columns[f] for f in group]
        except KeyError as exc:
            raise _Bail(line, f"index_together names an unknown field {exc}") from None
        name = index_name(m.table, cols)
        if len(name) > MAX_NAME:
            raise _Bail(line, f"the index name {name} is longer than {MAX_NAME} characters (backends truncate it "
                              "differently)")
        return name


# -- an app's migrations in order ------------------------------------------------------------------

def _deps_and_replaces(text: str, label: str) -> tuple[list[str], bool]:
    try:
        tree = ast.parse(text)
    except PARSE_ERRORS:
        return [], False
    deps, replaces = [], False
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id == "replaces":
                replaces = True
            if node.targets[0].id == "dependencies":
                try:
                    for d in ast.literal_eval(node.value):
                        if isinstance(d, (tuple, list)) and len(d) == 2 and d[0] == label:
                            deps.append(d[1])
                except (ValueError, SyntaxError):
                    pass
    return deps, replaces


def _ordered(files: dict, label: str) -> tuple[list, bool]:
    graph, squashed = {}, False
    for name, text in files.items():
        deps, rep = _deps_and_replaces(text, label)
        graph[name] = [d for d in deps if d in files]
        squashed = squashed or rep
    done, out = set(), []

    def visit(n, stack=()):
        if n in done or n in stack:
            return
        for d in sorted(graph[n]):
            visit(d, (*stack, n))
        done.add(n)
        out.append(n)

    for n in sorted(graph):
        visit(n)
    return out, squashed


def app_label(migrations_dir: Path) -> str:
    """The app's label: ``label = "..."`` in its apps.py, else the package name."""
    apps_py = migrations_dir.parent / "apps.py"
    if apps_py.is_file():
        try:
            for node in ast.walk(ast.parse(apps_py.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "label" for t in node.targets) \
                        and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    return node.value.value
        except (OSError, UnicodeDecodeError, *PARSE_ERRORS):
            pass
    return migrations_dir.parent.name
