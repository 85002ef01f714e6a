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
* third-party packages that do not declare support for the step's release (``upgrader.deps``, when
  that part is present): warnings only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from upgrader import gitutil, versions
from upgrader.errors import UsageError


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


def _deps_warnings(project, target: str) -> list[str]:
    try:
        from upgrader import deps  # the third-party part; optional
    except ImportError:
        return []
    fn = getattr(deps, "blocked_for_step", None)
    if fn is None:
        return []
    try:
        blocked = fn(project, target)
    except Exception as exc:  # noqa: BLE001 - a warning source must never stop the step
        return [f"third-party check skipped: {exc}"]
    out = []
    for item in blocked or []:
        if isinstance(item, str):
            out.append(item)
        else:
            name = getattr(item, "name", None) or (item.get("name") if isinstance(item, dict) else str(item))
            msg = getattr(item, "message", None) or (item.get("message") if isinstance(item, dict) else None)
            out.append(msg or f"{name} does not declare support for Django {versions.feature(target)}")
    return out


def next_steps(project, current: str, target: str | None, python: str, data):
    from upgrader import planner

    plan = planner.build_plan(project, current, target or "latest", data=data, python_version=python,
                              python_source="interpreter", scan=False)
    return plan


def preflight(project, target: str | None = None, allow_dirty: bool = False, commit: bool = False,
              data=None, check_git: bool = True, new_python: bool = False) -> Preflight:
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
    pf.warnings = _deps_warnings(project, step.to)
    return pf
