"""The step's first phase: the suite and ``manage.py check`` on X, before anything is changed.

    baseline(ctx) -> BaselineResult      red: the step is refused (exit 3) unless --accept-failing

A red baseline says what is red: the failing tests, the check errors, and for a suite that did not
start, the exception that stopped it and the package it was raised in (``explain.explain_failures``).
A suite that failed for want of a settings module, which nothing names for it, is run again with
the project's one candidate (docs/step.md, "The phases of one step").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.errors import EXIT_INTERNAL, EXIT_TESTS_FAILED
from upgrader.step import checks
from upgrader.step.context import PhaseResult, StepContext
from upgrader.step.suite import TestSummary, failing_line, tool_failed


@dataclass
class BaselineResult(PhaseResult):
    summary: TestSummary | None = None
    red_tests: list = field(default_factory=list)
    check_error: str | None = None


def baseline(ctx: StepContext) -> BaselineResult:
    """The suite and ``manage.py check`` on X, before anything is changed. Red: the step is refused
    (exit 3) unless ``--accept-failing`` makes those failures the baseline."""
    r, x = ctx.report, ctx.x
    ctx.progress(f"running the suite on Django {x} ({' '.join(ctx.pf.test_command.argv[1:])})")
    if ctx.project.test_settings:  # (taken by the step before, in this run: see _settings_for_the_suite)
        ctx.report.notes.append(f"the suite runs with {ctx.project.test_settings}, which the first step took "
                                "(nothing configures DJANGO_SETTINGS_MODULE for it); to choose another, set "
                                "[tool.django-upgrade] settings in pyproject.toml")
    before = ctx.run_suite("before", x)
    if _settings_for_the_suite(ctx, before):  # (it ran without settings: again, with the project's)
        before = ctx.run_suite("before", x)
    r.tests["before"] = before
    r.warnings_before = before.result.warnings
    ctx.progress(f"  {before.counts()}")
    out = BaselineResult(summary=before)
    tool = tool_failed(before)
    if tool:
        out.stop = True
        r.fail("tool-failed", EXIT_INTERNAL, tool)
        return out
    r.checks_before = checks.run_checks(ctx.project)
    out.red_tests = sorted(before.failing) if not before.ok else []
    out.check_error = checks.check_failed(r.checks_before)
    if out.check_error and ctx.project.test_settings and not ctx.project.settings_module:
        # (the settings module the step took for the suite is a test one, not a site's: what its check
        # says was never the project's to keep green; it is reported, and does not refuse the step)
        r.notes.append(f"manage.py check fails on Django {x} with {ctx.project.test_settings} ({out.check_error}); "
                       "the step took these settings for the suite, so the check does not stop it")
        out.check_error = None
    empty = _ran_no_tests(before)
    if empty:
        if ctx.options.accept_failing:
            r.notes.append(f"--accept-failing: the suite ran no tests on Django {x} ({empty}); the step goes on "
                           "with nothing to tell whether it breaks the project")
        elif not out.red_tests and not out.check_error:
            out.stop = True
            r.fail("red-baseline", EXIT_TESTS_FAILED,
                   f"the test command ({' '.join(ctx.pf.test_command.argv[1:])}, {ctx.pf.test_command.description}) "
                   f"ran no tests on Django {x} ({empty}): nothing would tell whether the step breaks the project, "
                   "so nothing was changed. Pass the command that runs the tests after -- (or set "
                   "[tool.django-upgrade] test-command), or pass --accept-failing to step without tests")
            return out
    if not out.red_tests and not out.check_error:
        return out
    what = []
    if out.red_tests:
        r.baseline_failures = _explained_if_not_started(ctx, before)
        what.append(f"the suite fails on Django {x} before any change ({failing_line(before, said=3 if before.started else 0)}"
                    f"{_what_stopped(r.baseline_failures)}){_settings_hint(ctx, before)}"
                    f"{_database_hint(before, r.baseline_failures)}")
    if out.check_error:
        what.append(f"manage.py check fails on Django {x} ({out.check_error})")
    if not ctx.options.accept_failing:
        out.stop = True
        r.fail("red-baseline", EXIT_TESTS_FAILED,
               f"{'; '.join(what)}: a step only starts from green, so nothing was changed. Fix them first, "
               "or pass --accept-failing to take them as the baseline (then only new failures count)")
        return out
    r.baseline = {"tests": out.red_tests, "check": out.check_error}
    r.notes.append(f"--accept-failing: {'; '.join(what)}; these are the baseline, only new failures count")
    return out


def _ran_no_tests(before: TestSummary) -> str | None:
    """``0 tests`` / ``all 3 skipped`` when a suite that finished green checked nothing (its runner's
    counts are known: a command whose output the tool cannot read is not judged); else None."""
    res = before.result
    if not before.ok or res.passed is None or res.passed or res.failed or res.errors:
        return None
    return f"all {res.skipped} skipped" if res.skipped else "0 tests"


def _settings_for_the_suite(ctx: StepContext, before: TestSummary) -> bool:
    """A suite that failed for want of a settings module, when nothing configures one for it (a
    reusable app's sdist leaves out the tox.ini or Makefile that passes ``--ds``; pytest-django does
    not read manage.py): the step takes the settings module manage.py names, else the project's only
    settings module, for all its runs, and says so. Several candidates: the refusal lists them."""
    from upgrader.step.suite import project_env, without_settings

    project = ctx.project
    if not without_settings(before) or project_env(project):
        return False
    found = _candidates(project)
    if len(found) != 1:
        return False
    named = project.settings_module
    project.test_settings = found[0]
    how = f"the module {project.settings.source} names" if named else "the project's only settings module"
    ctx.report.notes.append(f"the suite ran without a settings module (nothing configures DJANGO_SETTINGS_MODULE for "
                            f"it), so the step runs it with {found[0]}, {how}; to choose another, set "
                            f"[tool.django-upgrade] settings in pyproject.toml")
    ctx.progress(f"  no settings module for the suite: again with {found[0]}")
    return True


def _candidates(project) -> list[str]:
    """The settings modules a suite without settings could take: the one manage.py (or pytest's
    configuration, or the environment) names, else every settings module the project has."""
    from core.settings import module_of

    named = project.settings_module
    if named:
        return [named]
    return sorted({m for m in (module_of(project.dir, f) for f in project.files.settings_files()) if m})


def _explained_if_not_started(ctx: StepContext, before: TestSummary) -> list | None:
    """For a suite that did not start: ``explain.explain_failures``' one entry (the exception that
    ended it, where it was raised: in which installed package); None otherwise."""
    if before.started or before.ok:
        return None
    from upgrader.step import explain

    try:
        return explain.explain_failures(ctx.project, before, ctx.data, ctx.x, ctx.x)
    except Exception:  # noqa: BLE001 - an explanation must never stop the refusal
        return None


def _what_stopped(explained: list | None) -> str:
    """``: <the exception and where>`` of the first explained entry, else nothing."""
    first = (explained or [{}])[0]
    said = (first.get("diagnosis") or {}).get("headline") or first.get("message")
    return f": {said[:300]}" if said else ""


def _database_hint(before: TestSummary, explained: list | None) -> str:
    """``; its databases need ...`` when what stopped the suite, or what most of its failures say, is
    a database it cannot reach (``upgrader.databases``); else nothing."""
    from upgrader import databases

    said = [str(e.get("message") or "") for e in explained or []]
    said += [f.message or "" for f in before.result.failures]
    if not before.started:
        said.append(before.result.output_tail or "")
    hints = [h for h in map(databases.needs, said) if h]
    if not hints or (before.started and len(hints) * 2 < len(before.result.failures)):
        return ""
    return f"; {hints[0]}"


def _settings_hint(ctx: StepContext, before: TestSummary) -> str:
    """For a suite that still fails for want of settings: what to configure (and the candidates)."""
    from upgrader.step.suite import without_settings

    if not without_settings(before):
        return ""
    if ctx.project.test_settings:
        return f", though run with {ctx.project.test_settings}"
    found = _candidates(ctx.project)
    which = f" (one of {', '.join(found)})" if found else ""
    return (f"; it runs without a settings module: name one in pyproject.toml, [tool.django-upgrade] settings"
            f"{which}, or in the test runner's configuration")
