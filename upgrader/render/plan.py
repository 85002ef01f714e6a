"""Renderers of a :class:`upgrader.planner.Plan`: text (one block per step), Markdown, CI matrix.

Each step may carry ``dependencies`` (filled in by the third-party check): a list of dicts with at
least ``name`` and ``status`` and optionally ``version``/``message``; the renderers show them when
present and say nothing otherwise.
"""

from __future__ import annotations

import json

import click

from upgrader.plan.target import python_span
from upgrader.planner import Plan, Step, plan_to_json, plan_to_matrix
from upgrader.render.markdown import cell as _md_escape
from upgrader.render.markdown import mermaid_timeline

MAX_OCCURRENCES_TEXT = 8


def _style(text: str, colour: bool, **kw) -> str:
    return click.style(text, **kw) if colour else text


def _python_line(step: Step, plan: Plan) -> str:
    pys = ", ".join(step.python) if step.python else "not announced"
    if step.python_ok is True:
        verdict = f"ok: runs on Python {plan.python}"
    elif step.python_ok is False:
        verdict = f"NOT on Python {plan.python}"
    elif plan.python and not step.python:
        verdict = "unknown"
    else:
        verdict = "project Python unknown (use --python or --python-version)"
    return f"Python {pys} ({verdict})"


def _older_python_hint(step: Step, plan: Plan) -> str:
    """A release that supports only Pythons older than the project's: no advice to move back."""
    return (f"Django {step.to} supports only Python {python_span(step.python)}, older than the project's "
            f"{plan.python}: take this step on Python {step.python[-1]} in CI, or go past it (--via lts)")


def fix_label(rc) -> str:
    """How a removed change's occurrences get fixed: by which codemod, how many by hand."""
    auto = sorted({o.fixable_by for o in rc.occurrences if getattr(o, "fixable_by", None)})
    n_auto = sum(1 for o in rc.occurrences if getattr(o, "fixable_by", None))
    n_hand = len(rc.occurrences) - n_auto
    if not n_hand:
        return f"autofix: {', '.join(auto)}"
    if not n_auto:
        return "fix by hand" + (f" (not covered by {', '.join(rc.autofix)})" if rc.autofix else "")
    return f"{n_auto} autofix: {', '.join(auto)}, {n_hand} by hand"


def _by_hand_mark(rc, occ) -> str:
    if getattr(occ, "fixable_by", None) or not rc.autofix:
        return ""
    reason = getattr(occ, "reason", None)
    return f"  [by hand: {reason}]" if reason and reason != "by hand" else "  [by hand]"


def no_trace(step) -> list[tuple[str, list[str]]]:
    """(reason, change ids) for the removals that leave no trace in code (release data says why)."""
    groups: dict[str, list[str]] = {}
    for rc in step.removed:
        if not rc.scanned and not rc.occurrences:
            reason = rc.undetectable_reason or "no detector yet: check by hand / run the tests with -Wa"
            groups.setdefault(reason, []).append(rc.id)
    return [(r, ids) for r, ids in groups.items()]


def render_text(plan: Plan, colour: bool = False) -> str:
    lines: list[str] = []
    head = f"Django {plan.current} -> {plan.target}"
    lines.append(_style(head, colour, bold=True))
    lines.append(f"  current: {plan.current} (from {plan.current_source}); {plan.support_current.message}")
    if plan.target_feature != plan.current_feature:
        lines.append(f"  target:  {plan.target}; {plan.support_target.message}")
    if plan.python:
        lines.append(f"  python:  {plan.python}" + (f" ({plan.python_source})" if plan.python_source else ""))
    kind = getattr(plan, "project_kind", None)  # upgrader.pins.kind.ProjectKind, set by the plan command
    if kind is not None:
        lines.append(f"  kind:    {kind.kind} ({kind.reason})")
    if plan.data_source != "embedded":
        lines.append(f"  release data: {plan.data_source}")
    if plan.up_to_date:
        lines.append("")
        lines.append(_style(plan.message or "nothing to do", colour, fg="green"))
        return "\n".join(lines) + "\n"
    lines.append(f"  {plan.message}" + (" (via LTS releases)" if plan.via == "lts" else ""))
    for i, step in enumerate(plan.steps, 1):
        lines.append("")
        tags = []
        if step.lts:
            tags.append("LTS")
        if step.prerelease:
            tags.append("pre-release")
        if step.kind == "patch":
            tags.append("patch")
        tag = f" [{', '.join(tags)}]" if tags else ""
        lines.append(_style(f"Step {i}: Django {step.to}{tag}", colour, bold=True, fg="cyan"))
        if step.notes:
            lines.append(f"  {step.notes}")
        py_line = _python_line(step, plan)
        lines.append("  " + (_style(py_line, colour, fg="red") if step.python_ok is False else py_line))
        if step.python_advice:
            lines.append("  " + _style(f"! {step.python_advice.message}", colour, fg="yellow"))
        elif step.python_ok is False and step.python:
            lines.append("  " + _style(f"! {_older_python_hint(step, plan)}", colour, fg="yellow"))
        if step.hop:
            fg = "green" if step.hop.safe else "yellow"
            lines.append("  " + _style(f"hop: {step.hop.message}", colour, fg=fg))
        elif step.skipped:
            lines.append(f"  skips: {', '.join(step.skipped)}")
        if step.kind == "feature":
            found = [rc for rc in step.removed if rc.occurrences]
            lines.append(
                f"  removes {len(step.removed)} deprecated feature(s); "
                f"{len(found)} used in this project"
            )
            for rc in found:
                lines.append(
                    "  - " + _style(rc.id, colour, bold=True)
                    + f" ({len(rc.occurrences)}x, {fix_label(rc)}): {rc.old} -> {rc.new}"
                )
                if rc.manual_because:
                    lines.append(f"      by hand, a decision: {rc.manual_because}")
                for occ in rc.occurrences[:MAX_OCCURRENCES_TEXT]:
                    lines.append(f"      {occ.file}:{occ.line}: {occ.text}{_by_hand_mark(rc, occ)}")
                if len(rc.occurrences) > MAX_OCCURRENCES_TEXT:
                    lines.append(f"      ... and {len(rc.occurrences) - MAX_OCCURRENCES_TEXT} more")
            for reason, ids in no_trace(step):
                lines.append(f"  no trace in the code ({', '.join(ids)}): {reason}")
            for inc in step.incompatible:
                lines.append(f"  * backwards-incompatible ({inc['release']}): {inc['summary']}")
                if inc.get("occurrences"):  # will behave differently here (upgrader/behaviour.py)
                    fix = inc.get("fix") or {}
                    how = f"codemod {fix['codemod']}" if fix.get("codemod") else "by hand"
                    lines.append(f"    will behave differently here ({len(inc['occurrences'])}x, {how}):")
                    for occ in inc["occurrences"][:MAX_OCCURRENCES_TEXT]:
                        lines.append(f"      {occ['file']}:{occ['line']}: {occ['text']}")
        if step.dependencies:
            from upgrader.deps import render as deps_render  # the third-party check's table

            lines.append(f"  dependencies ({deps_render.summary(step.dependencies)}):")
            lines += deps_render.text_table(step.dependencies, indent="    ")
    if plan.scan_errors:
        lines.append("")
        for err in plan.scan_errors:
            lines.append(_style(f"could not scan {err['file']}: {err['error']}", colour, fg="yellow"))
        from core.pysource import newer_python_hint

        hint = newer_python_hint([err["error"] for err in plan.scan_errors], plan.python)
        if hint:
            lines.append(_style(hint, colour, fg="yellow"))
    return "\n".join(lines) + "\n"




def render_markdown(plan: Plan) -> str:
    out: list[str] = []
    out.append(f"## Django upgrade plan: {plan.current} → {plan.target}")
    out.append("")
    out.append(f"- **Current:** {plan.current} (from {plan.current_source}) — {plan.support_current.message}")
    out.append(f"- **Target:** {plan.target} — {plan.support_target.message}")
    if plan.python:
        out.append(f"- **Python:** {plan.python}")
    if getattr(plan, "project_kind", None) is not None:
        out.append(f"- **Kind:** {plan.project_kind.kind} ({_md_escape(plan.project_kind.reason)})")
    if plan.via == "lts":
        out.append("- **Path:** LTS to LTS")
    out.append("")
    if plan.up_to_date:
        out.append(plan.message or "Nothing to do.")
        return "\n".join(out) + "\n"
    timeline = mermaid_timeline(plan_to_json(plan))
    if timeline:
        out += timeline + [""]
    out.append("| # | Django | Python | Python ok | Removed | Found here | Autofix |")
    out.append("|---|---|---|---|---|---|---|")
    for i, s in enumerate(plan.steps, 1):
        found = sum(len(rc.occurrences) for rc in s.removed)
        auto = sum(1 for rc in s.removed for o in rc.occurrences if getattr(o, "fixable_by", None))
        ok = {True: "yes", False: "**no**", None: "?"}[s.python_ok]
        lts = " (LTS)" if s.lts else ""
        out.append(
            f"| {i} | {s.to}{lts} | {', '.join(s.python) or '?'} | {ok} | {len(s.removed)} | {found} | {auto} |"
        )
    for i, s in enumerate(plan.steps, 1):
        out.append("")
        out.append(f"### Step {i}: Django {s.to}")
        if s.notes:
            out.append(f"_{s.notes}_")
        if s.python_advice:
            out.append(f"> **Python:** {s.python_advice.message}")
        if s.hop:
            out.append(f"> **LTS hop:** {s.hop.message}")
        found = [rc for rc in s.removed if rc.occurrences]
        if found:
            out.append("")
            for rc in found:
                out.append(f"- [ ] `{_md_escape(rc.id)}` ({len(rc.occurrences)}×, {_md_escape(fix_label(rc))}): "
                           f"{_md_escape(rc.old)} → {_md_escape(rc.new)}")
                if rc.manual_because:
                    out.append(f"  - by hand, a decision: {_md_escape(rc.manual_because)}")
                for occ in rc.occurrences[:20]:
                    out.append(f"  - `{occ.file}:{occ.line}`{_md_escape(_by_hand_mark(rc, occ))}")
        elif s.kind == "feature":
            out.append("")
            out.append("No use of the removed APIs found by the static scan.")
        if s.incompatible:
            out.append("")
            out.append("Backwards-incompatible changes to check:")
            for inc in s.incompatible:
                out.append(f"- {_md_escape(inc['summary'])}")
                for occ in (inc.get("occurrences") or [])[:20]:  # will behave differently here
                    out.append(f"  - `{occ['file']}:{occ['line']}`")
        if s.dependencies:
            from upgrader.deps import render as deps_render  # the third-party check's table

            out.append("")
            out.append(f"Dependencies ({deps_render.summary(s.dependencies)}):")
            out.append("")
            out += deps_render.markdown_table(s.dependencies)
    return "\n".join(out) + "\n"


def render_matrix(plan: Plan) -> str:
    return json.dumps(plan_to_matrix(plan))
