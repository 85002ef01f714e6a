"""Running the project's suite inside a step, and comparing runs.

    suite(project, command, label, django, stream=False, env=None) -> TestSummary
    settings_for(project) -> str | None            the project's real settings module, where configured
    project_env(project) -> {"DJANGO_SETTINGS_MODULE": ...} | {}   the same, as the environment
    without_settings(summary) -> bool              the run failed for want of a settings module
    new_failures(baseline, now) -> [test ids]      failing now, not in the baseline
    tool_failed(summary) -> str | None             the tool's own harvester failed (not the project)

A run's ``failing`` set holds the ids of the failing tests, plus ``<the test suite does not start>``
when no test ran, or ``<the test command failed>`` when the command failed with no failing test read;
so a baseline that could not even start can be accepted (``--accept-failing``) like any other.
"""

from __future__ import annotations

import collections

from dataclasses import dataclass

NOT_STARTED = "<the test suite does not start>"
COMMAND_FAILED = "<the test command failed>"


@dataclass
class TestSummary:
    __test__ = False
    label: str  # "before" / "after-fixes" / "after" / "python-move" / "blame"
    django: str | None
    python: str | None
    result: object  # testrun.RunResult

    @property
    def ok(self) -> bool:
        return self.result.returncode == 0 and not self.tool_error

    @property
    def tool_error(self) -> str | None:
        """The harvester (our plugin) failed inside the project's runner (``RunResult.tool_error``)."""
        err = getattr(self.result, "tool_error", None)
        return str(err) if err else None

    @property
    def started(self) -> bool:
        return self.result.passed is not None

    @property
    def failing(self) -> set[str]:
        names = getattr(self.result, "failed_tests", None)
        found = set(names) if names else {f.test for f in self.result.failures}
        if self.result.returncode != 0 and not found:
            found.add(COMMAND_FAILED if self.started else NOT_STARTED)
        return found

    def to_json(self, explained: list | None = None) -> dict:
        r = self.result
        return {
            "label": self.label, "django": self.django, "python": self.python, "ok": self.ok,
            "returncode": r.returncode, "passed": r.passed, "failed": r.failed, "errors": r.errors,
            "skipped": r.skipped, "duration": round(r.duration, 2), "warnings": len(r.warnings),
            "failures": explained if explained is not None else [
                {"test": f.test, "message": f.message, "kind": f.kind} for f in r.failures],
            "failing": sorted(self.failing) if not self.ok else [],
            "tool_error": self.tool_error,
            "output_tail": "" if self.ok else r.output_tail,
        }

    def counts(self) -> str:
        r = self.result
        return f"{r.passed} passed, {r.failed} failed, {r.errors} errors, {len(r.warnings)} warnings"


def settings_for(project) -> str | None:
    """The settings module the step's runs of the project's code use when manage.py is not the one to
    say: ``[tool.django-upgrade] settings``, else the one a step took for a suite that ran without
    settings (``Project.test_settings``); None: as the project's own files say. Tests, ``manage.py
    check`` and ``makemigrations``, and the cache clearing all read it."""
    configured = (getattr(project, "config", None) or {}).get("settings") or getattr(project, "test_settings", None)
    return str(configured) if configured else None


def project_env(project) -> dict:
    """``{"DJANGO_SETTINGS_MODULE": settings_for(project)}``, or ``{}``."""
    module = settings_for(project)
    return {"DJANGO_SETTINGS_MODULE": module} if module else {}


UNCONFIGURED = "settings are not configured"  # (Django's ImproperlyConfigured, on a setting read without them)


def without_settings(summary: TestSummary) -> bool:
    """Whether the run failed because it had no settings module (Django: "Requested setting X, but
    settings are not configured")."""
    r = summary.result
    return not summary.ok and (any(UNCONFIGURED in (f.message or "") for f in r.failures)
                               or UNCONFIGURED in (r.output_tail or ""))


def suite(project, command, label: str, django: str | None, stream: bool = False) -> TestSummary:
    import os

    from upgrader import testrun

    extra = project_env(project)
    env = dict(os.environ, **extra) if extra else None
    result = testrun.run_with_harvester(project, list(command.argv), stream=stream, env=env)
    python = None
    try:
        python = project.probe.python
    except Exception:  # noqa: BLE001 - only for the report
        pass
    return TestSummary(label, django, python, result)


def new_failures(baseline: TestSummary | None, now: TestSummary) -> list[str]:
    """The failures of ``now`` that are not in ``baseline`` (a failure that also happened before is
    never new)."""
    if now.ok:
        return []
    before = baseline.failing if baseline is not None and not baseline.ok else set()
    return sorted(now.failing - before)


def tool_failed(summary: TestSummary) -> str | None:
    if summary.tool_error:
        return f"the tool failed inside the project's test runner ({summary.tool_error}); this is not a test failure"
    return None


def failing_line(summary: TestSummary, limit: int = 5, said: int = 0) -> str:
    """The failing tests, ``limit`` of them. With ``said``: when no more than that many fail, each with
    the first line of its error (a collection error that stopped pytest says why at once); when more
    do, the errors most of them share (``22 x CommandError: No fixture named 'group' found``)."""
    names = sorted(summary.failing)
    messages = {}
    for f in summary.result.failures if said else ():
        first = (f.message or "").strip().splitlines()[:1]
        if first:
            messages.setdefault(f.test, first[0][:200])
    if said and len(names) <= said:
        return ", ".join(f"{n}: {messages[n]}" if n in messages else n for n in names)
    line = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
    shared = [(n, m) for m, n in collections.Counter(messages.values()).most_common(2) if n > 1]
    if shared:
        line += "; most often: " + ", ".join(f"{n} x {m}" for n, m in shared)
    return line
