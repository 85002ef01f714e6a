"""The step report: what one step did and what is left by hand.

Written by ``StepReport.finish`` as ``PROJECT/.django-upgrade/step-<from>-to-<to>.json`` and ``.md``
and ``.html`` (one self-contained page, :mod:`upgrader.render.html_step`; all copied to ``step-latest.*``); printed as text, or as JSON with
``--format json``. JSON keys (stable; docs/step.md lists them with their meaning):

    schema, project, python, interpreter, from, to, from_feature, to_feature, kind, status, exit_code,
    phase, message, dry_run, test_command, tests{before, after-fixes, after}, warnings{before, after,
    first_party_after, fixable_next}, codemods{current, target}, migrations_check{current, target},
    pins[], locks[], install, checks{current, target, changed}, caches[], bytecode_removed,
    left_by_hand{warnings, manual_changes, incompatible, failures, commands}, python_move, commits[],
    snapshot, rollback, notes[], planned[], deps, report_files{json, markdown}
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from core import atomic, versions
from core.errors import EXIT_OK
from upgrader.step import checks

SCHEMA = 1
REPORT_DIR = ".django-upgrade"


@dataclass
class StepReport:
    project: str
    python: str
    interpreter: str
    current: str
    to: str | None
    kind: str | None
    test_command: list | None
    status: str = "running"  # ok / red-baseline / tests-failing / codemods-broke / install-failed / downgrade / tool-failed / failed / interrupted / dry-run / nothing-to-do
    exit_code: int = EXIT_OK
    phase: str = "preflight"
    message: str = ""
    dry_run: bool = False
    tests: dict = field(default_factory=dict)  # label -> phases.TestSummary
    warnings_before: list = field(default_factory=list)
    codemods: dict = field(default_factory=dict)  # current/target -> phases.CodemodPhase
    migrations_check: dict = field(default_factory=dict)
    pins: list = field(default_factory=list)  # PinChange
    locks: list = field(default_factory=list)
    install: object | None = None
    checks_before: dict | None = None
    checks_after: dict | None = None
    caches: list = field(default_factory=list)
    bytecode_removed: int | None = None
    left: dict = field(default_factory=dict)
    # a red baseline's failures explained (a suite that does not start: the exception that ended it)
    baseline_failures: list | None = None
    python_move: dict | None = None
    commits: list = field(default_factory=list)
    snapshot: str | None = None
    notes: list = field(default_factory=list)
    planned: list = field(default_factory=list)
    deps: object | None = None
    deps_index: str | None = None  # the package index the preflight asked (None: offline check only)
    files: dict = field(default_factory=dict)
    baseline: dict | None = None  # --accept-failing: {"tests": [...], "check": line | None} accepted on X
    env_changes: dict | None = None  # the install's effect on the environment (downgraded, removed, ...)
    fixable_next: list = field(default_factory=list)
    _json: dict | None = None

    # ------------------------------------------------------------------ life cycle
    @classmethod
    def start(cls, project, pf, options) -> "StepReport":
        return cls(project=str(project.dir), python=pf.python, interpreter=pf.python_path, current=pf.current,
                   to=pf.step_to, kind=pf.step_kind, test_command=list(pf.test_command.argv) if pf.test_command else None,
                   dry_run=options.dry_run)

    @classmethod
    def nothing(cls, project, pf) -> "StepReport":
        r = cls(project=str(project.dir), python=pf.python, interpreter=pf.python_path, current=pf.current, to=None,
                kind=None, test_command=None, status="nothing-to-do", phase="preflight")
        r.message = f"already at Django {pf.current} (target {pf.target}): nothing to do"
        return r

    def fail(self, status: str, exit_code: int, message: str) -> None:
        self.status, self.exit_code, self.message = status, exit_code, message

    @property
    def rollback_hint(self) -> str:
        return f"django-upgrade step --rollback {self.project}" + (
            f" --python {self.interpreter}" if self.interpreter else "")

    def state(self) -> str:
        """The state the project is in after a failure, in words."""
        cur = self.codemods.get("current")
        done = []
        if cur is not None and cur.files and not cur.undone:
            done.append(f"codemods applied on Django {self.current} ({len(cur.files)} files)")
        if cur is not None and cur.undone:
            done.append("the codemods were undone")
        if self.pins:
            done.append(f"pins bumped to {self.to}")
        if self.install is not None:
            done.append(f"Django {self.to} installed" if self.install.ok else f"installing Django {self.to} failed")
        lost = [f"{d['name']} {d['before']} -> {d.get('after', 'removed')}"
                for d in ((self.env_changes or {}).get("downgraded") or []) + ((self.env_changes or {}).get("removed") or [])]
        if lost:
            done.append(f"packages moved back or removed: {', '.join(lost)}")
        return "; ".join(done) or "nothing was changed"

    def finish(self, data, project, snap) -> None:
        """Compute what is left by hand and write the JSON and Markdown files (not in dry-run)."""
        if self.status == "running":
            self.status = "ok"
        if self.status not in ("ok", "dry-run", "nothing-to-do", "red-baseline"):
            self.message = (self.message + f". State: {self.state()}. "
                            + (f"To put everything back: {self.rollback_hint}" if self.snapshot else ""))
        self._left_by_hand(data, project)
        self._json = None
        if self.dry_run or self.to is None or self.snapshot is None:
            return  # the step stopped before it changed anything (red baseline, the tool failed): no file either
        out = Path(self.project) / REPORT_DIR
        out.mkdir(parents=True, exist_ok=True)
        ignore = out / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by django-upgrade\n*\n", encoding="utf-8")
        stem = f"step-{self.current}-to-{self.to}"
        self.files = {"json": str(out / f"{stem}.json"), "markdown": str(out / f"{stem}.md"),
                      "html": str(out / f"{stem}.html")}
        doc = self.to_json()
        data_json = json.dumps(doc, indent=2, default=str) + "\n"
        from upgrader.render.html_step import render_step_html
        from upgrader.step.render import render_markdown

        md = render_markdown(self)
        page = render_step_html(json.loads(data_json))
        for name, text in ((f"{stem}.json", data_json), ("step-latest.json", data_json),
                           (f"{stem}.md", md), ("step-latest.md", md),
                           (f"{stem}.html", page), ("step-latest.html", page)):
            atomic.write_text(out / name, text)

    def _left_by_hand(self, data, project) -> None:
        from upgrader.step.leftover import left_by_hand

        self.left, self._groups, self.fixable_next = left_by_hand(self, data, project)

    # ------------------------------------------------------------------ JSON
    def to_json(self) -> dict:
        if self._json is not None:
            return self._json
        tests = {}
        for label, t in self.tests.items():
            explained = self.left.get("failures") if label == "after" and self.left.get("failures") else None
            if label == "before" and self.baseline_failures:
                explained = self.baseline_failures
            tests[label] = t.to_json(explained)
        warnings_after = self.tests.get("after")
        checks_changed = checks.compare_checks(self.checks_before, self.checks_after) if self.checks_after else None
        data = {
            "schema": SCHEMA,
            "project": self.project,
            "python": self.python,
            "interpreter": self.interpreter,
            "from": self.current,
            "to": self.to,
            "from_feature": versions.feature(self.current) if self.current else None,
            "to_feature": versions.feature(self.to) if self.to else None,
            "kind": self.kind,
            "status": self.status,
            "exit_code": self.exit_code,
            "phase": self.phase,
            "message": self.message,
            "dry_run": self.dry_run,
            "test_command": self.test_command,
            "tests": tests,
            "warnings": {
                "before": len(self.warnings_before),
                "after": len(warnings_after.result.warnings) if warnings_after else None,
                "first_party_after": len(self.left.get("warnings", [])),
                "fixable_next": self.fixable_next,
            },
            "codemods": {k: v.to_json() for k, v in self.codemods.items()},
            "migrations_check": self.migrations_check,
            "pins": [{"file": os.path.relpath(str(c.file), self.project), "line": c.line, "old": c.old, "new": c.new,
                      "regenerate": c.regenerate, "note": c.note} for c in self.pins],
            "locks": self.locks,
            "install": self.install.to_json() if self.install is not None else None,
            "checks": {"current": self.checks_before, "target": self.checks_after, "changed": checks_changed},
            "caches": [c.to_json() for c in self.caches],
            "bytecode_removed": self.bytecode_removed,
            "left_by_hand": self.left,
            "python_move": self.python_move,
            "commits": self.commits,
            "snapshot": self.snapshot,
            "rollback": self.rollback_hint if self.snapshot else None,
            "notes": self.notes,
            "planned": self.planned,
            "deps": self.deps,
            "baseline": self.baseline,
            "environment": self.env_changes,
            "report_files": self.files,
        }
        self._json = data
        return data
