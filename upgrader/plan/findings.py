"""Where the project uses what the plan's steps remove, and which of those uses a codemod really fixes.

    result = scan_project(project, changes, target="5.2")
    result.found["force-text"]   # [Occurrence(file, line, text, fixable_by, reason), ...]

The detectors are the shared ones (``codemods.detect``: a change's release-data ``detect`` items and
its codemod's prefilter + confirm), over the project's files (``core.files``: the same walk, settings
modules and migrations as ``fix``). With ``target``, a finding a codemod claims is checked the way
``fix --check --target`` checks it: the codemods run (nothing is written, results are cached) and the
detectors run again on their output; a use still there is by hand, with the codemod's reason (an
ambiguous alias, a shadowed name ...). So ``plan`` and ``fix`` report the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Occurrence:
    file: str  # relative to the project dir, POSIX separators
    line: int
    text: str
    fixable_by: str | None = None  # the codemod that fixes it; None: by hand
    reason: str | None = None  # why it is by hand although a codemod exists (the codemod's words)

    def to_json(self) -> dict:
        return {"file": self.file, "line": self.line, "text": self.text, "fixable_by": self.fixable_by,
                "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class ScanResult:
    found: dict[str, list[Occurrence]] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, reason): files that do not parse
    files_scanned: int = 0
    detected: set[str] = field(default_factory=set)  # change ids that have a detector
    behaviour: dict | None = None  # {behaviour change id: [Finding]} when asked for (``behaviour=``)


def project_files(project):
    """The project's files by role (its own, walked once), or those of a directory."""
    files = getattr(project, "files", None)
    if files is not None and hasattr(files, "files"):
        return files
    from core.files import ProjectFiles

    return ProjectFiles(Path(getattr(project, "dir", project)))


def scan_project(project, changes, *, target: str | None = None, verify: bool = True,
                 jobs: int | None = None, behaviour=None) -> ScanResult:
    """``behaviour``: an ``upgrader.behaviour.Scan``, whose detectors run in the same pass (each file
    is read and parsed once for both); their findings are ``result.behaviour``."""
    from codemods.detect import detector_for, find_in_files

    changes = list(changes)
    root = Path(getattr(project, "dir", project)).resolve()
    pf = project_files(project)
    files = pf.files()
    settings, migrations = pf.settings_files(), pf.migrations()
    result = ScanResult(files_scanned=len(files))
    detectors = [detector_for(c) for c in changes]
    result.detected = {d.change_id for d in detectors if d.exists}
    if behaviour is not None and behaviour.ids & {d.change_id for d in detectors}:
        behaviour = None  # (one id for two things: the pass could not tell their findings apart)
    findings = find_in_files(files, detectors + (behaviour.declared if behaviour else []), root,
                             settings_files=settings, migration_files=migrations, errors=result.errors,
                             use_cache=True, jobs=jobs, custom=behaviour.custom if behaviour else None,
                             custom_key=behaviour.custom_key if behaviour else "")
    if behaviour is not None:
        result.behaviour = behaviour.gather(findings, pf)
        findings = [f for f in findings if f.change_id not in behaviour.ids]
    left = _left_by_codemods(findings, detectors, root, target, settings, migrations, jobs) if verify and target else None
    for f in findings:
        fixable, reason = f.fixable_by, None
        if fixable and left is not None:
            why = left.get((f.change_id, f.path, f.line))
            if why is not None:
                fixable, reason = None, why
        result.found.setdefault(f.change_id, []).append(Occurrence(f.path, f.line, f.text, fixable, reason))
    return result


def _left_by_codemods(findings, detectors, root: Path, target: str, settings, migrations, jobs=None) -> dict:
    """{(change, file, line): reason} for the claimed-fixable findings the codemods leave at ``target``."""
    from codemods import engine, registry
    from codemods.detect.after import LeftRequest, leftovers

    claimed = [f for f in findings if f.fixable_by]
    if not claimed:
        return {}
    names = {f.fixable_by for f in claimed}
    entries = [e for e in registry.select_entries(target=target) if e.name in names]
    paths = sorted({str(root / f.path) for f in claimed})
    wanted = {f.change_id for f in claimed}
    request = LeftRequest([d for d in detectors if d.change_id in wanted], root, settings_files=settings,
                          migration_files=migrations)
    summary = engine.run(paths, entries, target=target, mode="check",  # (a few files: the engine runs them serially)
                         settings_files=settings, detect=request, jobs=jobs)
    left = leftovers(summary.files, (), root, request=request, map_to_old=True)
    return {(x.change_id, x.path, x.line): x.reason for x in left}
