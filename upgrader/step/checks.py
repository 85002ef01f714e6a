"""``manage.py`` commands of a step, in the project's interpreter with the project's settings.

    manage(project, args) -> ManageResult
    makemigrations(project, apps) / makemigrations_check(project) -> ManageResult
    run_checks(project) -> {"check": {...}, "deploy": {...}}     messages and exit codes
    check_failed(checks) -> str | None                              ``manage.py check`` ran and failed
    compare_checks(before, after) -> per kind: new / resolved messages
"""

from __future__ import annotations

import re
from dataclasses import dataclass


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

    from upgrader.step.suite import settings_for

    from core import run as _run

    py = project.interpreter.path
    settings = settings_for(project)  # (configured, or taken for the suite: the settings the project uses)
    env = _run.project_env(py, settings=settings)
    if (project.dir / "manage.py").is_file():
        argv = [py, "manage.py", *args]
    else:
        found = caches.find_settings(project.dir, settings, project.config)
        if found is None:
            return ManageResult(["manage.py", *args], None, "no manage.py and no settings module found", False)
        env.update(caches.django_env(project.dir, found.module))
        argv = [py, "-m", "django", *args]
    try:
        proc = _run.run(argv, cwd=project.dir, env=env, timeout=timeout)
    except (OSError, _run.TimeoutExpired) as exc:
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


def check_failed(checks: dict | None) -> str | None:
    """What ``manage.py check`` reported when it ran and failed (the project is red), else None: its
    errors (``shop.E001 Item: message``), else the last line of its output."""
    run = (checks or {}).get("check") or {}
    if not run.get("available") or run.get("ok"):
        return None
    errors = [m for m in run.get("messages") or [] if re.search(r"\.(E|C)\d+$", m["id"])]
    if errors:
        return "; ".join(f"{m['id']} {m['object']}: {m['message']}".replace(" ?:", ":") for m in errors[:5])
    lines = [ln for ln in (run.get("output") or "").strip().splitlines() if ln.strip()]
    return lines[-1] if lines else f"exit {run.get('returncode')}"


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


