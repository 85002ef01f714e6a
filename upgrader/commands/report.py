"""``django-upgrade report [PROJECT_DIR] [-- COMMAND ...]``: the CI deprecation report.

Runs the project's test command (detected, configured, or given after ``--``) under the project's
interpreter with the warning harvester, or reads an existing log (``--from-log``), groups the
deprecation warnings, maps them to release_data changes, and renders them (see docs/report.md;
``--format html``: one self-contained page, and ``--merge A.json B.json ...``: the fleet dashboard, see
docs/dashboard.md).

Exit codes: 0 nothing over the bar; 1 deprecations over the bar (``--fail-on``); 2 bad input; 3 the
test command failed (non-zero exit), unless ``--allow-test-failures``. 3 wins over 1: a failing suite
is the more urgent news, and its report may be incomplete.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from core import atomic, versions
from upgrader.commands._common import CommandAfterDashes, open_project, python_option
from core.errors import EXIT_OK, EXIT_PENDING, EXIT_TESTS_FAILED, UpgradeError, UsageError
from upgrader.project import NOT_THE_PROJECTS, is_tool_environment
from upgrader.report import FORMATS, build_report, compare, group, over_the_bar, parse_log, read_baseline, render, write_baseline
from upgrader.report.render import FAIL_ON


class _ReportCommand(CommandAfterDashes):
    """Everything after ``--`` is the test command, never PROJECT_DIR; ``--merge`` takes every file up to
    the next option."""

    def parse_args(self, ctx, args):
        args = self.before_dashes(ctx, args)
        if "--merge" in args:  # --merge A.json B.json ...: every file up to the next option
            i = args.index("--merge")
            j = i + 1
            while j < len(args) and not args[j].startswith("-"):
                j += 1
            ctx.meta["dua_merge"] = list(args[i + 1:j])
            args = args[:i] + args[j:]
        return super().parse_args(ctx, args)  # (the -- already taken: nothing left for it to take)


def _parse_outputs(values) -> list[tuple[str, Path]]:
    out = []
    for v in values:
        fmt, sep, path = v.partition("=")
        if not sep or not path or fmt not in FORMATS:
            raise UsageError(f"--output expects FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}: {v!r}")
        out.append((fmt, Path(path)))
    return out


def _repo_root(d: Path) -> Path:
    for p in (d, *d.parents):
        if (p / ".git").exists():
            return p
    return d


def _incompatible(data, current: str | None, failures, run=None, project_dir=None) -> dict:
    """Failing test -> [the change that explains it] (upgrader.explain: exception, message, traceback
    frames, harvested warnings; behaviour changes and removals up to the current release)."""
    if not failures and not (run is not None and any(getattr(t, "failing", False) for t in run.tests or [])):
        return {}
    from upgrader import explain

    end = versions.feature(current) if current else data.latest_released().version
    out = {}
    for e in explain.explain_run(run if run is not None else type("R", (), {"failures": failures})(),
                                 project_dir or ".", data, data.releases[0].version, end):
        if e.explained:
            out.setdefault(e.test, []).append(e.change_id)
    return out


def _merge(ctx, files: list[str], fmt: str, outputs, data) -> None:
    """``--merge``: the fleet dashboard (upgrader.report.fleet) instead of a report; exit 0."""
    from upgrader.render import registry
    from upgrader.report import fleet

    if not files:
        raise UsageError("--merge needs the JSON files to merge: --merge A.json B.json ...")
    allowed = registry.formats("fleet")
    fmts = [fmt, *(f for f, _ in _parse_outputs(outputs))]
    bad = [f for f in fmts if f not in allowed]
    if bad:
        raise UsageError(f"--merge renders {', '.join(allowed)}, not {bad[0]}")
    doc = fleet.build(files, data)
    for out_fmt, path in _parse_outputs(outputs):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_text(path, registry.render("fleet", out_fmt, doc))
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    click.echo(registry.render("fleet", fmt, doc), nl=False)
    ctx.exit(EXIT_OK)


def _has_test_results(text: str) -> bool:
    """Whether a log holds a unittest or pytest summary (a log of something else is bad input)."""
    from upgrader.testrun import parse_counts

    return bool(parse_counts(text.splitlines()))


@click.command("report", cls=_ReportCommand)
@click.argument("project_dir", default=".", type=click.Path(file_okay=False))
@python_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="What to print on stdout.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT=PATH",
              help="Also write FORMAT to PATH (repeatable), e.g. --output sarif=report.sarif.")
@click.option("--from-log", "from_log", metavar="FILE", help="Build the report from an existing log ('-' = stdin).")
@click.option("--baseline", "baseline", metavar="FILE", help="Compare with this baseline: new / known / fixed.")
@click.option("--write-baseline", "write_baseline_path", metavar="FILE", help="Record the current set as a baseline.")
@click.option("--fail-on", "fail_on", type=click.Choice(FAIL_ON),
              help="Exit 1 when: new (not in the baseline), any, next (breaks on the next feature release), none. "
                   "Default: [tool.django-upgrade] fail-on, else 'new' with a baseline, else 'none'.")
@click.option("--from", "from_version", metavar="X.Y", help="The project's Django version (for --fail-on next with --from-log).")
@click.option("--settings", "settings", metavar="MODULE", help="The settings module (default: as manage.py / pytest config say).")
@click.option("--all-warnings", is_flag=True, help="Report every warning, not only deprecations.")
@click.option("--allow-test-failures", is_flag=True, help="A failing test command does not change the exit code.")
@click.option("-q", "--quiet", is_flag=True, help="Do not stream the test command's output.")
@click.option("--merge", "merge_flag", is_flag=True,
              help="--merge A.json B.json ...: one fleet dashboard from many repositories' report (and plan) JSON "
                   "(--format markdown/html/json; docs/dashboard.md).")
@click.pass_context
def command(ctx, project_dir, python, fmt, outputs, from_log, baseline, write_baseline_path, fail_on, from_version,
            settings, all_warnings, allow_test_failures, quiet, merge_flag=False):
    """Run the tests with every warning on and report the deprecations (see docs/report.md).

    \b
    django-upgrade report                       # detected test command, text report
    django-upgrade report . -- pytest -n 4      # your own command
    django-upgrade report --from-log ci.log --format github
    django-upgrade report --output sarif=dep.sarif --output junit=dep.xml --baseline .dep-baseline.json
    """
    from release_data import load

    if merge_flag or "dua_merge" in ctx.meta:
        _merge(ctx, ctx.meta.get("dua_merge") or [], fmt, outputs, load())
    test_words = ctx.meta.get("dua_test_command")
    output_specs = _parse_outputs(outputs)
    if from_version:
        versions.parse(from_version)  # bad --from: exit 2 before the suite runs, not after
    project = open_project(project_dir, python, settings)
    config = project.config
    fail_on = config.pick(fail_on, "fail-on")
    baseline = baseline or (config.get("baseline") if config.get("baseline") and
                            (project.dir / config["baseline"]).is_file() else None)
    if baseline and not Path(baseline).is_absolute() and not Path(baseline).exists():
        baseline = str(project.dir / baseline)
    if fail_on is None:
        fail_on = "new" if baseline else "none"
    if fail_on not in FAIL_ON:
        raise UsageError(f"fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    if from_log and test_words:
        raise UsageError("give either --from-log or a command after --, not both")
    settings = config.pick(settings, "settings")
    data = load()
    entries = read_baseline(baseline) if baseline else None  # bad baseline: exit 2 before running tests

    run = None
    python_path = None
    django_version = None
    if from_log:
        if from_log == "-":
            text = sys.stdin.read()
        else:
            try:
                text = Path(from_log).read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                raise UsageError(f"cannot read log {from_log}: {exc.strerror or exc}") from None
        records = parse_log(text)
        if not records and not _has_test_results(text):
            where = "stdin" if from_log == "-" else from_log
            raise UsageError(f"no test results and no warnings in the log {where}: give the output of the "
                             "test command (run with python -Wa), e.g. the CI job's log")
        probe = project.try_probe()
        tools_own = probe is not None and probe.interpreter.source in NOT_THE_PROJECTS and is_tool_environment(probe)
        if probe is not None and not tools_own:
            python_path = probe.interpreter.path
        try:
            # the interpreter's Django, unless it is merely a python on PATH that disagrees with the pins
            django_version = project.current_version().version
        except UsageError:
            if tools_own and not from_version:
                raise  # never the tool's own Django: the error says to pass --python
            django_version = None
    else:
        from upgrader import testrun

        probe = project.probe
        python_path = probe.interpreter.path
        django_version = probe.django
        if not django_version:
            raise UsageError(f"no Django importable by {python_path}; pass --python PATH")
        project.test_words = test_words or None  # (given after --: detect_test_command takes it first)
        argv = testrun.detect_test_command(project).argv
        if not quiet and fmt != "json":
            click.echo(f"django-upgrade: running {' '.join(argv)}", err=True)
        # --settings / [tool.django-upgrade] settings: the suite runs with it too (manage.py's setdefault
        # and pytest-django both let DJANGO_SETTINGS_MODULE from the environment win over their default).
        run_env = dict(os.environ, DJANGO_SETTINGS_MODULE=str(settings)) if settings else None
        run = testrun.run_with_harvester(project, argv, stream=not quiet, env=run_env)
        records = run.warnings
        if run.tool_error:  # the tool failed, not the project: never a report of "0 warnings"
            raise UpgradeError(f"the warning harvester failed, the report would be incomplete: {run.tool_error}",
                               exit_code=70)

    if from_version:
        django_version = from_version
    elif django_version is None and fail_on == "next":
        try:
            django_version = project.current_version().version
        except UsageError:
            raise UsageError("--fail-on next needs the project's Django version: pass --from X.Y "
                              "or --python PATH (the project's interpreter)") from None
    next_release = data.next_feature(versions.feature(django_version)) if django_version else None

    groups = group(records, data, project_dir=project.dir, python=python_path, settings_module=settings,
                   all_warnings=all_warnings)
    comparison = compare(groups, entries) if entries is not None else None
    over = over_the_bar(groups, fail_on, next_release, comparison)
    exit_code = EXIT_PENDING if over else EXIT_OK
    if run is not None and run.returncode != 0 and not allow_test_failures:
        exit_code = EXIT_TESTS_FAILED
    report = build_report(
        groups, project_dir=project.dir, repo_root=_repo_root(project.dir), django_version=django_version,
        next_release=next_release, run=run, log_path=from_log, comparison=comparison, baseline_path=baseline,
        fail_on=fail_on, exit_code=exit_code, over=over,
        incompatible=_incompatible(data, django_version, run.failures if run else [], run, project.dir),
    )
    if write_baseline_path:
        n = write_baseline(write_baseline_path, groups)
        click.echo(f"django-upgrade: wrote baseline {write_baseline_path} ({n} entries)", err=True)
    for out_fmt, path in output_specs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # CI: --output sarif=reports/dep.sarif
            atomic.write_text(path, render(report, out_fmt))
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    click.echo(render(report, fmt), nl=False)
    ctx.exit(exit_code)
