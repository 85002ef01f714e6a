"""The step report: what one step did and what is left by hand.

Written by ``StepReport.finish`` as ``PROJECT/.django-upgrade/step-<from>-to-<to>.json`` and ``.md``
(and copied to ``step-latest.json`` / ``step-latest.md``); printed as text, or as JSON with
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
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from core import atomic, versions
from core.errors import EXIT_OK
from upgrader.step import phases

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
    status: str = "running"  # ok / tests-failing / codemods-broke / install-failed / failed / interrupted / dry-run / nothing-to-do
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
    python_move: dict | None = None
    commits: list = field(default_factory=list)
    snapshot: str | None = None
    notes: list = field(default_factory=list)
    planned: list = field(default_factory=list)
    deps: object | None = None
    deps_index: str | None = None  # the package index the preflight asked (None: offline check only)
    files: dict = field(default_factory=dict)
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
        return "; ".join(done) or "nothing was changed"

    def finish(self, data, project, snap) -> None:
        """Compute what is left by hand and write the JSON and Markdown files (not in dry-run)."""
        if self.status == "running":
            self.status = "ok"
        if self.status not in ("ok", "dry-run", "nothing-to-do"):
            self.message = (self.message + f". State: {self.state()}. "
                            + (f"To put everything back: {self.rollback_hint}" if self.snapshot else ""))
        self._left_by_hand(data, project)
        self._json = None
        if self.dry_run or self.to is None:
            return
        out = Path(self.project) / REPORT_DIR
        out.mkdir(parents=True, exist_ok=True)
        ignore = out / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by django-upgrade\n*\n", encoding="utf-8")
        stem = f"step-{self.current}-to-{self.to}"
        self.files = {"json": str(out / f"{stem}.json"), "markdown": str(out / f"{stem}.md")}
        data_json = json.dumps(self.to_json(), indent=2, default=str) + "\n"
        md = render_markdown(self)
        for name, text in ((f"{stem}.json", data_json), ("step-latest.json", data_json),
                           (f"{stem}.md", md), ("step-latest.md", md)):
            atomic.write_text(out / name, text)

    def _left_by_hand(self, data, project) -> None:
        from upgrader.report import group

        left = self.left
        after = self.tests.get("after") or self.tests.get("after-fixes") or self.tests.get("before")
        groups = []
        if after is not None and data is not None:
            try:
                groups = group(after.result.warnings, data, project_dir=self.project, python=self.interpreter)
            except Exception as exc:  # noqa: BLE001 - the report must be written whatever happens
                self.notes.append(f"warnings could not be grouped: {exc}")
        self._groups = groups
        nxt = data.next_feature(versions.feature(self.to)) if data is not None and self.to else None
        left["warnings"] = [g.to_json() for g in groups if g.origin == "first-party" or g.kind == "check"]
        left["third_party_warnings"] = [g.to_json() for g in groups if g.origin == "third-party"]
        self.fixable_next = [g.to_json() for g in groups if g.origin == "first-party" and g.codemods
                             and nxt and g.removed_in == nxt]
        if data is not None and self.to:
            from codemods import registry

            y = versions.feature(self.to)
            x = versions.feature(self.current)
            manual = []
            for rel in data.between(x, y) if y != x else []:
                for ch in data.removed_in(rel.version):
                    fixers = [c.name for c in registry.codemods_for_change(ch.id)]
                    if fixers:
                        continue
                    manual.append({"id": ch.id, "old": ch.old, "new": ch.new, "removed_in": ch.removed_in,
                                   "category": ch.category, "link": ch.link})
            left["manual_changes"] = manual
            left["incompatible"] = [{"id": i.id, "release": i.release, "summary": i.summary, "link": i.link}
                                    for rel in (data.between(x, y) if y != x else []) for i in data.incompatible(rel.version)]
            t = self.tests.get("after")
            if t is not None and not t.ok:
                left["failures"] = phases.explain_failures(project, t, data, self.current, self.to,
                                                           baseline=self.tests.get("before"),
                                                           index_url=self.deps_index)
            else:
                left["failures"] = []
        left.setdefault("commands", [])
        left["migration_blockers"] = []
        if self.to and any(v and versions.feature_key(v) >= versions.feature_key("5.0")
                           for v in (versions.feature(self.to), nxt)) and \
                versions.feature_key(versions.feature(self.current)) < versions.feature_key("5.1"):
            try:
                from codemods import engine

                left["migration_blockers"] = [
                    {**b.as_dict(), "path": os.path.relpath(b.as_dict()["path"], self.project)}
                    for b in engine.migration_blockers([self.project])]
            except Exception as exc:  # noqa: BLE001
                self.notes.append(f"historical migrations not checked: {exc}")
        for lk in self.locks:
            if not lk.get("regenerated") and not self.dry_run:
                cmd = f"{lk['command']}  # regenerate {lk['path']}"
                if cmd not in left["commands"]:
                    left["commands"].append(cmd)

    # ------------------------------------------------------------------ JSON
    def to_json(self) -> dict:
        if self._json is not None:
            return self._json
        tests = {}
        for label, t in self.tests.items():
            explained = self.left.get("failures") if label == "after" and self.left.get("failures") else None
            tests[label] = t.to_json(explained)
        warnings_after = self.tests.get("after")
        checks_changed = phases.compare_checks(self.checks_before, self.checks_after) if self.checks_after else None
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
                "fixable_next": getattr(self, "fixable_next", []),
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
            "report_files": self.files,
        }
        self._json = data
        return data


# ---------------------------------------------------------------------------------------- text
def _counts(t: dict | None) -> str:
    if not t:
        return "not run"
    if t["passed"] is None:
        return f"did not run to the end (exit {t['returncode']})"
    return (f"{t['passed']} passed, {t['failed']} failed, {t['errors']} errors, {t['skipped']} skipped; "
            f"{t['warnings']} warnings" + ("" if t["ok"] else f" (exit {t['returncode']})"))


def _check_line(m: dict) -> str:
    where = "" if m.get("object") in ("", "?", None) else f" {m['object']}"
    return f"{m['id']}{where}: {m['message']}"


def render_text(report: StepReport, show_diff: bool = False) -> str:
    d = report.to_json()
    lines = []
    if d["status"] == "nothing-to-do":
        return d["message"] + "\n"
    head = f"Django {d['from']} -> {d['to']}" + (" (dry run: nothing was changed)" if d["dry_run"] else "")
    lines.append(head)
    lines.append("=" * len(head))
    if d["python_move"]:
        pm = d["python_move"]
        lines.append(f"Python {pm['from_python']} -> {pm['to_python']}: new virtualenv {pm['venv']}")
        lines.append(f"  suite on Django {pm['django']}, old Python: {_counts(pm['tests_old_python'])}")
        lines.append(f"  suite on Django {pm['django']}, new Python: {_counts(pm['tests_new_python'])}")
        if pm["broken_by_python"]:
            lines.append(f"  broken by the Python move: {', '.join(pm['broken_by_python'])}")
        lines.append(f"  from now on use: {pm['use']}")
    if d["planned"]:
        lines.append("Would do:")
        lines += [f"  - {p}" for p in d["planned"]]
    t = d["tests"]
    if t:
        lines.append("Tests:")
        for label in ("before", "after-fixes", "after"):
            if label in t:
                lines.append(f"  {label:<12} {_counts(t[label])}")
    for where in ("current", "target"):
        cm = d["codemods"].get(where)
        if not cm:
            continue
        on = d["from"] if where == "current" else d["to"]
        verb = "would change" if d["dry_run"] else "changed"
        lines.append(f"Codemods on Django {on}: {', '.join(cm['applied']) or 'nothing to change'}"
                     + (f" ({verb} {len(cm['files'])} files)" if cm["files"] else "")
                     + (" - UNDONE: broke " + ", ".join(cm["broke"][:5]) if cm["undone"] else ""))
        for f in cm["files"]:
            lines.append(f"  {f['path']}: {', '.join(f['applied'])}")
        if cm["migrations_created"]:
            lines.append(f"  new migrations: {', '.join(cm['migrations_created'])}")
        for e in cm["errors"]:
            lines.append(f"  not rewritten: {e['path']}: {e['error']}")
        if show_diff:
            for f in cm["files"]:
                lines.append(f["diff"].rstrip("\n"))
    for where, mc in d["migrations_check"].items():
        lines.append(f"makemigrations --check on {where}: {'ok' if mc['ok'] else 'CHANGES PENDING or failed'}")
    if d["pins"]:
        lines.append("Pins:")
        for p in d["pins"]:
            lines.append(f"  {p['file']}:{p['line']}: {p['old']} -> {p['new']}" + (f" ({p['note']})" if p["note"] else ""))
    for lk in d["locks"]:
        state = "regenerated" if lk["regenerated"] else f"run: {lk['command']}"
        lines.append(f"  lock {lk['path']}: {state}")
    dp = d.get("deps") or {}
    if dp.get("blocked") or (dp.get("upgraded") or {}).get("pins") or (dp.get("upgraded") or {}).get("install"):
        how = f"asked {dp['index']}" if dp.get("checked") == "index" else "from the installed metadata"
        lines.append(f"Dependencies ({how}):")
        for b in dp.get("blocked") or []:
            lines.append(f"  BLOCKED {b['name']} {b.get('version') or ''}: {b['message']}")
        up = dp.get("upgraded") or {}
        for p in up.get("pins") or []:
            lines.append(f"  {p['file']}:{p['line']}: {p['old']} -> {p['new']}")
        if up.get("install"):
            lines.append(f"  installed with Django: {' '.join(up['install'])}")
    if d["install"]:
        lines.append(f"Install: {'ok' if d['install']['ok'] else 'FAILED'} ({' '.join(d['install']['command'])})")
    ch = d["checks"].get("changed")
    if ch:
        for key, label in (("check", "manage.py check"), ("deploy", "check --deploy")):
            new, gone = ch[key]["new"], ch[key]["resolved"]
            if ch[key].get("after_failed"):
                lines.append(f"{label}: did not run on {d['to']} (the project does not load; see the failures)")
                continue
            if ch[key].get("before_failed"):
                lines.append(f"{label}: did not run on {d['from']}; {len(new)} messages on {d['to']}")
            else:
                lines.append(f"{label}: {len(new)} new, {len(gone)} resolved since {d['from']}")
            lines += [f"  new: {_check_line(m)}" for m in new]
            lines += [f"  resolved: {_check_line(m)[:200]}" for m in gone]
    if d["caches"]:
        lines.append("Caches cleared:")
        for c in d["caches"]:
            where = f" at {c['location']}" if c.get("location") else ""
            lines.append(f"  {c['alias']}: {c['backend']}{where}: {'cleared' if c['ok'] else 'FAILED ' + str(c['error'])}")
    if d["bytecode_removed"] is not None:
        lines.append(f"Stale bytecode files removed: {d['bytecode_removed']}")
    for c in d["commits"]:
        lines.append(f"Committed {c['sha'][:10]}: {c['message'].splitlines()[0]}")
    left = d["left_by_hand"]
    lines.append("Left by hand:")
    if left.get("failures"):
        lines.append("  failing tests:")
        for f in left["failures"]:
            lines.append(f"    {f['test']}: {f['message'][:200]}" + (" (failed before the step too)" if f.get("pre_existing") else ""))
            for m in f.get("matches", []):
                lines.append(f"      likely: Django {m['release']}: {m['summary']} <{m['link']}>")
            if f.get("package"):
                lines.append(f"      {f['package'].get('message') if isinstance(f['package'], dict) else f['package']}")
                for o in (f["package"].get("others") or []) if isinstance(f["package"], dict) else []:
                    lines.append(f"      {o.get('message')}")
    ws = left.get("warnings") or []
    lines.append(f"  {len(ws)} first-party warning groups remain" + (":" if ws else ""))
    for w in ws[:30]:
        fix = f" [codemod: {', '.join(w['codemods'])}]" if w.get("codemods") else ""
        lines.append(f"    {w['file']}:{w['line']}: {w['category']}: {w['message'].splitlines()[0][:150]}{fix}")
    manual = left.get("manual_changes") or []
    if manual:
        lines.append(f"  {len(manual)} removals no codemod fixes (check by hand):")
    for m in manual[:8]:
        lines.append(f"    {m['old'][:90]} -> {m['new'][:60]} <{m['link']}>")
    if len(manual) > 8:
        lines.append(f"    ... and {len(manual) - 8} more in the report file")
    inc = left.get("incompatible") or []
    if inc:
        lines.append(f"  {len(inc)} backwards-incompatible changes to review (see the report file)")
    for c in left.get("commands") or []:
        lines.append(f"  run: {c}")
    blockers = left.get("migration_blockers") or []
    for b in blockers:
        lines.append(f"  before 5.1: {b['path']}:{b['line']}: {b['message'].split('. ', 1)[0]}")
    if blockers:  # the way out once, whole (it is the same for every blocker)
        way_out = blockers[0]["message"].split(". ", 1)[-1]
        lines.extend("    " + chunk for chunk in textwrap.wrap(way_out, 100))
    for n in d["notes"]:
        lines.append(f"Note: {n}")
    if d["report_files"]:
        lines.append(f"Report: {d['report_files'].get('markdown')} (and .json)")
    if d["status"] not in ("ok", "dry-run"):
        lines.append(f"STEP {d['status'].upper()}: {d['message']}")
    elif d["snapshot"]:
        lines.append(f"Undo this step with: {d['rollback']}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(report: StepReport) -> str:
    d = report.to_json()
    out = [f"# Django {d['from']} -> {d['to']}: {d['status']}", ""]
    if d["message"]:
        out += [d["message"], ""]
    out += ["## Tests", "", "| run | passed | failed | errors | skipped | warnings |", "|---|---|---|---|---|---|"]
    for label, t in d["tests"].items():
        out.append(f"| {label} | {t['passed']} | {t['failed']} | {t['errors']} | {t['skipped']} | {t['warnings']} |")
    out.append("")
    if d["python_move"]:
        pm = d["python_move"]
        out += ["## Python move", "", f"Python {pm['from_python']} -> {pm['to_python']} (virtualenv `{pm['venv']}`).",
                f"Broken by the Python move (not by Django): {', '.join(pm['broken_by_python']) or 'nothing'}.", ""]
    for where, cm in d["codemods"].items():
        out += [f"## Codemods on Django {d['from'] if where == 'current' else d['to']}", ""]
        out.append(f"Applied: {', '.join(cm['applied']) or 'none'}" + (" (undone)" if cm["undone"] else ""))
        out.append("")
        for f in cm["files"]:
            out += [f"### `{f['path']}` ({', '.join(f['applied'])})", "", "```diff", f["diff"].rstrip("\n"), "```", ""]
        if cm["migrations_created"]:
            out += ["New migrations: " + ", ".join(f"`{m}`" for m in cm["migrations_created"]), ""]
    dp = d.get("deps") or {}
    if dp.get("blocked") or (dp.get("upgraded") or {}).get("pins"):
        out += ["## Third-party dependencies", "", "| package | version | status | move to | why |", "|---|---|---|---|---|"]
        for b in dp.get("blocked") or []:
            out.append(f"| {b['name']} | {b.get('version') or ''} | blocked | {b.get('suggest') or ''} | {_md(b['message'])} |")
        out.append("")
        for p in (dp.get("upgraded") or {}).get("pins") or []:
            out.append(f"- upgraded `{p['file']}:{p['line']}`: `{_md(p['old'])}` -> `{_md(p['new'])}`")
        out.append("")
    if d["pins"]:
        out += ["## Pins", "", "| file | line | before | after |", "|---|---|---|---|"]
        out += [f"| {p['file']} | {p['line']} | `{_md(p['old'])}` | `{_md(p['new'])}` |" for p in d["pins"]]
        out.append("")
    ch = d["checks"].get("changed")
    if ch:
        out += ["## System checks (new since the step)", ""]
        for key in ("check", "deploy"):
            for m in ch[key]["new"]:
                out.append(f"- `{m['id']}` {_md(m['object'])}: {_md(m['message'])} ({key})")
            for m in ch[key]["resolved"]:
                out.append(f"- resolved: `{m['id']}` {_md(m['object'])}: {_md(m['message'])} ({key})")
        out.append("")
    if d["caches"]:
        out += ["## Caches cleared", ""] + [f"- {c['alias']}: {c['backend']} {c.get('location') or ''} "
                                           f"({'ok' if c['ok'] else 'FAILED: ' + str(c['error'])})" for c in d["caches"]] + [""]
    left = d["left_by_hand"]
    out += ["## Left by hand", ""]
    for f in left.get("failures") or []:
        out.append(f"- failing test `{f['test']}`: {_md(f['message'][:300])}")
        if isinstance(f.get("package"), dict):
            out.append(f"  - {_md(f['package'].get('message') or '')}")
        for m in f.get("matches", []):
            out.append(f"  - likely Django {m['release']}: {_md(m['summary'])} ([release notes]({m['link']}))")
    for w in left.get("warnings") or []:
        out.append(f"- `{w['file']}:{w['line']}` {w['category']}: {_md(w['message'].splitlines()[0][:200])}"
                   + (f" (codemod: {', '.join(w['codemods'])})" if w.get("codemods") else ""))
    for m in left.get("manual_changes") or []:
        out.append(f"- manual: `{_md(m['old'])}` -> `{_md(m['new'])}` (removed in {m['removed_in']}, [notes]({m['link']}))")
    for i in left.get("incompatible") or []:
        out.append(f"- review ({i['release']}): {_md(i['summary'])} ([notes]({i['link']}))")
    for c in left.get("commands") or []:
        out.append(f"- run `{c}`")
    out.append("")
    if d["rollback"]:
        out += [f"Undo this step: `{d['rollback']}`", ""]
    return "\n".join(out)
