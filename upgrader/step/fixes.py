"""The codemods of a step: which run, their changes computed ONCE, written, and blamed.

    codemods_for_step(current, target, skip, data) -> (on_current, on_target)
    compute(project_dir, codemods, target, where) -> CodemodPhase   every change, with its new text
    write(phase, snapshot)                                           records the files, then writes them
    without(phase, names) -> {rel: bytes}                            the texts with these codemods left out
    frames_in(text, project_dir) -> {rel path}                       files named by traceback frames
    model_apps(project_dir, files) -> app labels whose models a codemod touched

A change is computed once per file (libcst runs once: the diff shown and the text written are the
same), its diff header is the path relative to the project. Leaving one codemod out (blame) runs
the others again on the files that codemod touched only.
"""

from __future__ import annotations

import ast
import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from codemods.diff import unified_diff
from core import atomic, versions
from core.pysource import PARSE_ERRORS


# ------------------------------------------------------------------------------------ selection
def _next_feature(data, feature: str) -> str | None:
    try:
        return data.next_feature(feature)
    except Exception:  # noqa: BLE001
        return None


def codemods_for_step(current: str, target: str, skip=(), only=(), data=None):
    """The two codemod sets of a step X -> Y (see docs/step.md, "Which codemods run"):

    * on X: ``available_from <= X`` and ``removed_in <= Y`` - everything Y needs that X already runs;
    * on Y: ``available_from <= Y`` and ``removed_in <= next(Y)`` - what needs Y itself
      (``available_from == Y``) plus the fixes for the warnings of the next removal release, so the
      project lands on Y ready for the next step.
    """
    from codemods import registry

    x, y = versions.feature(current), versions.feature(target)
    on_current = registry.select(target=x, only=only, skip=skip, removed_in=y)
    nxt = _next_feature(data, y) if data is not None else None
    on_target = registry.select(target=y, only=only, skip=skip, removed_in=nxt or y)
    have = {c.name for c in on_current}
    return on_current, [c for c in on_target if c.name not in have]


# ------------------------------------------------------------------------------------ one phase
@dataclass
class FileChange:
    path: str  # relative to the project, POSIX
    old: bytes
    new: bytes
    applied: list
    diff: str
    mode: int

    def to_json(self) -> dict:
        return {"path": self.path, "applied": list(self.applied), "diff": self.diff}


@dataclass
class CodemodPhase:
    where: str  # "current" / "target"
    target: str
    selected: list = field(default_factory=list)  # codemod names
    changes: list = field(default_factory=list)  # [FileChange]
    errors: list = field(default_factory=list)  # [{"path", "error"}]
    findings: list = field(default_factory=list)
    model_apps: list = field(default_factory=list)
    migrations_created: list = field(default_factory=list)
    makemigrations: dict | None = None
    undone: bool = False  # the whole phase was undone
    broke: list = field(default_factory=list)  # test ids the phase broke
    blamed: list = field(default_factory=list)  # [{"codemod", "tests", "reason", "files"}]
    unexplained: list = field(default_factory=list)  # new failures no codemod is to blame for
    written: bool = False
    project_dir: Path | None = None
    codemods: list = field(default_factory=list, repr=False)  # the codemod objects (for blame)

    @property
    def files(self) -> list[dict]:
        return [c.to_json() for c in self.changes]

    @property
    def applied(self) -> list[str]:
        undone = {b["codemod"] for b in self.blamed}
        names = []
        for c in self.changes:
            for n in c.applied:
                if n not in names and n not in undone:
                    names.append(n)
        return names

    @property
    def changed_paths(self) -> list[str]:
        return [c.path for c in self.changes]

    def to_json(self) -> dict:
        return {
            "where": self.where, "target": self.target, "selected": self.selected, "applied": self.applied,
            "files": self.files, "errors": self.errors, "findings": self.findings,
            "model_apps": self.model_apps, "migrations_created": self.migrations_created,
            "makemigrations": self.makemigrations, "written": self.written, "undone": self.undone,
            "broke": self.broke, "blamed": self.blamed, "unexplained": self.unexplained,
        }


def _decode(data: bytes) -> tuple[str | None, bool]:
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        return data[len(codecs.BOM_UTF8):].decode("utf-8") if bom else data.decode("utf-8"), bom
    except UnicodeDecodeError:
        return None, bom


def _rewrite(path: Path, data: bytes, codemods, target: str, is_settings: bool | None = None):
    """(new bytes or None, applied, findings, error) for one file."""
    from codemods.apply import apply_source

    text, bom = _decode(data)
    if text is None:
        return None, [], [], "not UTF-8; left untouched"
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    work = text.replace("\r\n", "\n") if crlf else text
    src = apply_source(work, str(path), codemods, target=target, is_settings=is_settings)
    if src.error or not src.changed:
        return None, list(src.applied), list(src.findings), src.error
    new = src.new.replace("\n", "\r\n") if crlf else src.new
    out = new.encode("utf-8")
    return (codecs.BOM_UTF8 + out if bom else out), list(src.applied), list(src.findings), None


def _diff(rel: str, old: bytes, new: bytes) -> str:
    a = (_decode(old)[0] or "").replace("\r\n", "\n")
    b = (_decode(new)[0] or "").replace("\r\n", "\n")
    return unified_diff(rel, a, b)  # near-linear on large files (difflib is quadratic there)


def _instances(codemods) -> list:
    from codemods import registry

    out = []
    for c in codemods:
        c = c.load() if isinstance(c, registry.Entry) else c
        out.append(c() if isinstance(c, type) else c)
    return out


def compute(project_dir: Path, codemods, target: str, where: str, settings_files=None) -> CodemodPhase:
    """Run ``codemods`` once over the project's files; keep every change's new text (nothing written).
    ``settings_files``: the project's settings (``project.files.settings_files()``), where the settings
    codemods run (None: told from each file's name and text)."""
    from core.files import discover

    project_dir = Path(project_dir)
    phase = CodemodPhase(where, versions.feature(target), [c.name for c in codemods], project_dir=project_dir)
    if not codemods:
        return phase
    phase.codemods = _instances(codemods)
    settings = None if settings_files is None else {os.path.realpath(p) for p in settings_files}
    for path in discover([str(project_dir)]).files:
        rel = Path(os.path.relpath(path, project_dir)).as_posix()
        try:
            data = path.read_bytes()
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError as exc:
            phase.errors.append({"path": rel, "error": f"cannot read: {exc.strerror or exc}"})
            continue
        new, applied, findings, error = _rewrite(
            path, data, phase.codemods, phase.target, None if settings is None else os.path.realpath(path) in settings)
        if error:
            phase.errors.append({"path": rel, "error": error})
        for fd in findings:
            phase.findings.append({**fd.as_dict(), "path": rel})
        if new is not None:
            phase.changes.append(FileChange(rel, data, new, applied, _diff(rel, data, new), mode))
    by_name = {c.name: c for c in phase.codemods}
    model_files = [c.path for c in phase.changes
                   if any(getattr(by_name.get(n), "changes_model_state", False) for n in c.applied)]
    phase.model_apps = model_apps(project_dir, model_files)
    return phase


def write(phase: CodemodPhase, snapshot=None) -> None:
    """Write the computed texts (each file recorded in ``snapshot`` first)."""
    if not phase.changes:
        return
    if snapshot is not None:
        snapshot.add(phase.changed_paths)
    for c in phase.changes:
        atomic.write_bytes(phase.project_dir / c.path, c.new, mode=c.mode)
    phase.written = True


def without(phase: CodemodPhase, names: set[str]) -> dict[str, bytes]:
    """The text of every file a codemod in ``names`` changed, rewritten by the OTHER codemods only."""
    keep = [c for c in phase.codemods if c.name not in names]
    out = {}
    for c in phase.changes:
        if not set(c.applied) & set(names):
            continue
        new = None
        if keep and set(c.applied) - set(names):
            new, _a, _f, _e = _rewrite(phase.project_dir / c.path, c.old, keep, phase.target)
        out[c.path] = new if new is not None else c.old
    return out


def put(phase: CodemodPhase, texts: dict[str, bytes]) -> None:
    for rel, data in texts.items():
        mode = next((c.mode for c in phase.changes if c.path == rel), None)
        atomic.write_bytes(phase.project_dir / rel, data, mode=mode)


# ------------------------------------------------------------------------------------ frames
_FRAME = re.compile(r'File "(?P<path>[^"]+)", line \d+|^(?P<pytest>[^\s:]+\.(?:py|html|txt)):\d+:', re.M)


def frames_in(text: str, project_dir: Path) -> set[str]:
    """Relative paths of the project files named by traceback frames in ``text``."""
    out = set()
    root = Path(project_dir).resolve()
    for m in _FRAME.finditer(text or ""):
        raw = m.group("path") or m.group("pytest")
        p = Path(raw)
        full = p if p.is_absolute() else root / p
        try:
            out.add(full.resolve().relative_to(root).as_posix())
        except (ValueError, OSError):
            continue
    return out


# ------------------------------------------------------------------------------------ apps
def _app_label(app_dir: Path) -> str:
    apps_py = app_dir / "apps.py"
    if apps_py.is_file():
        try:
            tree = ast.parse(apps_py.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, *PARSE_ERRORS):
            tree = None
        if tree is not None:
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "label" for t in node.targets):
                    if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                        return node.value.value
    return app_dir.name


def model_apps(project_dir: Path, files: list[str]) -> list[str]:
    """App labels of the apps the given files belong to (the nearest directory, going up, that holds
    apps.py, models.py or a migrations package)."""
    labels = []
    for rel in files:
        d = (project_dir / rel).parent
        while True:
            if (d / "apps.py").is_file() or (d / "migrations" / "__init__.py").is_file() or (d / "models.py").is_file():
                label = _app_label(d)
                if label not in labels:
                    labels.append(label)
                break
            if d == project_dir or project_dir not in d.parents:
                break
            d = d.parent
    return labels
