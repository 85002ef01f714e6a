"""Fast static scan of a project for the changes a Django upgrade removes.

``scan(project_dir, changes)`` walks the project's ``.py`` files and templates (skipping virtualenvs,
site-packages, node_modules, build/dist dirs, VCS dirs and caches), runs a cheap text prefilter per
change, and only for files that pass it an exact check: an ``ast`` walk for Python (imports resolved
through aliases, attribute chains, settings assignments, keyword arguments, method calls, ``Meta``
attributes) and a template-tag regex for templates. It returns ``{change_id: [Occurrence(file, line,
text)]}`` (a :class:`ScanResult`, a dict with ``.errors`` and ``.files_scanned``).

Detectors are table driven. Most come automatically from a change's ``old`` text:

* a dotted path (``django.utils.encoding.force_text()``, ``django.utils.six``, several joined by
  `` / ``) -> :class:`DottedPath`: imports of it, uses through any import alias, and string literals
  naming it (settings such as ``CACHES``/``DATABASES``/``STORAGES`` values);
* ``settings.NAME`` -> :class:`Setting`: module-level assignment in settings files, ``settings.NAME``,
  ``override_settings(NAME=...)``;
* ``Class.method()`` -> :class:`MethodCall` (``request.is_ajax()``);
* ``Callable(kw=...)`` -> :class:`KeywordArg`;
* ``from x import Y`` / ``A / B imported from x`` -> :class:`DottedPath`;
* ``{% load lib %}`` / ``{% tag ... %}`` -> :class:`TemplateLoad` / :class:`TemplateTag`.

:data:`SPECIAL` adds or replaces detectors for changes whose ``old`` text is prose.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

SKIP_DIRS = {
    ".git", ".hg", ".svn", ".bzr", "node_modules", "__pycache__", "site-packages", "dist-packages",
    ".tox", ".nox", ".venv", "venv", "env", ".env", "virtualenv", "build", "dist", ".eggs",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "htmlcov", ".django-upgrade", ".idea", ".vscode",
    "bower_components",
}
TEMPLATE_SUFFIXES = {".html", ".htm", ".djhtml", ".dhtml"}
TEMPLATE_DIR_SUFFIXES = {".txt", ".xml", ".email", ".js", ".json", ".md", ".csv", ".ics"}


@dataclass(frozen=True)
class Occurrence:
    file: str  # path relative to the project dir, POSIX separators
    line: int
    text: str  # the stripped source line (or a short explanation for "missing" findings)

    def to_json(self) -> dict:
        return {"file": self.file, "line": self.line, "text": self.text}

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class ScanResult(dict):
    """``{change_id: [Occurrence, ...]}`` (only changes found) plus scan statistics."""

    def __init__(self):
        super().__init__()
        self.errors: list[tuple[str, str]] = []  # (file, reason) for files that could not be parsed
        self.files_scanned = 0
        self.scanned_ids: set[str] = set()  # change ids that had at least one detector


# ---------------------------------------------------------------------------------------- detectors
class Detector:
    kind = "python"  # python / template / project
    skip_migrations = False

    def triggers(self) -> tuple[str, ...]:
        raise NotImplementedError


@dataclass
class DottedPath(Detector):
    """A module, class, function or constant at a dotted path (``django.utils.six``)."""

    path: str
    skip_migrations: bool = False

    def triggers(self):
        return (self.path.rsplit(".", 1)[-1],)


@dataclass
class Setting(Detector):
    name: str

    def triggers(self):
        return (self.name,)


@dataclass
class MissingSetting(Detector):
    """A setting that should be set explicitly (reported on the settings file when absent)."""

    name: str
    why: str = ""
    kind = "project"

    def triggers(self):
        return ("INSTALLED_APPS",)


@dataclass
class MethodCall(Detector):
    method: str

    def triggers(self):
        return (self.method,)


@dataclass
class KeywordArg(Detector):
    """``callee(..., kw=...)``; ``callee`` None matches any call (``callee`` is the last name)."""

    callee: str | None
    kw: str

    def triggers(self):
        return (self.callee or self.kw,)


@dataclass
class MetaAttr(Detector):
    """An attribute assigned in a model's ``class Meta`` (or a migration's ``options`` dict key)."""

    name: str

    def triggers(self):
        return (self.name,)


@dataclass
class ClassAttr(Detector):
    """``name = <constant>`` in a class body, optionally only for given constant values."""

    name: str
    values: tuple = ()

    def triggers(self):
        return (self.name,)


@dataclass
class ModuleVar(Detector):
    """A module-level assignment in files named ``filename`` (``default_app_config`` in __init__.py)."""

    name: str
    filename: str | None = None

    def triggers(self):
        return (self.name,)


@dataclass
class TemplateLoad(Detector):
    library: str
    kind = "template"

    def triggers(self):
        return (self.library,)


@dataclass
class TemplateTag(Detector):
    tag: str
    kind = "template"

    def triggers(self):
        return (self.tag,)


@dataclass
class TemplateFilter(Detector):
    filter: str
    kind = "template"

    def triggers(self):
        return (self.filter,)


# ------------------------------------------------------------------------------- the special table
_EMAIL_SETTINGS = (
    "EMAIL_BACKEND", "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_HOST_PASSWORD", "EMAIL_HOST_USER",
    "EMAIL_PORT", "EMAIL_USE_TLS", "EMAIL_USE_SSL", "EMAIL_SSL_CERTFILE", "EMAIL_SSL_KEYFILE",
    "EMAIL_TIMEOUT",
)

#: change id -> detectors, for changes whose ``old`` text is not a plain dotted path (these replace
#: the derived ones).
SPECIAL: dict[str, list[Detector]] = {
    "nullbooleanfield": [DottedPath("django.db.models.NullBooleanField", skip_migrations=True),
                         DottedPath("django.forms.NullBooleanField", skip_migrations=True)],
    "postgres-jsonfield": [DottedPath("django.contrib.postgres.fields.JSONField", skip_migrations=True),
                           DottedPath("django.contrib.postgres.fields.jsonb.JSONField", skip_migrations=True)],
    "default-app-config": [ModuleVar("default_app_config", "__init__.py")],
    "index-together": [MetaAttr("index_together")],
    "length-is": [TemplateFilter("length_is")],
    "default-auto-field-default": [
        MissingSetting("DEFAULT_AUTO_FIELD", "DEFAULT_AUTO_FIELD is not set: its default becomes BigAutoField")
    ],
    "email-settings-mailers": [Setting(name) for name in _EMAIL_SETTINGS],
    "requires-system-checks-bool": [ClassAttr("requires_system_checks", (True, False))],
    "signal-providing-args": [KeywordArg("Signal", "providing_args")],
    "emailvalidator-whitelist": [KeywordArg("EmailValidator", "whitelist")],
    "emailvalidator-domain-whitelist": [ClassAttr("domain_whitelist"), KeywordArg("EmailValidator", "domain_whitelist")],
    "queryset-earliest": [KeywordArg("earliest", "field_name"), KeywordArg("latest", "field_name")],
    "is-dst-argument": [KeywordArg(None, "is_dst")],
    "cached-property-name": [KeywordArg("cached_property", "name")],
    "jsonresponse-safe": [KeywordArg("JsonResponse", "safe")],
    "pytz": [DottedPath("pytz"), Setting("USE_DEPRECATED_PYTZ")],
    "assertquerysetequal-repr": [],
    "iterator-prefetch-chunk-size": [],
    "aiterator-prefetch-chunk-size": [],
    "template-base-context-imports": [
        DottedPath(f"django.template.base.{n}") for n in ("Context", "ContextPopException", "RequestContext")
    ],
    "forms-forms-imports": [DottedPath(f"django.forms.forms.{n}") for n in ("pretty_name", "BoundField")],
    "emptyresultset": [
        DottedPath(f"{m}.EmptyResultSet")
        for m in ("django.db.models.query", "django.db.models.sql", "django.db.models.sql.datastructures")
    ],
    "postgres-keytransform": [
        DottedPath("django.contrib.postgres.fields.jsonb.KeyTransform"),
        DottedPath("django.contrib.postgres.fields.jsonb.KeyTextTransform"),
    ],
    "use-tz-default": [MissingSetting("USE_TZ", "USE_TZ is not set: its default becomes True")],
    "checkconstraint-check": [KeywordArg("CheckConstraint", "check")],
    "postgresql-psycopg2": [DottedPath("django.db.backends.postgresql_psycopg2")],
    "is-iterable": [DottedPath("django.utils.itercompat")],
    "ping-google": [DottedPath("django.contrib.sitemaps.ping_google")],
    "sitemapindexitem-str": [],  # __str__ calls are everywhere: no static detector
}

_PATH_RX = re.compile(r"^(?P<path>[A-Za-z_][\w.]*)\s*(?:\((?P<args>[^()]*)\))?(?:\s+\((?P<note>[^()]*)\))?$")
_FROM_IMPORT_RX = re.compile(r"^from\s+(?P<mod>[\w.]+)\s+import\s+(?P<names>[\w, ]+)$")
_IMPORTED_FROM_RX = re.compile(r"^(?P<names>[\w /]+?)\s+imported from\s+(?P<mods>[\w./ ]+)$")
_SETTINGS_LIST_RX = re.compile(r"^settings\s+(?P<names>[A-Z_][A-Z0-9_]*(?:,\s*[A-Z_][A-Z0-9_]*)+)$")
_KWARG_RX = re.compile(r"^(?P<callee>\w+)\((?P<kw>\w+)=\.\.\.\)$")
_TEMPLATE_LOAD_RX = re.compile(r"^\{%\s*load\s+(?P<lib>\w+)\s*%\}$")
_TEMPLATE_TAG_RX = re.compile(r"^\{%\s*(?P<tag>\w+)\b")


def derive_detectors(old: str) -> list[Detector]:
    """Detectors for a change from its ``old`` text, when that text names something exactly."""
    text = old.strip()
    m = _TEMPLATE_LOAD_RX.match(text)
    if m:
        return [TemplateLoad(m.group("lib"))]
    m = _TEMPLATE_TAG_RX.match(text)
    if m:
        return [TemplateTag(m.group("tag"))]
    m = _FROM_IMPORT_RX.match(text)
    if m:
        return [DottedPath(f"{m.group('mod')}.{n.strip()}") for n in m.group("names").split(",") if n.strip()]
    m = _IMPORTED_FROM_RX.match(text)
    if m:
        names = [n.strip() for n in m.group("names").split("/") if n.strip()]
        mods = [x.strip() for x in m.group("mods").split("/") if x.strip()]
        return [DottedPath(f"{mod}.{n}") for mod in mods for n in names]
    m = _SETTINGS_LIST_RX.match(text)
    if m:
        return [Setting(n.strip()) for n in m.group("names").split(",")]
    m = _KWARG_RX.match(text)
    if m:
        return [KeywordArg(m.group("callee"), m.group("kw"))]
    out: list[Detector] = []
    module_of_previous = None
    for part in (p.strip() for p in text.split(" / ")):
        m = _PATH_RX.match(part)
        if not m:
            return []  # prose: no automatic detector
        path = m.group("path")
        if path.startswith("settings."):
            out.append(Setting(path.split(".", 1)[1]))
        elif path.startswith("django."):
            out.append(DottedPath(path))
            module_of_previous = path.rsplit(".", 1)[0]
        elif "." not in path and module_of_previous:  # "django.utils._os.upath() / npath()"
            out.append(DottedPath(f"{module_of_previous}.{path}"))
        elif re.fullmatch(r"[A-Z]\w*\.[a-z_]\w*", path) and m.group("args") is not None:
            out.append(MethodCall(path.split(".")[1]))  # HttpRequest.is_ajax()
        else:
            return []
    return out


def detectors_for(change) -> list[Detector]:
    """The detectors of a Change (``SPECIAL`` first, else derived from its ``old`` text)."""
    if change.id in SPECIAL:
        return list(SPECIAL[change.id])
    return derive_detectors(change.old)


# ----------------------------------------------------------------------------------------- walking
def _is_venv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def iter_files(project_dir: Path) -> Iterable[tuple[Path, str]]:
    """(path, kind) for the project's Python files ("python") and templates ("template")."""
    root = str(project_dir)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames
            if d not in SKIP_DIRS and not d.endswith(".egg-info") and not _is_venv(os.path.join(dirpath, d))
        )
        in_templates = "templates" in Path(dirpath).relative_to(root).parts or "jinja2" in Path(dirpath).parts
        for name in sorted(filenames):
            suffix = os.path.splitext(name)[1].lower()
            if suffix == ".py":
                yield Path(dirpath, name), "python"
            elif suffix in TEMPLATE_SUFFIXES or (in_templates and suffix in TEMPLATE_DIR_SUFFIXES):
                yield Path(dirpath, name), "template"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None


def _is_settings_file(rel: str, text: str) -> bool:
    low = rel.lower()
    return "settings" in low or "INSTALLED_APPS" in text or "ROOT_URLCONF" in text


def _is_migration(rel: str) -> bool:
    return "/migrations/" in f"/{rel}"


# ------------------------------------------------------------------------------------- python check
class _PyFile:
    """One parsed Python file with its import aliases resolved."""

    def __init__(self, tree: ast.Module, lines: list[str], rel: str, text: str):
        self.tree = tree
        self.lines = lines
        self.rel = rel
        self.is_settings = _is_settings_file(rel, text)
        self.is_migration = _is_migration(rel)
        self.aliases: dict[str, str] = {}  # local name -> dotted path
        self.imports: list[tuple[int, str]] = []  # (line, dotted path imported)
        # One traversal builds every index the detectors need.
        self.outer_attrs: list[ast.Attribute] = []  # attribute chains not nested in a longer chain
        self.load_names: list[ast.Name] = []
        self.strings: list[ast.Constant] = []
        self.calls: list[ast.Call] = []
        self.classes: list[ast.ClassDef] = []
        self.dicts: list[ast.Dict] = []
        stack: list[tuple[ast.AST, ast.AST | None]] = [(tree, None)]
        while stack:
            node, parent = stack.pop()
            if isinstance(node, ast.Attribute):
                if not isinstance(parent, ast.Attribute):
                    self.outer_attrs.append(node)
            elif isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    self.load_names.append(node)
            elif isinstance(node, ast.Constant):
                if isinstance(node.value, str):
                    self.strings.append(node)
            elif isinstance(node, ast.Call):
                self.calls.append(node)
            elif isinstance(node, ast.ClassDef):
                self.classes.append(node)
            elif isinstance(node, ast.Dict):
                self.dicts.append(node)
            elif isinstance(node, ast.Import):
                for a in node.names:
                    self.imports.append((node.lineno, a.name))
                    if a.asname:
                        self.aliases[a.asname] = a.name
                    else:
                        head = a.name.split(".")[0]
                        self.aliases.setdefault(head, head)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    self.imports.append((node.lineno, full))
                    self.aliases[a.asname or a.name] = full
            stack.extend((child, node) for child in ast.iter_child_nodes(node))
        self._refs: list[tuple[str, int]] | None = None

    def refs(self) -> list[tuple[str, int]]:
        """Every resolved dotted reference in the file: imports, names, attribute chains, strings."""
        if self._refs is None:
            refs = [(path, line) for line, path in self.imports]
            for node in self.outer_attrs:
                name = self.dotted(node)
                if name:
                    refs.append((name, node.lineno))
            for node in self.load_names:
                name = self.aliases.get(node.id)
                if name:
                    refs.append((name, node.lineno))
            for node in self.strings:
                if "." in node.value and " " not in node.value:
                    refs.append((node.value, node.lineno))
            self._refs = refs
        return self._refs

    def text(self, line: int) -> str:
        return self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""

    def dotted(self, node) -> str | None:
        """The resolved dotted name of a Name/Attribute chain, or None."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        head = self.aliases.get(node.id)
        if head is None:
            return None
        return ".".join([head, *reversed(parts)])


def _matches_path(found: str, path: str) -> bool:
    return found == path or found.startswith(path + ".")


def _check_python(f: _PyFile, det: Detector) -> list[int]:
    lines: list[int] = []
    if det.skip_migrations and f.is_migration:
        return lines
    if isinstance(det, DottedPath):
        for name, line in f.refs():
            if _matches_path(name, det.path):
                lines.append(line)
    elif isinstance(det, Setting):
        for node in f.outer_attrs:
            if node.attr == det.name and isinstance(node.value, ast.Name) and node.value.id == "settings":
                lines.append(node.lineno)
        for node in f.calls:
            if _callee_name(node) in ("override_settings", "modify_settings", "configure", "settings"):
                lines += [node.lineno for k in node.keywords if k.arg == det.name]
        if f.is_settings:
            for stmt in f.tree.body:
                for target in _assign_targets(stmt):
                    if isinstance(target, ast.Name) and target.id == det.name:
                        lines.append(stmt.lineno)
    elif isinstance(det, MethodCall):
        for node in f.calls:
            if isinstance(node.func, ast.Attribute) and node.func.attr == det.method:
                lines.append(node.lineno)
    elif isinstance(det, KeywordArg):
        for node in f.calls:
            if det.callee is None or _callee_name(node) == det.callee:
                lines += [getattr(k, "lineno", node.lineno) for k in node.keywords if k.arg == det.kw]
    elif isinstance(det, MetaAttr):
        for node in f.classes:
            if node.name == "Meta":
                for stmt in node.body:
                    if any(isinstance(t, ast.Name) and t.id == det.name for t in _assign_targets(stmt)):
                        lines.append(stmt.lineno)
        for node in f.dicts if f.is_migration else ():
            for key in node.keys:
                if isinstance(key, ast.Constant) and key.value == det.name:
                    lines.append(key.lineno)
    elif isinstance(det, ClassAttr):
        for node in f.classes:
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == det.name for t in stmt.targets
                ):
                    value = stmt.value.value if isinstance(stmt.value, ast.Constant) else object()
                    if not det.values or any(value is v for v in det.values):
                        lines.append(stmt.lineno)
    elif isinstance(det, ModuleVar):
        if det.filename is None or f.rel.rsplit("/", 1)[-1] == det.filename:
            for stmt in f.tree.body:
                if any(isinstance(t, ast.Name) and t.id == det.name for t in _assign_targets(stmt)):
                    lines.append(stmt.lineno)
    return lines


def _assign_targets(stmt) -> list:
    if isinstance(stmt, ast.Assign):
        out = []
        for t in stmt.targets:
            out += list(t.elts) if isinstance(t, (ast.Tuple, ast.List)) else [t]
        return out
    if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        return [stmt.target]
    return []


def _callee_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


# ----------------------------------------------------------------------------------- template check
_TAG_RX = re.compile(r"\{%-?\s*(.*?)\s*-?%\}", re.S)


def _check_template(text: str, det: Detector) -> list[int]:
    lines: list[int] = []
    if isinstance(det, TemplateFilter):
        rx = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})", re.S)
        frx = re.compile(r"\|\s*" + re.escape(det.filter) + r"\b")
        for m in rx.finditer(text):
            if frx.search(m.group(1)):
                lines.append(text.count("\n", 0, m.start()) + 1)
        return lines
    for m in _TAG_RX.finditer(text):
        tokens = m.group(1).split()
        if not tokens:
            continue
        hit = False
        if isinstance(det, TemplateLoad) and tokens[0] == "load":
            libs = tokens[1:]
            if "from" in libs:
                libs = libs[libs.index("from") + 1:]
            hit = det.library in libs
        elif isinstance(det, TemplateTag):
            hit = tokens[0] == det.tag
        if hit:
            lines.append(text.count("\n", 0, m.start()) + 1)
    return lines


# -------------------------------------------------------------------------------------------- scan
def scan(project_dir, changes, detectors: dict[str, list[Detector]] | None = None) -> ScanResult:
    """Scan ``project_dir`` for ``changes`` (Change objects); ``detectors`` overrides the table."""
    root = Path(project_dir).resolve()
    result = ScanResult()
    table: dict[str, list[Detector]] = {}
    for change in changes:
        dets = detectors[change.id] if detectors and change.id in detectors else detectors_for(change)
        if dets:
            table[change.id] = dets
            result.scanned_ids.add(change.id)
    if not table:
        return result
    py_dets = [(cid, d) for cid, ds in table.items() for d in ds if d.kind == "python"]
    tpl_dets = [(cid, d) for cid, ds in table.items() for d in ds if d.kind == "template"]
    proj_dets = [(cid, d) for cid, ds in table.items() for d in ds if d.kind == "project"]
    found: dict[str, set[tuple[str, int]]] = {}
    texts: dict[tuple[str, str, int], str] = {}
    settings_files: list[tuple[str, str]] = []

    def add(cid: str, rel: str, line: int, text: str) -> None:
        found.setdefault(cid, set()).add((rel, line))
        texts[(cid, rel, line)] = text

    for path, kind in iter_files(root):
        if kind == "python" and not py_dets and not proj_dets:
            continue
        if kind == "template" and not tpl_dets:
            continue
        text = _read(path)
        if text is None:
            continue
        result.files_scanned += 1
        rel = path.relative_to(root).as_posix()
        if kind == "python":
            if proj_dets and _is_settings_file(rel, text) and re.search(r"^INSTALLED_APPS\s*=", text, re.M):
                settings_files.append((rel, text))
            candidates = [(cid, d) for cid, d in py_dets if any(t in text for t in d.triggers())]
            if not candidates:
                continue
            try:
                tree = ast.parse(text, filename=str(path))
            except (SyntaxError, ValueError) as exc:
                result.errors.append((rel, f"cannot parse: {getattr(exc, 'msg', exc)}"))
                continue
            lines = text.splitlines()
            pf = _PyFile(tree, lines, rel, text)
            for cid, det in candidates:
                for line in _check_python(pf, det):
                    add(cid, rel, line, pf.text(line))
        else:
            candidates = [(cid, d) for cid, d in tpl_dets if any(t in text for t in d.triggers())]
            if not candidates:
                continue
            lines = text.splitlines()
            for cid, det in candidates:
                for line in _check_template(text, det):
                    add(cid, rel, line, lines[line - 1].strip() if line <= len(lines) else "")
    for cid, det in proj_dets:
        if isinstance(det, MissingSetting) and settings_files:
            # Settings split over several modules (base/dev/prod): set in any of them is enough.
            if not any(re.search(rf"^\s*{det.name}\s*[:=]", t, re.M) for _, t in settings_files):
                rel = settings_files[0][0]
                add(cid, rel, 1, det.why or f"{det.name} is not set")
    for cid, locs in found.items():
        result[cid] = [Occurrence(rel, line, texts[(cid, rel, line)][:200]) for rel, line in sorted(locs)]
    return result
