"""What ``codemods.engine.run`` returns: one ``FileResult`` per file, gathered in a ``RunSummary``; and what
one file's pipeline gives the engine (``codemods.apply.apply_source``): a ``SourceResult``."""

from __future__ import annotations

from dataclasses import dataclass, field

from codemods.base import Finding
from codemods.cache import CacheStats


@dataclass
class SourceResult:
    path: str
    original: str
    new: str
    applied: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    # the ast of ``new`` when one was parsed (of ``original`` when the file is unchanged): detection
    # after the codemods (``codemods.detect.after``) reads it instead of parsing the text again
    tree: object = field(default=None, repr=False, compare=False)

    @property
    def changed(self) -> bool:
        return self.new != self.original


@dataclass
class FileResult:
    path: str
    applied: list[str] = field(default_factory=list)
    diff: str = ""
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    changed: bool = False  # the codemods change this file (written in write mode)
    written: bool = False
    cached: bool = False
    new_text: str | None = field(default=None, repr=False, compare=False)  # the rewrite (\n endings), when changed
    left: dict | None = field(default=None, repr=False, compare=False)  # run(detect=...): what is left (detect.after)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "changed": self.changed,
            "written": self.written,
            "applied": list(self.applied),
            "diff": self.diff,
            "findings": [f.as_dict() for f in self.findings],
            "error": self.error,
        }


@dataclass
class RunSummary:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) from discovery
    mode: str = "write"
    target: str | None = None
    codemods: list[str] = field(default_factory=list)
    cache: CacheStats = field(default_factory=CacheStats)
    jobs: int = 1
    parallel: bool = False  # True when a process pool did the work

    @property
    def changed(self) -> list[FileResult]:
        return [f for f in self.files if f.changed]

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.error]

    @property
    def findings(self) -> list[Finding]:
        return [x for f in self.files for x in f.findings]

    @property
    def exit_code(self) -> int:
        return 1 if self.changed else 0

    def as_dict(self) -> dict:
        return {
            "mode": self.mode,
            "target": self.target,
            "codemods": list(self.codemods),
            "scanned": len(self.files),
            "changed": len(self.changed),
            "errors": len(self.errors),
            "files": [f.as_dict() for f in self.files if f.changed or f.error or f.findings],
            "findings": [x.as_dict() for x in self.findings],
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "cache": self.cache.as_dict(),
        }
