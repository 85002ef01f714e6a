"""setuptools declarations: setup.cfg ``install_requires`` / ``extras_require`` and literal lists in
``setup(install_requires=[...])``.

setup.cfg is validated with configparser and edited line by line (everything but the changed
specifier stays byte-for-byte). setup.py is read with ``ast``: only string literals in a list or
tuple given to ``install_requires`` / ``extras_require`` (directly, or through a module-level name)
are read, and a bump rewrites only that literal's text, checked by evaluating the new literal.
"""

from __future__ import annotations

import ast
import configparser
import re
from pathlib import Path

from packaging.utils import canonicalize_name

from core.errors import UsageError
from upgrader.pins import specs, textio
from upgrader.pins.formats import PinFormat, existing
from upgrader.pins.model import Context, Pin, PinChange, bump_requirement_text, pin_from_requirement, safe_requirement
from core.pysource import PARSE_ERRORS

_SECTION = re.compile(r"^\[(?P<name>[^\]]+)\]")
_KEY = re.compile(r"^(?P<key>[^\s=:#;][^=:]*?)\s*[=:]\s?(?P<value>.*)$")


# ----------------------------------------------------------------------------------------------
# setup.cfg
# ----------------------------------------------------------------------------------------------
def _cfg_items(path: Path, text: str, ctx: Context):
    """(line index, start, end, requirement text) for each requirement of setup.cfg."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        raise UsageError(f"{path}: cannot parse setup.cfg: {str(exc).splitlines()[0]}") from None
    section = None
    key = None
    out = []
    for idx, line in enumerate(textio.split_lines(text)):
        body = textio.line_body(line)
        if not body.strip() or body.lstrip().startswith(("#", ";")):
            continue
        if not body[0].isspace():
            m = _SECTION.match(body)
            if m:
                section, key = m.group("name").strip().lower(), None
                continue
            m = _KEY.match(body)
            if not m:
                key = None
                continue
            key = m.group("key").strip().lower().replace("-", "_")
            value_start = m.start("value")
        else:
            value_start = len(body) - len(body.lstrip())
        relevant = (section == "options" and key == "install_requires") or section == "options.extras_require"
        if not relevant or key is None:
            continue
        value = body[value_start:]
        stripped = value.rstrip()
        if not stripped.strip() or stripped.strip().startswith("file:"):
            continue
        lead = len(value) - len(value.lstrip())
        out.append((idx, value_start + lead, value_start + len(stripped), stripped.strip()))
    return out


def read_cfg(path: Path, ctx: Context) -> list[Pin]:
    text = textio.read_text(path)
    rel = textio.relpath(path, ctx.root)
    lines = textio.split_lines(text)
    pins = []
    for idx, _start, _end, req_text in _cfg_items(path, text, ctx):
        req, error = safe_requirement(req_text)
        lineno = idx + 1
        if req is None:
            ctx.problem(f"{rel}:{lineno}: skipped a requirement that cannot be parsed: {req_text!r} ({error})")
            continue
        if req.url:
            continue
        pins.append(pin_from_requirement(req, req_text, file=path, line=lineno, kind="setup.cfg",
                                         raw=textio.line_body(lines[idx]).strip(), source=f"{rel}:{lineno}"))
    return pins


def bump_cfg(path: Path, name: str, new_version: str, ctx: Context, text: str | None = None) -> tuple[str, list[PinChange]]:
    text = textio.read_text(path) if text is None else text
    rel = textio.relpath(path, ctx.root)
    lines = textio.split_lines(text)
    wanted = canonicalize_name(name)
    changes = []
    for idx, start, end, req_text in _cfg_items(path, text, ctx):
        req, _ = safe_requirement(req_text)
        if req is None or req.url or canonicalize_name(req.name) != wanted:
            continue
        body = textio.line_body(lines[idx])
        try:
            new_req = bump_requirement_text(req_text, new_version, ctx)
        except specs.SpecError as exc:
            ctx.problem(f"{rel}:{idx + 1}: not bumped: {exc}")
            continue
        if new_req == req_text:
            continue
        new_body = body[:start] + new_req + body[end:]
        lines[idx] = new_body + lines[idx][len(body):]
        changes.append(PinChange(path, idx + 1, body.strip(), new_body.strip(), source=f"{rel}:{idx + 1}"))
    return "".join(lines), changes


# ----------------------------------------------------------------------------------------------
# setup.py
# ----------------------------------------------------------------------------------------------
def _literal_nodes(tree: ast.Module) -> list[ast.Constant]:
    assigned: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            assigned[node.target.id] = node.value

    def resolve(value):
        if isinstance(value, ast.Name) and value.id in assigned:
            return assigned[value.id]
        return value

    def strings(value) -> list[ast.Constant]:
        value = resolve(value)
        if isinstance(value, (ast.List, ast.Tuple)):
            return [e for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
            return strings(value.left) + strings(value.right)
        return []

    found: list[ast.Constant] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        fname = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if fname != "setup":
            continue
        for kw in node.keywords:
            if kw.arg == "install_requires":
                found += strings(kw.value)
            elif kw.arg == "extras_require":
                value = resolve(kw.value)
                if isinstance(value, ast.Dict):
                    for v in value.values:
                        found += strings(v)
    seen, unique = set(), []
    for c in found:
        if id(c) not in seen:
            seen.add(id(c))
            unique.append(c)
    return unique


def _parse_py(path: Path, text: str, ctx: Context):
    try:
        return ast.parse(text, filename=str(path))
    except PARSE_ERRORS as exc:
        ctx.problem(f"{textio.relpath(path, ctx.root)}:{getattr(exc, 'lineno', 0) or 0}: cannot parse setup.py, its requirements were not read ({exc.__class__.__name__})")
        return None


def read_py(path: Path, ctx: Context) -> list[Pin]:
    text = textio.read_text(path)
    tree = _parse_py(path, text, ctx)
    if tree is None:
        return []
    rel = textio.relpath(path, ctx.root)
    lines = textio.split_lines(text)
    pins = []
    for node in _literal_nodes(tree):
        req, error = safe_requirement(node.value)
        if req is None:
            ctx.problem(f"{rel}:{node.lineno}: skipped a requirement that cannot be parsed: {node.value!r} ({error})")
            continue
        if req.url:
            continue
        pins.append(pin_from_requirement(req, node.value, file=path, line=node.lineno, kind="setup.py",
                                         raw=textio.line_body(lines[node.lineno - 1]).strip(), source=f"{rel}:{node.lineno}"))
    return pins


def bump_py(path: Path, name: str, new_version: str, ctx: Context, text: str | None = None) -> tuple[str, list[PinChange]]:
    text = textio.read_text(path) if text is None else text
    tree = _parse_py(path, text, ctx)
    if tree is None:
        return text, []
    rel = textio.relpath(path, ctx.root)
    lines = textio.split_lines(text)
    wanted = canonicalize_name(name)
    changes = []
    # right to left so offsets on one line stay valid
    nodes = sorted(_literal_nodes(tree), key=lambda n: (n.lineno, n.col_offset), reverse=True)
    for node in nodes:
        req, _ = safe_requirement(node.value)
        if req is None or req.url or canonicalize_name(req.name) != wanted:
            continue
        where = f"{rel}:{node.lineno}"
        if node.end_lineno != node.lineno:
            ctx.problem(f"{where}: not bumped: the requirement string spans several lines")
            continue
        idx = node.lineno - 1
        body = textio.line_body(lines[idx])
        raw = body.encode("utf-8")
        segment = raw[node.col_offset : node.end_col_offset].decode("utf-8")
        m = re.match(r"(?i)([rbu]*)('''|\"\"\"|'|\")", segment)
        if not m or not segment.endswith(m.group(2)):
            ctx.problem(f"{where}: not bumped: not a plain string literal")
            continue
        q0 = m.end()
        inner = segment[q0 : len(segment) - len(m.group(2))]
        try:
            new_value = bump_requirement_text(node.value, new_version, ctx)
            new_inner = bump_requirement_text(inner, new_version, ctx)
        except specs.SpecError as exc:
            ctx.problem(f"{where}: not bumped: {exc}")
            continue
        if new_value == node.value:
            continue
        new_segment = segment[:q0] + new_inner + m.group(2)
        try:
            ok = ast.literal_eval(new_segment) == new_value
        except (SyntaxError, ValueError):
            ok = False
        if not ok:
            ctx.problem(f"{where}: not bumped: could not rewrite the string literal safely")
            continue
        new_raw = raw[: node.col_offset] + new_segment.encode("utf-8") + raw[node.end_col_offset :]
        new_body = new_raw.decode("utf-8")
        lines[idx] = new_body + lines[idx][len(body):]
        changes.append(PinChange(path, node.lineno, body.strip(), new_body.strip(), source=where))
    new_text = "".join(lines)
    if changes:
        try:
            ast.parse(new_text)
        except PARSE_ERRORS:
            ctx.problem(f"{rel}: not bumped: the rewritten setup.py would not parse")
            return text, []
    changes.reverse()
    return new_text, changes


class SetupCfgFormat(PinFormat):
    """setup.cfg ``[options] install_requires`` and ``[options.extras_require]`` (``kind="setup.cfg"``)."""

    name = "setup.cfg"
    kinds = ("setup.cfg",)

    def find(self, root: Path) -> list[Path]:
        return existing(root, "setup.cfg")

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return read_cfg(path, ctx)

    def bump(self, path: Path, text: str, name: str, new_version: str, ctx: Context) -> tuple[str, list[PinChange]]:
        return bump_cfg(path, name, new_version, ctx, text=text)


class SetupPyFormat(PinFormat):
    """Literal requirement lists given to ``setup()`` in setup.py (``kind="setup.py"``)."""

    name = "setup.py"
    kinds = ("setup.py",)

    def find(self, root: Path) -> list[Path]:
        return existing(root, "setup.py")

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return read_py(path, ctx)

    def bump(self, path: Path, text: str, name: str, new_version: str, ctx: Context) -> tuple[str, list[PinChange]]:
        return bump_py(path, name, new_version, ctx, text=text)
