"""Find the APIs a Django release removed in third-party code, with the detectors of first-party code.

``scan_files(files, changes, root) -> list[Hit]``: one detector per change, the same one ``plan`` and
``fix`` use on the project (``codemods.detect.find_in_files`` when the detector engine is there, else
the table of :mod:`upgrader.scanner`), run on a list of files (a distribution's installed files, the
unpacked files of a wheel or sdist).

A use inside compatibility code is reported with ``guarded=True`` and does not block: a ``try`` whose
``except`` catches ImportError / AttributeError / Exception (``try: from django.utils.encoding import
force_text`` / ``except ImportError: ...``), or an ``if`` that tests the Django version or
``hasattr``/``getattr`` (``if django.VERSION < (4, 0): ...``).

Files of a package's own test suite (a ``tests`` directory, ``test_*.py``, ``tests.py``, ``conftest.py``)
are never imported by the project and are not scanned.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from core.pysource import PARSE_ERRORS

TEMPLATE_SUFFIXES = (".html", ".htm", ".txt")
GUARD_EXCEPTIONS = {"ImportError", "ModuleNotFoundError", "AttributeError", "Exception", "BaseException"}
GUARD_WORDS = ("VERSION", "django_version", "DJANGO_VERSION", "hasattr", "getattr", "get_version")
# a Python file that never imports django cannot use a removed Django API
IMPORTS_DJANGO = re.compile(r"^[ \t]*(?:from|import)[ \t]+django(?:[ \t.,]|$)", re.M)


NO_SETTINGS = ".django-upgrade-no-settings-module"
SCAN_VERSION = "5"  # bump when what a scan finds changes (the guards below): cached scans are redone


@dataclass(frozen=True)
class Hit:
    """One use of a removed API in a third-party file."""

    change: str  # release_data change id ("force-text")
    removed: str  # the removed API as the timeline writes it ("django.utils.encoding.force_text()")
    file: str  # POSIX, relative to the scanned root (site-packages, the unpacked archive)
    line: int
    text: str
    guarded: bool = False

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def engine_name() -> str:
    try:
        from codemods.detect import find_in_files  # noqa: F401
    except ImportError:
        return "scanner"
    return "detect"


def fingerprint(changes) -> str:
    """Changes the cached scans by: the detector engine, the changes and their detectors, the tool version."""
    try:
        from importlib.metadata import version

        tool = version("django-upgrade-assistant")
    except Exception:  # noqa: BLE001
        tool = "?"
    parts = [engine_name(), tool, SCAN_VERSION]
    for c in sorted(changes, key=lambda c: c.id):
        parts.append(json.dumps([c.id, c.old, getattr(c, "detect", None)], sort_keys=True, default=str))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


DEMO = re.compile(r"^(?:demo|demos|example|examples|sample|sandbox|docs?)$|_(?:demo|example|sandbox)$|^(?:demo|example)_")


def is_test_file(rel: str) -> bool:
    """A package's own tests, or a demo/example app shipped beside it (``ckeditor_demo/``): never part
    of what the project imports."""
    parts = rel.split("/")
    name = parts[-1]
    if len(parts) > 1 and DEMO.search(parts[0]):
        return True
    return (any(p in ("tests", "test", "testing_utils") for p in parts[:-1]) or name.startswith("test_")
            or name in ("tests.py", "conftest.py") or name.endswith("_tests.py"))


def wanted(rel: str) -> bool:
    """A file of a distribution worth scanning: Python modules and templates, not its tests."""
    low = rel.lower()
    if is_test_file(rel):
        return False
    if low.endswith(".py"):
        return True
    return low.endswith(TEMPLATE_SUFFIXES) and "/templates/" in f"/{low}"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None


def drop_shadowed(files: Iterable[Path]) -> list[Path]:
    """Leave out a module ``x.py`` that a package ``x/`` beside it shadows (Python imports the package;
    a stale ``guardian/models.py`` next to ``guardian/models/`` is never run)."""
    files = list(files)
    packages = {p.parent for p in files if p.name == "__init__.py"}
    return [p for p in files if not (p.suffix == ".py" and p.with_suffix("") in packages)]


def relevant(files: Iterable[Path]) -> list[Path]:
    """The files a removed API can be in: Python modules that import django, templates with tags."""
    out = []
    for path in drop_shadowed(files):
        if not wanted_path(path):
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if path.suffix == ".py":
            if b"django" in data and IMPORTS_DJANGO.search(data.decode("utf-8", "surrogateescape")):
                out.append(path)
        elif b"{%" in data or b"|" in data:
            out.append(path)
    return out


def wanted_path(path: Path) -> bool:
    return path.suffix == ".py" or path.suffix.lower() in TEMPLATE_SUFFIXES


def _find(files: list[Path], changes: list, root: Path) -> list[tuple[str, str, int, str]]:
    """(change id, relative path, line, text) with the shared detector engine."""
    try:
        from codemods.detect import find_in_files
    except ImportError:
        find_in_files = None
    if find_in_files is not None:
        # a library has no settings module of the project's: name one that does not exist, so that
        # nothing is taken for one (an empty set means "tell them from names and contents")
        found = find_in_files(files, changes, root, settings_files=frozenset({NO_SETTINGS}), migration_files=None)
        return [(f.change_id, f.path, f.line, f.text) for f in found]
    return _find_with_scanner(files, changes, root)


def _find_with_scanner(files: list[Path], changes: list, root: Path) -> list[tuple[str, str, int, str]]:
    from upgrader import scanner

    table = [(c.id, d) for c in changes for d in scanner.detectors_for(c)]
    py = [(cid, d) for cid, d in table if d.kind == "python"]
    tpl = [(cid, d) for cid, d in table if d.kind == "template"]
    out = []
    for path in files:
        text = _read(path)
        if text is None:
            continue
        rel = path.relative_to(root).as_posix()
        lines = text.splitlines()
        if path.suffix == ".py":
            candidates = [(cid, d) for cid, d in py if any(t in text for t in d.triggers())]
            if not candidates:
                continue
            try:
                tree = ast.parse(text)
            except PARSE_ERRORS:
                continue
            pf = scanner._PyFile(tree, lines, rel, text)
            pf.is_settings = False  # a library module is never the project's settings
            for cid, det in candidates:
                for line in scanner._check_python(pf, det):
                    out.append((cid, rel, line, pf.text(line)))
        else:
            for cid, det in tpl:
                if any(t in text for t in det.triggers()):
                    for line in scanner._check_template(text, det):
                        out.append((cid, rel, line, lines[line - 1].strip() if line <= len(lines) else ""))
    return sorted(set(out), key=lambda r: (r[1], r[2], r[0]))


def _catches(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    for n in names:
        name = n.attr if isinstance(n, ast.Attribute) else getattr(n, "id", "")
        if name in GUARD_EXCEPTIONS:
            return True
    return False


def _declares(change, text: str) -> bool:
    """A call of a model field Django keeps only as a stub for old migrations (``models.NullBooleanField(...)``
    in a model: a system check error); a mere reference (a mapping, isinstance) is not."""
    name = ((change.old or change.id).split("(")[0].split() or [change.id])[0].rsplit(".", 1)[-1]
    return bool(re.search(rf"\b{re.escape(name)}\s*\(", text))


def _is_import(text: str) -> bool:
    return text.lstrip().startswith(("from ", "import "))


def _follow_guarded_imports(hits: list[Hit]) -> list[Hit]:
    """A name imported only inside compatibility code (``try: from ... import JSONField`` / ``except
    ImportError: class JSONField: ...``) is the fallback's name where it is used: those uses do not block."""
    out = []
    for h in hits:
        same = [o for o in hits if o.file == h.file and o.change == h.change and _is_import(o.text)]
        if not h.guarded and not _is_import(h.text) and same and all(o.guarded for o in same):
            h = Hit(change=h.change, removed=h.removed, file=h.file, line=h.line, text=h.text, guarded=True)
        out.append(h)
    return out


def _method_name(change) -> str | None:
    """The method of a change detected on any receiver (``{"method_call": "is_ajax"}``), else None."""
    for item in getattr(change, "detect", None) or ():
        if isinstance(item, dict) and item.get("method_call") and len(item) <= 2:
            return str(item["method_call"])
    return None


def _defined_names(files: list[Path]) -> set[str]:
    names: set[str] = set()
    for path in files:
        if path.suffix != ".py":
            continue
        text = _read(path)
        if not text or "def " not in text:
            continue
        for m in re.finditer(r"^\s*(?:async\s+)?def\s+(\w+)", text, re.M):
            names.add(m.group(1))
    return names


def guarded_spans(text: str) -> list[tuple[int, int]]:
    """Line spans of compatibility code: try/except ImportError..., if on the Django version / hasattr."""
    try:
        tree = ast.parse(text)
    except PARSE_ERRORS:
        return []
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_catches(h) for h in node.handlers):
            spans.append((node.lineno, node.end_lineno or node.lineno))
        elif isinstance(node, (ast.If, ast.IfExp)):
            test = ast.get_source_segment(text, node.test) or ""
            if any(w in test for w in GUARD_WORDS):
                spans.append((node.lineno, node.end_lineno or node.lineno))
    return spans


def scan_files(files: Iterable[Path], changes, root: Path) -> list[Hit]:
    """Every use of the removed APIs of ``changes`` in ``files`` (paths under ``root``)."""
    return scan(files, changes, root)[0]


def scan(files: Iterable[Path], changes, root: Path, prefilter: bool = True) -> tuple[list[Hit], bool]:
    """(hits, imports django): the hits of :func:`scan_files`, and whether any Python file imports django
    (``prefilter=False``: ``files`` are already :func:`relevant`)."""
    changes = list(changes)
    by_id = {c.id: c for c in changes}
    root = Path(root)
    candidates = relevant(files) if prefilter else list(files)
    mentions = any(p.suffix == ".py" for p in candidates)
    if not candidates or not changes:
        return [], mentions
    spans: dict[str, list[tuple[int, int]]] = {}
    hits = []
    own: set[str] | None = None  # names of the functions/methods the scanned package defines itself
    for cid, rel, line, text in _find(candidates, changes, root):
        method = _method_name(by_id.get(cid))
        if method:
            if own is None:
                own = _defined_names(candidates)
            if method in own:  # x.is_ajax(...) on the package's own class (an adapter's is_ajax(request))
                change = by_id.get(cid)
                hits.append(Hit(change=cid, removed=change.old if change else cid, file=rel, line=line,
                                text=text[:200], guarded=True))
                continue
        if rel not in spans:
            source = _read(root / rel) if rel.endswith(".py") else None
            spans[rel] = guarded_spans(source) if source else []
        guarded = any(a <= line <= b for a, b in spans[rel])
        change = by_id.get(cid)
        if change is not None and getattr(change, "kept_for_migrations", False) and not _declares(change, text):
            guarded = True  # a stub Django keeps (models.NullBooleanField): naming it breaks nothing
        hits.append(Hit(change=cid, removed=change.old if change else cid, file=rel, line=line, text=text[:200],
                        guarded=guarded))
    return _follow_guarded_imports(hits), mentions
