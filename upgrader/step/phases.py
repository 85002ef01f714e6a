"""The building blocks of one step; ``upgrader.step.runner`` puts them in order.

    suite(project, command, stream)                  -> TestSummary (the RunResult + a JSON form)
    newly_broken(before, after)                      -> test ids failing now that did not before
    codemods_for_step(current, target, skip)         -> (on_current, on_target) codemod classes
    apply_codemods(project_dir, codemods, target, guard, write) -> CodemodPhase
    model_apps(project_dir, files)                   -> app labels whose models a codemod touched
    manage(project, args)                            -> ManageResult (``manage.py ARGS`` in the project's interpreter)
    run_checks(project)                              -> {"check": [...], "deploy": [...]} check messages
    explain_failures(failures, data, current, target, output_tail) -> failures with the release-data changes they match
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from core import versions
from core.errors import UsageError


# ------------------------------------------------------------------------------------ tests
@dataclass
class TestSummary:
    __test__ = False
    label: str  # "before" / "after-fixes" / "after" / "python-move"
    django: str | None
    python: str | None
    result: object  # testrun.RunResult

    @property
    def ok(self) -> bool:
        return self.result.returncode == 0

    @property
    def failing(self) -> set[str]:
        return {f.test for f in self.result.failures}

    @property
    def started(self) -> bool:
        return self.result.passed is not None

    def to_json(self, explained: list | None = None) -> dict:
        r = self.result
        return {
            "label": self.label, "django": self.django, "python": self.python, "ok": self.ok,
            "returncode": r.returncode, "passed": r.passed, "failed": r.failed, "errors": r.errors,
            "skipped": r.skipped, "duration": round(r.duration, 2), "warnings": len(r.warnings),
            "failures": explained if explained is not None else [
                {"test": f.test, "message": f.message, "kind": f.kind} for f in r.failures],
            "output_tail": "" if self.ok else r.output_tail,
        }


def suite(project, command, label: str, django: str | None, stream: bool = False) -> TestSummary:
    from upgrader import testrun

    result = testrun.run_with_harvester(project, list(command.argv), stream=stream)
    python = None
    try:
        python = project.probe.python
    except Exception:  # noqa: BLE001 - only for the report
        pass
    return TestSummary(label, django, python, result)


def newly_broken(before: TestSummary, after: TestSummary) -> list[str]:
    """Tests that fail in ``after`` but did not in ``before`` (["<the suite does not start>"] when
    ``after`` did not get to run tests but ``before`` did)."""
    if after.ok:
        return []
    if before.ok and not after.started:
        return ["<the test suite does not start>"]
    if not before.ok and not before.started:
        return []  # nothing was passing before
    new = sorted(after.failing - before.failing)
    if not new and not after.ok and before.ok:
        return ["<the test command failed>"]
    return new


# ------------------------------------------------------------------------------------ codemods
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


@dataclass
class CodemodPhase:
    where: str  # "current" / "target"
    target: str
    selected: list = field(default_factory=list)  # codemod names
    files: list = field(default_factory=list)  # [{"path", "applied", "diff"}]
    errors: list = field(default_factory=list)  # [{"path", "error"}]
    findings: list = field(default_factory=list)
    model_apps: list = field(default_factory=list)
    migrations_created: list = field(default_factory=list)
    makemigrations: dict | None = None
    undone: bool = False
    broke: list = field(default_factory=list)
    written: bool = False

    @property
    def applied(self) -> list[str]:
        names = []
        for f in self.files:
            for n in f["applied"]:
                if n not in names:
                    names.append(n)
        return names

    @property
    def changed_paths(self) -> list[str]:
        return [f["path"] for f in self.files]

    def to_json(self) -> dict:
        return {
            "where": self.where, "target": self.target, "selected": self.selected, "applied": self.applied,
            "files": self.files, "errors": self.errors, "findings": self.findings,
            "model_apps": self.model_apps, "migrations_created": self.migrations_created,
            "makemigrations": self.makemigrations, "written": self.written, "undone": self.undone,
            "broke": self.broke,
        }


def apply_codemods(project_dir: Path, codemods, target: str, where: str, guard=None, write: bool = True,
                   snapshot=None) -> CodemodPhase:
    """Compute the diff of ``codemods`` over the project; with ``write`` record the files that will
    change in ``guard`` (phase undo) and ``snapshot`` (step rollback) first, then write them."""
    from codemods import engine

    phase = CodemodPhase(where, versions.feature(target), [c.name for c in codemods])
    if not codemods:
        return phase
    summary = engine.run([str(project_dir)], codemods, target=versions.feature(target), mode="diff", jobs=1,
                         use_cache=False)
    for f in summary.files:
        rel = os.path.relpath(f.path, project_dir)
        if f.error:
            phase.errors.append({"path": rel, "error": f.error})
        for fd in f.findings:
            phase.findings.append({**fd.as_dict(), "path": rel})
        if f.changed:
            phase.files.append({"path": rel, "applied": list(f.applied), "diff": f.diff})
    if write and phase.files:
        if guard is not None:
            guard.save(phase.changed_paths)
        if snapshot is not None:
            snapshot.add(phase.changed_paths)
        engine.run([str(project_dir / p) for p in phase.changed_paths], codemods, target=versions.feature(target),
                   mode="write", jobs=1, use_cache=False)
        phase.written = True
    by_name = {c.name: c for c in codemods}
    model_files = [f["path"] for f in phase.files
                   if any(getattr(by_name.get(n), "changes_model_state", False) for n in f["applied"])]
    phase.model_apps = model_apps(project_dir, model_files)
    return phase


def _app_label(app_dir: Path) -> str:
    apps_py = app_dir / "apps.py"
    if apps_py.is_file():
        try:
            tree = ast.parse(apps_py.read_text(encoding="utf-8"))
        except (SyntaxError, ValueError, OSError, UnicodeDecodeError):
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


# ------------------------------------------------------------------------------------ manage.py
@dataclass
class ManageResult:
    args: list
    returncode: int | None
    output: str
    available: bool = True

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def to_json(self) -> dict:
        return {"command": self.args, "returncode": self.returncode, "ok": self.ok, "available": self.available,
                "output": self.output[-4000:]}


def manage(project, args: list[str], timeout: float = 600) -> ManageResult:
    """``python manage.py ARGS`` (or ``python -m django ARGS --settings`` without manage.py) in the
    project's interpreter and directory."""
    from upgrader import caches

    py = project.interpreter.path
    env = dict(os.environ)
    for key in ("PYTHONHOME", "VIRTUAL_ENV", "PYTHONWARNINGS"):
        env.pop(key, None)
    if (project.dir / "manage.py").is_file():
        argv = [py, "manage.py", *args]
    else:
        found = caches.find_settings(project.dir, None, project.config)
        if found is None:
            return ManageResult(["manage.py", *args], None, "no manage.py and no settings module found", False)
        env.update(caches.django_env(project.dir, found.module))
        argv = [py, "-m", "django", *args]
    try:
        proc = subprocess.run(argv, cwd=project.dir, env=env, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return ManageResult(argv[1:], None, str(exc), False)
    return ManageResult(argv[1:], proc.returncode, (proc.stdout or "") + (proc.stderr or ""))


def makemigrations(project, apps: list[str]) -> ManageResult:
    return manage(project, ["makemigrations", *apps, "--no-input"])


def makemigrations_check(project) -> ManageResult:
    return manage(project, ["makemigrations", "--check", "--dry-run", "--no-input"])


_CHECK_LINE = re.compile(r"^(?P<obj>.*?):? ?\((?P<id>[\w.]+\.[CEWI]\d+)\) (?P<msg>.*)$")


def parse_check_output(text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        m = _CHECK_LINE.match(line.strip())
        if m:
            out.append({"id": m.group("id"), "object": m.group("obj").strip().rstrip(":"), "message": m.group("msg").strip()})
    return out


def run_checks(project) -> dict:
    """``manage.py check`` and ``check --deploy``: their messages and exit codes."""
    out = {}
    for key, args in (("check", ["check"]), ("deploy", ["check", "--deploy"])):
        res = manage(project, args)
        out[key] = {"ok": res.ok, "available": res.available, "returncode": res.returncode,
                    "messages": parse_check_output(res.output),
                    "output": "" if res.ok else res.output[-2000:]}
    return out


def compare_checks(before: dict | None, after: dict | None) -> dict:
    """Per check kind: the messages new on Y and those gone since X (by check id and object)."""
    result = {}
    for key in ("check", "deploy"):
        run_b = (before or {}).get(key) or {}
        run_a = (after or {}).get(key) or {}
        b = {(m["id"], m["object"]): m for m in run_b.get("messages", [])}
        a = {(m["id"], m["object"]): m for m in run_a.get("messages", [])}
        result[key] = {"new": [a[k] for k in a if k not in b], "resolved": [b[k] for k in b if k not in a],
                       # the check did not run on X (the project did not load): "new" is everything on Y
                       "before_failed": bool(run_b) and not run_b.get("ok") and not b,
                       "after_failed": bool(run_a) and not run_a.get("ok") and not a}
    return result


# ------------------------------------------------------------------------------------ failures
def _matching(text: str, data, current: str, target: str) -> list[dict]:
    x, y = versions.feature(current), versions.feature(target)
    found = []
    for rel in data.between(x, y) if hasattr(data, "between") else []:
        if versions.feature_key(rel.version) <= versions.feature_key(x):
            continue
        for item in data.incompatible(rel.version):
            try:
                if item.matches(text):
                    found.append({"kind": "incompatible", "id": item.id, "release": item.release,
                                  "summary": item.summary, "link": item.link})
            except re.error:
                continue
    for change in data.changes:
        if versions.feature_key(versions.feature(change.removed_in)) > versions.feature_key(y):
            continue
        try:
            if change.matches_error(text):
                found.append({"kind": "removed", "id": change.id, "release": change.removed_in,
                              "summary": f"{change.old} was removed in Django {change.removed_in}; use {change.new}",
                              "link": change.link})
        except re.error:
            continue
    return found


def explain_import_failure(project, text: str, django_version: str | None = None, index_url: str | None = None,
                           client=None) -> dict | None:
    """The third-party package a failure at import comes from (``upgrader.deps.explain_import_failure``):
    ``{"package", "version", "module", "file", "line", "error", "fixed_in", "change", "message"}`` of the
    first hint, with ``"others"`` when there are more; None when the failure is not inside one. The
    release that fixes it is asked of the package index only when ``index_url``/``client`` is given
    (the step asked the index in its preflight). Never raises."""
    from upgrader import deps

    if client is None and index_url:
        try:
            from upgrader.pypi import PyPIClient

            client = PyPIClient(index_url=index_url, timeout=10, retries=1)
        except Exception:  # noqa: BLE001
            client = None
    try:
        hints = deps.explain_import_failure(text or "", project=project, client=client, django_version=django_version)
    except Exception:  # noqa: BLE001 - an explanation must never break the report
        return None
    if not hints:
        return None
    first = hints[0].to_json()
    if len(hints) > 1:
        first["others"] = [h.to_json() for h in hints[1:]]
    return first


def explain_failures(project, summary: TestSummary, data, current: str, target: str,
                     baseline: TestSummary | None = None, index_url: str | None = None) -> list[dict]:
    """Each failure of ``summary`` with the release-data changes its message matches (and whether it
    failed in ``baseline`` already). A suite that does not start is one entry for its output."""
    r = summary.result
    before = baseline.failing if baseline is not None else set()
    out = []
    for f in r.failures:
        out.append({"test": f.test, "message": f.message, "kind": f.kind, "pre_existing": f.test in before,
                    "matches": _matching(f.message, data, current, target)})
    if not summary.ok and not out:
        tail = r.output_tail or ""
        last = next((ln for ln in reversed(tail.strip().splitlines()) if ln.strip()), "")
        entry = {"test": "<the test suite does not start>" if not summary.started else "<the test command failed>",
                 "message": last.strip(), "kind": "error", "pre_existing": baseline is not None and not baseline.ok,
                 "matches": _matching(tail, data, current, target)}
        pkg = explain_import_failure(project, tail, django_version=target, index_url=index_url)
        if pkg:
            entry["package"] = pkg
        out.append(entry)
    return out


def stderr(msg: str) -> None:
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def require(cond: bool, msg: str) -> None:
    if not cond:
        raise UsageError(msg)
