"""The report and its renderers: text, json, markdown, github, sarif, junit.

JSON (``--format json``), schema ``django-upgrade-report`` version 1 - keys:
``schema``, ``version``, ``tool_version``, ``project``, ``django_version``, ``next_release``,
``source`` (``{"type": "run", "command": [...], "returncode", "passed", "failed", "errors", "skipped",
"duration", "failures": [{"test", "message", "kind", "incompatible": [ids]}]}`` or ``{"type": "log",
"path"}``), ``summary`` (``groups``, ``occurrences``, ``django_groups``, ``by_origin``, ``by_removed_in``,
``autofixable``, ``over_the_bar``), ``fail_on``, ``exit_code``, ``baseline`` (null or ``{"path", "new",
"known", "fixed": [entries]}``), ``groups`` (see ``WarningGroup.to_json``: ``key``, ``kind``, ``category``,
``category_qualified``, ``message``, ``file``, ``line``, ``origin``, ``distribution``,
``distribution_version``, ``count``, ``tests``, ``change``, ``old``, ``new``, ``change_category``,
``deprecated_in``, ``removed_in``, ``link``, ``codemods``, ``autofix``, ``check_id``, ``hint``,
``django_related``, ``attributed_from``, ``status``).
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from core import versions
from upgrader import __version__
from upgrader.render.markdown import cell as _md

FORMATS = ("text", "json", "markdown", "github", "sarif", "junit", "html")  # = render.registry.FORMATS["report"]
SCHEMA_VERSION = 1
FAIL_ON = ("new", "any", "next", "none")
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


@dataclass
class Report:
    groups: list
    project_dir: Path | None = None
    repo_root: Path | None = None
    django_version: str | None = None
    next_release: str | None = None
    run: object | None = None  # testrun.RunResult
    log_path: str | None = None
    comparison: object | None = None  # baseline.Comparison
    baseline_path: str | None = None
    fail_on: str = "none"
    exit_code: int = 0
    over: list = field(default_factory=list)
    incompatible: dict = field(default_factory=dict)  # failing test -> [incompatible change ids]


def over_the_bar(groups, fail_on: str, next_release: str | None, comparison=None) -> list:
    """The Django deprecation groups that make the exit code 1 under ``--fail-on``."""
    django = [g for g in groups if g.django_related]
    if fail_on == "none":
        return []
    if fail_on == "any":
        return django
    if fail_on == "new":
        return [g for g in django if comparison is None or g.status == "new"]
    if fail_on == "next":
        if not next_release:
            return []
        key = versions.feature_key(next_release)
        out = []
        for g in django:
            try:
                if g.removed_in and versions.feature_key(g.removed_in) <= key:
                    out.append(g)
            except Exception:
                continue
        return out
    raise ValueError(fail_on)


def build_report(groups, **kw) -> Report:
    return Report(groups=groups, **kw)


def _repo_relative(report: Report, g) -> str | None:
    """The group's file relative to the repository root (for annotations), None when outside it."""
    if not g.file or g.origin != "first-party" or report.project_dir is None:
        return None
    path = (report.project_dir / g.file).resolve()
    root = (report.repo_root or report.project_dir).resolve()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _where(g) -> str:
    if g.origin == "third-party":
        dist = f"{g.distribution} {g.distribution_version}" if g.distribution else "an installed package"
        return f"{dist} ({g.file}:{g.line})" if g.file else dist
    if g.origin == "django":
        return f"Django itself ({os.path.basename(g.file)}:{g.line})" if g.file else "Django itself"
    return g.location


def _title(g) -> str:
    if g.change_id:
        return f"{g.change_id}: {g.change_old} -> {g.change_new}" if g.change_new else g.change_id
    return g.category


def summary(report: Report) -> dict:
    groups = report.groups
    by_origin: dict = {}
    by_removed: dict = {}
    for g in groups:
        by_origin[g.origin] = by_origin.get(g.origin, 0) + g.count
        if g.django_related:
            k = g.removed_in or "unknown"
            by_removed[k] = by_removed.get(k, 0) + g.count
    return {
        "groups": len(groups),
        "occurrences": sum(g.count for g in groups),
        "django_groups": sum(1 for g in groups if g.django_related),
        "by_origin": by_origin,
        "by_removed_in": by_removed,
        "autofixable": sum(1 for g in groups if g.codemods),
        "over_the_bar": len(report.over),
    }


def to_json(report: Report) -> dict:
    source = None
    run = report.run
    if run is not None:
        source = {
            "type": "run", "command": list(run.argv), "returncode": run.returncode, "passed": run.passed,
            "failed": run.failed, "errors": run.errors, "skipped": run.skipped, "duration": round(run.duration, 3),
            "failures": [{"test": f.test, "message": f.message, "kind": f.kind,
                          "incompatible": report.incompatible.get(f.test, [])} for f in run.failures],
        }
    elif report.log_path:
        source = {"type": "log", "path": report.log_path}
    baseline = None
    if report.comparison is not None:
        baseline = {"path": report.baseline_path, "new": len(report.comparison.new),
                    "known": len(report.comparison.known), "fixed": report.comparison.fixed}
    return {
        "schema": "django-upgrade-report",
        "version": SCHEMA_VERSION,
        "tool_version": __version__,
        "project": str(report.project_dir) if report.project_dir else None,
        "django_version": report.django_version,
        "next_release": report.next_release,
        "source": source,
        "summary": summary(report),
        "fail_on": report.fail_on,
        "exit_code": report.exit_code,
        "baseline": baseline,
        "groups": [g.to_json() for g in report.groups],
    }


TAIL_SHOWN = 12


def render_text(report: Report) -> str:
    out = []
    s = summary(report)
    head = f"Deprecation report: {s['groups']} group(s), {s['occurrences']} occurrence(s)"
    if report.django_version:
        head += f" on Django {report.django_version}"
    out.append(head)
    run = report.run
    if run is not None:
        counts = ", ".join(f"{n} {k}" for k, n in (("passed", run.passed), ("failed", run.failed),
                                                    ("errors", run.errors), ("skipped", run.skipped)) if n is not None)
        out.append(f"Test command exited {run.returncode}" + (f" ({counts})" if counts else ""))
        for f in run.failures[:20]:
            extra = report.incompatible.get(f.test)
            out.append(f"  {f.kind.upper()}: {f.test}: {f.message.splitlines()[0] if f.message else ''}"
                       + (f"  [maybe: {', '.join(extra)}]" if extra else ""))
        if run.returncode != 0 and not run.failures and run.passed is None:
            # The command failed before any test summary (settings that do not import, a collection
            # error, a missing plugin): show why, or a -q run says nothing at all.
            tail = [ln.rstrip() for ln in (run.output_tail or "").splitlines() if ln.strip()][-TAIL_SHOWN:]
            if tail:
                out.append("  no test summary; the command's last output:")
                out += [f"    {ln}" for ln in tail]
    if report.comparison is not None:
        c = report.comparison
        out.append(f"Baseline {report.baseline_path}: {len(c.new)} new, {len(c.known)} known, {len(c.fixed)} fixed")
    sections = (("Django deprecations", [g for g in report.groups if g.django_related]),
                ("Other deprecations", [g for g in report.groups if not g.django_related]))
    for title, groups in sections:
        if not groups:
            continue
        out.append("")
        out.append(f"{title}:")
        for g in groups:
            tag = f"[{g.status}] " if g.status == "new" else ""
            breaks = f"breaks in {g.removed_in}" if g.removed_in else "removal unknown"
            out.append(f"  {tag}{_where(g)}: {g.category} x{g.count} ({breaks}, {g.origin})")
            out.append(f"      {g.message.splitlines()[0] if g.message else ''}")
            if g.change_id:
                out.append(f"      change: {g.change_id}" + (f" -> {g.change_new}" if g.change_new else ""))
            if g.codemods:
                out.append(f"      autofix: django-upgrade fix (codemod {', '.join(g.codemods)})")
            if g.attributed_from:
                out.append(f"      (warning pointed at {g.attributed_from})")
            if g.hint:
                out.append(f"      hint: {g.hint}")
            if g.tests:
                out.append(f"      e.g. in {g.tests[0]}" + (f" (+{len(g.tests) - 1} more)" if len(g.tests) > 1 else ""))
    if report.comparison is not None and report.comparison.fixed:
        out.append("")
        out.append("Fixed since the baseline:")
        for e in report.comparison.fixed:
            out.append(f"  {e.get('file') or '-'}: {e.get('change') or e.get('category')}: {e.get('message', '')}")
    out.append("")
    out.append(f"fail-on {report.fail_on}: {len(report.over)} group(s) over the bar; exit {report.exit_code}")
    return "\n".join(out) + "\n"




def render_markdown(report: Report) -> str:
    s = summary(report)
    out = ["## Django deprecation report", ""]
    line = f"**{s['groups']}** warning group(s), **{s['occurrences']}** occurrence(s)"
    if report.django_version:
        line += f" on Django {report.django_version}"
    out.append(line + ".")
    if report.run is not None:
        r = report.run
        out.append(f"Test command exited **{r.returncode}**: {r.passed} passed, {r.failed} failed, {r.errors} errors, "
                   f"{r.skipped} skipped.")
    if report.comparison is not None:
        c = report.comparison
        out.append(f"Baseline: **{len(c.new)} new**, {len(c.known)} known, {len(c.fixed)} fixed.")
    out.append("")
    if report.groups:
        out.append("| | Where | Warning | Breaks in | Change | Autofix | Count |")
        out.append("|---|---|---|---|---|---|---|")
        for g in report.groups:
            mark = "🆕" if g.status == "new" else ("⚠️" if g.django_related else "")
            change = f"[{g.change_id}]({g.link})" if g.change_id and g.link else (g.change_id or "")
            out.append(f"| {mark} | `{_md(_where(g))}` | {_md(g.category)}: {_md(g.message.splitlines()[0] if g.message else '')} "
                       f"| {g.removed_in or '?'} | {change} | {'yes' if g.codemods else ''} | {g.count} |")
    else:
        out.append("No deprecation warnings. 🎉")
    out.append("")
    out.append(f"`--fail-on {report.fail_on}`: {len(report.over)} over the bar (exit {report.exit_code}).")
    return "\n".join(out) + "\n"


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    out = []
    over = {id(g) for g in report.over}
    for g in report.groups:
        level = "error" if id(g) in over else "warning"
        props = []
        rel = _repo_relative(report, g)
        if rel:
            props.append(f"file={_gh_escape_prop(rel)}")
            if g.line:
                props.append(f"line={g.line}")
        breaks = f" (breaks in Django {g.removed_in})" if g.removed_in else ""
        props.append(f"title={_gh_escape_prop(g.category + breaks)}")
        msg = g.message
        if not rel:
            msg = f"{_where(g)}: {msg}"
        if g.codemods:
            msg += f"\nFix: django-upgrade fix (codemod {', '.join(g.codemods)})"
        out.append(f"::{level} {','.join(props)}::{_gh_escape_data(msg)}")
    return "\n".join(out) + ("\n" if out else "")


def render_sarif(report: Report) -> str:
    rules, rule_index, results, notes = [], {}, [], []
    over = {id(g) for g in report.over}
    for g in report.groups:
        rule_id = g.change_id or g.check_id or g.category
        if rule_id not in rule_index:
            rule_index[rule_id] = len(rules)
            rule = {
                "id": rule_id,
                "name": "".join(p.capitalize() for p in rule_id.replace(".", "-").replace("_", "-").split("-")),
                "shortDescription": {"text": (f"{g.change_old} is deprecated" if g.change_old else g.category)[:1000]},
                "fullDescription": {"text": g.message[:4000] or g.category},
                "defaultConfiguration": {"level": "warning"},
                "properties": {"tags": ["deprecation", "django"] if g.django_related else ["deprecation"]},
            }
            if g.link:
                rule["helpUri"] = g.link
            if g.change_new:
                rule["help"] = {"text": f"Use {g.change_new} instead."}
            rules.append(rule)
        rel = _repo_relative(report, g)
        text = g.message or g.category
        if g.removed_in:
            text += f" (breaks in Django {g.removed_in})"
        props = {"count": g.count, "origin": g.origin, "removedIn": g.removed_in, "tests": g.tests,
                 "autofix": bool(g.codemods), "codemods": g.codemods, "status": g.status}
        if rel:
            results.append({
                "ruleId": rule_id,
                "ruleIndex": rule_index[rule_id],
                "level": "error" if id(g) in over else "warning",
                "message": {"text": text},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": rel, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(1, g.line or 1)},
                }}],
                "partialFingerprints": {"djangoUpgradeKey/v1": g.key},
                "properties": props,
            })
        else:
            notes.append({"level": "warning", "message": {"text": f"{_where(g)}: {text}"},
                          "descriptor": {"id": rule_id}, "properties": props})
    root = (report.repo_root or report.project_dir)
    run = {
        "tool": {"driver": {"name": "django-upgrade", "version": __version__,
                            "informationUri": "https://pypi.org/project/django-upgrade-assistant/", "rules": rules}},
        "results": results,
        "invocations": [{"executionSuccessful": report.run is None or report.run.returncode == 0,
                         "toolExecutionNotifications": notes}],
    }
    if root is not None:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": Path(root).resolve().as_uri() + "/"}}
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2) + "\n"


def render_junit(report: Report) -> str:
    over = {id(g) for g in report.over}
    suite = ET.Element("testsuite", name="django-upgrade deprecations", tests=str(len(report.groups)),
                       failures=str(sum(1 for g in report.groups if id(g) in over)), errors="0", skipped="0")
    for g in report.groups:
        case = ET.SubElement(suite, "testcase", classname=f"django_upgrade.{g.origin.replace('-', '_')}",
                             name=f"{_title(g)} at {_where(g)}", file=g.file or "", line=str(g.line or 0))
        detail = (f"{g.category}: {g.message}\nremoved in: {g.removed_in or '?'}\ncount: {g.count}\n"
                  f"tests: {', '.join(g.tests)}\n" + (f"fix: django-upgrade fix ({', '.join(g.codemods)})\n" if g.codemods else ""))
        if id(g) in over:
            f = ET.SubElement(case, "failure", message=(g.message.splitlines()[0] if g.message else g.category)[:500],
                              type=g.category)
            f.text = detail
        else:
            so = ET.SubElement(case, "system-out")
            so.text = detail
    suites = ET.Element("testsuites", name="django-upgrade", tests=suite.get("tests"), failures=suite.get("failures"))
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def render(report: Report, fmt: str) -> str:
    """Any report format, through the one renderer registry (``upgrader.render.registry``)."""
    from upgrader.render import registry

    return registry.render("report", fmt, report)
