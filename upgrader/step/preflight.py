"""Preflight of a step: everything is checked before anything is changed.

``preflight(project, target=None, allow_dirty=False, commit=False, data=None) -> Preflight``:

* a clean git work tree under the project (``.django-upgrade/`` aside) unless ``allow_dirty``;
  ``--commit`` needs a git repository;
* the project's interpreter found and runnable, with Django installed in it;
* the next step from the planner (the latest patch of the current release first, then the next
  feature release at its latest patch), and ``None`` when the project is already at the target;
* the interpreter's Python runs the step's release, else UsageError naming the Python to move to
  (``--new-python``) and ``django-upgrade plan``;
* the test command (``upgrader.testrun.detect_test_command``);
* third-party packages that block the step (``upgrader.deps``): judged offline from the metadata of
  the distributions installed in the project's interpreter, and - with ``use_index`` (``--check-deps``,
  ``--upgrade-deps``, ``[tool.django-upgrade] check-deps``) - asked of the package index for the
  release to move to: warnings only, a failing check never stops the step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core import versions
from core import config
from upgrader import gitutil
from core.errors import UsageError


@dataclass
class Preflight:
    current: str  # installed Django, "3.2.25"
    step_to: str | None  # "4.0.10", None when there is nothing to do
    step_kind: str | None  # "patch" / "feature"
    python: str  # the interpreter's Python, "3.10.14"
    python_path: str
    test_command: object | None  # testrun.TestCommand
    git: bool
    dirty: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # non-fatal notes (deps without support ...)
    plan_steps: list = field(default_factory=list)  # the remaining steps to the target (exact versions)
    target: str | None = None
    deps: dict = field(default_factory=dict)  # check_deps(): the report's "deps" section (+ "_statuses")

    def to_json(self) -> dict:
        return {
            "current": self.current, "step_to": self.step_to, "step_kind": self.step_kind,
            "python": self.python, "python_path": self.python_path,
            "test_command": list(self.test_command.argv) if self.test_command else None,
            "test_command_kind": self.test_command.kind if self.test_command else None,
            "git": self.git, "dirty": self.dirty, "warnings": self.warnings,
            "plan_steps": self.plan_steps, "target": self.target,
        }


def check_tree(project_dir, allow_dirty: bool, commit: bool) -> tuple[bool, list[str]]:
    repo = gitutil.is_repo(project_dir)
    if commit and not repo:
        raise UsageError(f"--commit needs a git repository; {project_dir} is not inside one")
    if not repo:
        if not allow_dirty:
            raise UsageError(
                f"{project_dir} is not inside a git repository: put it under version control first "
                "(so every change of the step can be reviewed), or pass --allow-dirty")
        return False, []
    clean, dirty = gitutil.is_clean(project_dir)
    if not clean and not allow_dirty:
        shown = ", ".join(dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        raise UsageError(f"the git work tree is not clean ({shown}): commit or stash first, or pass --allow-dirty")
    return True, dirty


def deps_enabled(project, check_deps: bool | None, upgrade_deps: bool) -> bool:
    """Ask the package index? ``--check-deps`` / ``--upgrade-deps``, else ``[tool.django-upgrade] check-deps``."""
    if upgrade_deps:
        return True
    if check_deps is not None:
        return check_deps
    return config.flag(project.config, "check-deps")


def check_deps(project, current: str, target: str, python: str | None, use_index: bool = False,
               index_url: str | None = None, client=None) -> dict:
    """The third-party check of one step (upgrader.deps), never fatal.

    Always: the blockers judged OFFLINE from the metadata of the distributions installed in the
    project's interpreter. With ``use_index``: every Django-related dependency asked of the package
    index (status, the release to move to). Returns the ``deps`` section of the step report plus
    ``"_statuses"`` (DepStatus objects, for ``--upgrade-deps``) and ``"warnings"`` (lines)."""
    from upgrader import deps

    out: dict = {"index": None, "checked": "installed", "blocked": [], "statuses": [], "notice": None,
                 "warnings": [], "_statuses": []}
    try:
        blocked, collected = deps.blocked_installed(project, target, python=python)
    except Exception as exc:  # noqa: BLE001 - a warning source must never stop the step
        out["warnings"].append(f"third-party check skipped: {exc}")
        return out
    by_name = {s.name.lower(): s for s in blocked}
    if use_index:
        try:
            if client is None:
                from upgrader.pypi import PyPIClient

                client = PyPIClient(index_url=index_url or (project.config or {}).get("index-url"), timeout=10,
                                    retries=2)
            out["index"] = getattr(client, "api", None)
            step = deps.step_target(target, python)
            checked = deps.evaluate(collected, [step], client, current_django=current, current_python=python)
            statuses = checked.steps.get(step.to, [])
            out["checked"] = "index"
            out["_statuses"] = statuses
            online = {s.name.lower(): s for s in statuses}
            # the index's verdict (with the release to move to) wins; the installed metadata stays
            # for what the index could not answer
            by_name = {k: v for k, v in by_name.items() if k not in online or online[k].status == deps.UNKNOWN}
            by_name.update({k: v for k, v in online.items() if v.status == deps.BLOCKED})
            notice = checked.notice()
            out["notice"] = notice if notice is None or notice.startswith("dependency check") else f"dependency check: {notice}"
        except Exception as exc:  # noqa: BLE001
            out["notice"] = f"dependency check: the package index could not be used ({exc})"
    out["blocked"] = [s.to_json() for s in sorted(by_name.values(), key=lambda s: s.name.lower())]
    out["statuses"] = [s.to_json() for s in out["_statuses"]]
    feature = versions.feature(target)
    for s in sorted(by_name.values(), key=lambda s: s.name.lower()):
        where = f" [{s.source}]" if s.source and s.source.startswith("installed") else ""
        out["warnings"].append(f"{s.name} {s.version or ''}".rstrip() + f"{where} blocks Django {feature}: {s.message}")
    if blocked and not use_index:
        out["warnings"].append("pass --check-deps to ask the package index which releases support "
                               f"Django {feature}, or --upgrade-deps to move to them with the step")
    if out["notice"]:
        out["warnings"].append(out["notice"])
    return out


def next_steps(project, current: str, target: str | None, python: str, data):
    from upgrader import planner

    try:
        return planner.build_plan(project, current, target or "latest", data=data, python_version=python,
                                  python_source="interpreter", scan=False)
    except UsageError as exc:  # the planner's words, said as step's
        text = str(exc).replace("plan does not downgrade",
                                "step does not downgrade (`django-upgrade step --rollback` undoes the last step)")
        raise UsageError(text) from None


def preflight(project, target: str | None = None, allow_dirty: bool = False, commit: bool = False,
              data=None, check_git: bool = True, new_python: bool = False, use_index: bool = False,
              index_url: str | None = None) -> Preflight:
    import release_data

    from upgrader import testrun

    data = data or release_data.load()
    git, dirty = check_tree(project.dir, allow_dirty, commit) if check_git else (gitutil.is_repo(project.dir), [])
    probe = project.probe  # UsageError when the interpreter cannot be run
    if not probe.django:
        raise UsageError(
            f"Django is not installed in the project's interpreter {probe.interpreter.path} "
            f"(found through {probe.interpreter.source}); pass --python PATH")
    plan = next_steps(project, probe.django, target, probe.python_feature, data)
    pf = Preflight(current=probe.django, step_to=None, step_kind=None, python=probe.python,
                   python_path=probe.interpreter.path, test_command=None, git=git, dirty=dirty,
                   target=plan.target)
    if not plan.steps:
        return pf
    step = plan.steps[0]
    pf.step_to, pf.step_kind = step.to, step.kind
    pf.plan_steps = [s.to for s in plan.steps]
    if step.python_ok is False and not new_python:
        advice = step.python_advice.message if step.python_advice else (
            f"Django {step.to} does not run on Python {probe.python_feature} (it needs {', '.join(step.python)})")
        move_to = step.python_advice.move_to if step.python_advice else (step.python[0] if step.python else "?")
        raise UsageError(
            f"{advice}; take the step with `django-upgrade step --new-python {move_to}` "
            "(see `django-upgrade plan`)")
    pf.test_command = testrun.detect_test_command(project)
    pf.deps = check_deps(project, probe.django, step.to, probe.python_feature, use_index=use_index,
                         index_url=index_url)
    pf.warnings = list(pf.deps["warnings"])
    return pf
