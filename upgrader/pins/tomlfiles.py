"""TOML declarations: pyproject.toml (PEP 621, PEP 735 dependency groups, Poetry) and Pipfile.

Read and written with tomlkit, so everything but the changed string stays byte-for-byte (comments,
quoting style, inline tables, CRLF). Line numbers are found by locating each string literal in the
text after its table header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from packaging.utils import canonicalize_name
from tomlkit.items import String

from core.errors import UsageError
from upgrader.pins import specs, textio
from upgrader.pins.formats import PinFormat, existing
from upgrader.pins.model import (Context, Pin, PinChange, bump_requirement_text, bump_spec, pin_from_requirement,
                                 safe_requirement)


@dataclass
class Entry:
    pin: Pin
    container: Any  # tomlkit Array / Table / InlineTable holding the string
    key: Any  # index or key in the container
    item: String
    mode: str  # "pep508": a whole requirement string; "spec": only a version constraint


def parse(path: Path, text: str, what: str):
    try:
        return tomlkit.parse(text)
    except Exception as exc:  # tomlkit's ParseError and friends
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"{path}: cannot parse {what}: {message}") from None


class _Locator:
    """Finds the line of each string literal, in document order, after a table header."""

    def __init__(self, text: str):
        self.text = text
        self.cursors: dict[tuple, int] = {}

    def header(self, pattern: str, start: int = 0) -> int:
        m = re.compile(pattern, re.M | re.I).search(self.text, start)
        return m.start() if m else start

    def line(self, literal: str, start: int) -> int:
        cursor = max(self.cursors.get((literal, start), start), start)
        pos = self.text.find(literal, cursor)
        if pos == -1:
            pos = self.text.find(literal)
        if pos == -1:
            return textio.line_of(self.text, start)
        self.cursors[(literal, start)] = pos + len(literal)
        return textio.line_of(self.text, pos)


def _strings(value) -> list[tuple[Any, Any, Any]]:
    """(container, key, item) for every string of an array."""
    out = []
    if hasattr(value, "__iter__") and not isinstance(value, (str, dict)):
        for i, item in enumerate(value):
            if isinstance(item, String):
                out.append((value, i, item))
    return out


def _body_line(text: str, lineno: int) -> str:
    lines = textio.split_lines(text)
    return textio.line_body(lines[lineno - 1]).strip() if 0 < lineno <= len(lines) else ""


def _pep508_entries(path, text, loc, ctx, kind, header_rx, strings, section_label) -> list[Entry]:
    rel = textio.relpath(path, ctx.root)
    out = []
    start = loc.header(header_rx)
    for container, key, item in strings:
        lineno = loc.line(item.as_string(), start)
        req, error = safe_requirement(str(item))
        if req is None:
            ctx.problem(f"{rel}:{lineno}: skipped a requirement in {section_label} that cannot be parsed: {str(item)!r} ({error})")
            continue
        if req.url:
            continue
        pin = pin_from_requirement(req, str(item), file=path, line=lineno, kind=kind, raw=_body_line(text, lineno), source=f"{rel}:{lineno}")
        out.append(Entry(pin, container, key, item, "pep508"))
    return out


def pyproject_entries(path: Path, ctx: Context, text: str | None = None):
    text = textio.read_text(path) if text is None else text
    doc = parse(path, text, "pyproject.toml")
    loc = _Locator(text)
    entries: list[Entry] = []
    project = doc.get("project")
    if isinstance(project, dict):
        deps = project.get("dependencies")
        if deps is not None:
            entries += _pep508_entries(path, text, loc, ctx, "pyproject-pep621", r"^\s*\[project\]", _strings(deps), "[project].dependencies")
        optional = project.get("optional-dependencies")
        if isinstance(optional, dict):
            for group, values in optional.items():
                entries += _pep508_entries(
                    path, text, loc, ctx, "pyproject-pep621",
                    r"^\s*\[project\.optional-dependencies\]|^\s*\[project\]", _strings(values),
                    f"[project.optional-dependencies].{group}",
                )
    groups = doc.get("dependency-groups")
    if isinstance(groups, dict):
        for group, values in groups.items():
            entries += _pep508_entries(path, text, loc, ctx, "pyproject-pep621", r"^\s*\[dependency-groups\]", _strings(values), f"[dependency-groups].{group}")
    poetry = doc.get("tool", {}).get("poetry") if isinstance(doc.get("tool"), dict) else None
    if isinstance(poetry, dict):
        tables = []
        if isinstance(poetry.get("dependencies"), dict):
            tables.append((r"^\s*\[tool\.poetry\.dependencies\]", poetry["dependencies"]))
        if isinstance(poetry.get("dev-dependencies"), dict):
            tables.append((r"^\s*\[tool\.poetry\.dev-dependencies\]", poetry["dev-dependencies"]))
        for gname, group in (poetry.get("group") or {}).items():
            if isinstance(group, dict) and isinstance(group.get("dependencies"), dict):
                tables.append((rf"^\s*\[tool\.poetry\.group\.[\"']?{re.escape(gname)}[\"']?\.dependencies\]", group["dependencies"]))
        for header_rx, table in tables:
            entries += _constraint_entries(path, text, loc, ctx, "pyproject-poetry", "poetry", header_rx, table, skip={"python"})
    return doc, text, entries


def pipfile_entries(path: Path, ctx: Context, text: str | None = None):
    text = textio.read_text(path) if text is None else text
    doc = parse(path, text, "Pipfile")
    loc = _Locator(text)
    entries: list[Entry] = []
    for section, table in doc.items():
        if section in ("source", "requires", "scripts", "pipenv") or not isinstance(table, dict):
            continue
        entries += _constraint_entries(path, text, loc, ctx, "Pipfile", "pep440", rf"^\s*\[[\"']?{re.escape(section)}[\"']?\]", table, skip=set())
    return doc, text, entries


def _constraint_entries(path, text, loc, ctx, kind, style, header_rx, table, skip) -> list[Entry]:
    """``name = "constraint"`` / ``name = {version = "..."}`` / a list of such tables."""
    rel = textio.relpath(path, ctx.root)
    out = []
    start = loc.header(header_rx)
    for name, value in table.items():
        if name in skip:
            continue
        key_rx = rf"^\s*[\"']?{re.escape(str(name))}[\"']?\s*=|^\s*\[[^\]]*\.[\"']?{re.escape(str(name))}[\"']?\]"
        key_start = loc.header(key_rx, start)
        candidates = []
        if isinstance(value, String):
            candidates.append((table, name, value, {}))
        elif isinstance(value, dict):
            if isinstance(value.get("version"), String):
                candidates.append((value, "version", value["version"], value))
            elif not any(k in value for k in ("git", "path", "url", "file")):
                candidates.append((None, None, None, value))
        elif isinstance(value, list):
            for sub in value:
                if isinstance(sub, dict) and isinstance(sub.get("version"), String):
                    candidates.append((sub, "version", sub["version"], sub))
        for container, key, item, extra in candidates:
            spec = str(item) if item is not None else ""
            lineno = loc.line(item.as_string(), key_start) if item is not None else textio.line_of(text, key_start)
            try:
                specs.to_specifier_sets(spec, style)
            except specs.SpecError as exc:
                ctx.problem(f"{rel}:{lineno}: skipped {name}: {exc}")
                continue
            spec_out = "" if spec.strip() == "*" else spec
            extras = extra.get("extras") if isinstance(extra, dict) else None
            marker = ""
            if isinstance(extra, dict):
                marker = str(extra.get("markers") or extra.get("python") or "")
            pin = Pin(
                file=path, line=lineno, kind=kind, name=str(name), specifier=spec_out,
                raw=_body_line(text, lineno), version=specs.exact_version(spec, style) if spec_out else None,
                style=style, extras=tuple(str(e) for e in (extras or ())), marker=marker, source=f"{rel}:{lineno}",
            )
            if item is not None:
                out.append(Entry(pin, container, key, item, "spec"))
            else:
                out.append(Entry(pin, None, None, None, "spec"))
    return out


def _new_item(item: String, new_value: str, new_raw: str) -> String:
    return String(item.type, new_value, new_raw, item.trivia)


def _quote_len(item: String) -> int:
    return len(item.type.value)


def bump(path: Path, name: str, new_version: str, ctx: Context, which: str,
         text: str | None = None) -> tuple[str, list[PinChange]]:
    """New text of a pyproject.toml (``which="pyproject"``) or Pipfile (from ``text`` when given)
    with ``name`` bumped."""
    getter = pyproject_entries if which == "pyproject" else pipfile_entries
    doc, text, entries = getter(path, ctx, text)
    rel = textio.relpath(path, ctx.root)
    wanted = canonicalize_name(name)
    lines = textio.split_lines(text)
    changes: list[PinChange] = []
    for entry in entries:
        if entry.pin.canonical_name != wanted or entry.item is None:
            continue
        item = entry.item
        q = _quote_len(item)
        literal = item.as_string()
        raw_inner = literal[q:-q] if q else literal
        try:
            if entry.mode == "pep508":
                new_value = bump_requirement_text(str(item), new_version, ctx)
                new_raw = bump_requirement_text(raw_inner, new_version, ctx)
            else:
                new_value = bump_spec(str(item), new_version, ctx, entry.pin.style)
                new_raw = bump_spec(raw_inner, new_version, ctx, entry.pin.style)
        except specs.SpecError as exc:
            ctx.problem(f"{entry.pin.source}: not bumped: {exc}")
            continue
        if new_value == str(item):
            continue
        new = _new_item(item, new_value, new_raw)
        entry.container[entry.key] = new
        idx = entry.pin.line - 1
        old_line = textio.line_body(lines[idx]) if idx < len(lines) else entry.pin.raw
        new_line = old_line.replace(literal, new.as_string(), 1)
        if idx < len(lines):
            lines[idx] = new_line + lines[idx][len(old_line):]
        changes.append(PinChange(path, entry.pin.line, old_line.strip(), new_line.strip(), source=f"{rel}:{entry.pin.line}"))
    if not changes:
        return text, []
    out = tomlkit.dumps(doc)
    if out != "".join(lines):
        # tomlkit and the line-level view disagree: trust tomlkit's document but check it re-reads
        parse(path, out, path.name)
    return out, changes


class PyprojectFormat(PinFormat):
    """pyproject.toml: PEP 621 and PEP 735 (``kind="pyproject-pep621"``), Poetry (``"pyproject-poetry"``)."""

    name = "pyproject"
    kinds = ("pyproject-pep621", "pyproject-poetry")

    def find(self, root: Path) -> list[Path]:
        return existing(root, "pyproject.toml")

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return [e.pin for e in pyproject_entries(path, ctx)[2]]

    def bump(self, path: Path, text: str, name: str, new_version: str, ctx: Context) -> tuple[str, list[PinChange]]:
        return bump(path, name, new_version, ctx, "pyproject", text=text)


class PipfileFormat(PinFormat):
    """Pipfile's package sections (``kind="Pipfile"``)."""

    name = "Pipfile"
    kinds = ("Pipfile",)

    def find(self, root: Path) -> list[Path]:
        return existing(root, "Pipfile")

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return [e.pin for e in pipfile_entries(path, ctx)[2]]

    def bump(self, path: Path, text: str, name: str, new_version: str, ctx: Context) -> tuple[str, list[PinChange]]:
        return bump(path, name, new_version, ctx, "Pipfile", text=text)
