"""Where a failing test points in the project: the lines of a traceback, the test's module, the
warnings harvested while it ran (``upgrader.explain`` asks these about each candidate change).

    frame_finding(candidate, links, root, cache)      # a finding a traceback frame runs through
    test_reference(candidate, failing, root, cache)   # a finding in a class the test's module names
    warning_finding(candidate, warnings, test, root, cache)   # (hit, finding) from harvested warnings

``candidate``: anything with ``findings`` (codemods.detect.Finding) and ``warning_hit(category,
message)``; ``failing``: anything with ``test`` and ``frames`` (testresults.Frame); ``cache`` is a dict
kept for one explanation run (parsed files, URL names).
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.pysource import PARSE_ERRORS


def _rel(file: str, root: Path) -> str | None:
    try:
        return Path(os.path.realpath(file)).relative_to(root).as_posix()
    except (ValueError, OSError):
        return None


@dataclass
class _FileInfo:
    functions: dict  # line -> enclosing function name (for "def" lines and bodies)
    classes: dict  # line -> enclosing class name
    class_ranges: list = field(default_factory=list)  # (first line, last line) of every class


def _enclosing(root: Path, rel: str, cache: dict) -> _FileInfo:
    if rel in cache:
        return cache[rel]
    info = _FileInfo({}, {})
    try:
        tree = ast.parse((root / rel).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, *PARSE_ERRORS):
        cache[rel] = info
        return info

    def walk(node, cls):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                for ln in range(child.lineno, (child.end_lineno or child.lineno) + 1):
                    info.classes[ln] = child.name
                info.class_ranges.append((child.lineno, child.end_lineno or child.lineno))
                walk(child, child.name)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for ln in range(child.lineno, (child.end_lineno or child.lineno) + 1):
                    info.functions.setdefault(ln, child.name)
                walk(child, cls)
            else:
                walk(child, cls)

    walk(tree, None)
    cache[rel] = info
    return info


def frame_finding(cand, links, root: Path, cache: dict):
    """The candidate's finding that a traceback frame runs through (same line, or inside the method found)."""
    for _exc, _msg, frames in links:
        for fr in reversed(frames):
            rel = _rel(fr.file, root)
            if rel is None:
                continue
            for f in cand.findings:
                if f.path != rel:
                    continue
                if f.line == fr.line:
                    return f
                info = _enclosing(root, rel, cache)
                if any(start == fr.line and start <= f.line <= end for start, end in info.class_ranges):
                    return f  # raised while the class holding the finding was created (its Meta)
                fn = info.functions.get(f.line)
                if fn and fn == fr.function and info.functions.get(fr.line) == fn \
                        and info.classes.get(fr.line) == info.classes.get(f.line):
                    return f
    return None


def _test_file(failing, root: Path) -> Path | None:
    test = failing.test
    if "::" in test:
        p = root / test.split("::", 1)[0]
        return p if p.is_file() else None
    parts = test.split(".")
    for n in range(len(parts), 0, -1):
        base = root.joinpath(*parts[:n])
        for p in (base.with_suffix(".py"), base / "__init__.py"):
            if p.is_file():
                return p
    for fr in failing.frames:
        name = test.rsplit(".", 1)[-1].split("::")[-1].split("[")[0]
        if fr.function == name and _rel(fr.file, root):
            return Path(fr.file)
    return None


def _url_names(root: Path, class_name: str, cache: dict) -> set[str]:
    """URL names routed to ``ClassName.as_view()`` in the project's urls modules."""
    key = ("urls", class_name)
    if key in cache:
        return cache[key]
    names: set[str] = set()
    rx = re.compile(rf"\b{re.escape(class_name)}\.as_view\([^\n]*?name\s*=\s*['\"]([^'\"]+)['\"]")
    from core.files import tree

    for path in tree(root, "urls*.py"):
        try:
            names.update(rx.findall(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    cache[key] = names
    return names


def test_reference(cand, failing, root: Path, cache: dict):
    """A finding inside a class the failing test's module names (directly or by its URL name)."""
    path = _test_file(failing, root)
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for f in cand.findings:
        cls = _enclosing(root, f.path, cache).classes.get(f.line)
        if not cls:
            continue
        if re.search(rf"\b{re.escape(cls)}\b", text):
            return f
        if any(re.search(rf"['\"]{re.escape(n)}['\"]", text) for n in _url_names(root, cls, cache)):
            return f
    return None


def warning_finding(cand, warnings, test: str, root: Path, cache: dict):
    """(hit, finding): a warning of the candidate harvested in ``test`` and the finding it names."""
    for w in warnings:
        if (w.test or "") != test or not cand.warning_hit(w.short_category, w.message):
            continue
        m = re.search(r"\b([A-Z]\w*)\.delete\(\)", w.message)
        cls = m.group(1) if m else None
        for f in cand.findings:
            if cls and _enclosing(root, f.path, cache).classes.get(f.line) == cls:
                return True, f
        return True, None
    return False, None
