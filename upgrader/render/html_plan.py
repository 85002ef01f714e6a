"""``plan --format html``: the upgrade path as one self-contained page, built from the plan's JSON.

The timeline shows the current release and every step's release with its support windows
(mainstream / extended, from release_data), today marked, the Python each step needs and its status
(current / next / blocked / later). Per step: the removals found in this project (file:line, link to
the release notes), what the codemods fix, behaviour changes (``incompatible`` and, when present,
``behaviour``), and the dependency verdicts with the release that fixes them.
"""

from __future__ import annotations

import datetime as _dt

from upgrader.render import html as H
from upgrader.render.markdown import step_status

MAX_OCCURRENCES = 50


def _today(plan: dict) -> _dt.date:
    try:
        return _dt.date.fromisoformat(plan.get("today") or "")
    except ValueError:
        return _dt.date.today()


def _python_span(py: list) -> str:
    return f"{py[0]}–{py[-1]}" if len(py) > 1 else (py[0] if py else "?")


def timeline_rows(plan: dict, data) -> list[dict]:
    cur = plan.get("current_feature") or plan.get("current")
    rows = [H.release_row(data, cur, f"{plan.get('current')} (now)", "current", plan.get("python"))]
    for i, s in enumerate(plan.get("steps") or []):
        label = f"{s.get('to')}" + (" LTS" if s.get("lts") else "")
        rows.append(H.release_row(data, s.get("feature_release") or s.get("to"), label, step_status(s, i),
                                  _python_span(s.get("python") or [])))
    return rows


def _removed(step: dict) -> str:
    found = [rc for rc in step.get("removed") or [] if rc.get("occurrences")]
    if not found:
        if step.get("kind") == "feature":
            return '<p class="muted">No use of the APIs this release removes was found by the static scan.</p>'
        return ""
    rows = []
    for rc in found:
        occ = rc.get("occurrences") or []
        where = "<br>".join(f"<code>{H.e(o.get('file'))}:{H.e(o.get('line'))}</code>" for o in occ[:MAX_OCCURRENCES])
        if len(occ) > MAX_OCCURRENCES:
            where += f"<br>… and {len(occ) - MAX_OCCURRENCES} more"
        fix = (H.badge("codemod", "ok") + " " + ", ".join(f"<code>{H.e(c)}</code>" for c in rc["autofix"])
               if rc.get("autofix") else H.badge("by hand", "known"))
        if rc.get("manual_because"):
            fix += f'<div class="muted">a decision: {H.e(rc["manual_because"])}</div>'
        rows.append([
            H.link(rc.get("id"), rc.get("link")) + f'<div class="muted">{H.e(rc.get("old"))} → {H.e(rc.get("new"))}</div>',
            str(len(occ)), fix, where,
        ])
    return "<h3>Removed APIs used here</h3>" + H.table(["Change", "Uses", "Fix", "Where"], rows, numeric={1})


def _behaviour_item(it: dict) -> str:
    text = it.get("summary") or it.get("title") or it.get("message") or it.get("id")
    where = it.get("occurrences") or it.get("where") or []
    extra = ""
    if isinstance(where, list) and where:
        extra = "<br>" + ", ".join(f"<code>{H.e(w.get('file'))}:{H.e(w.get('line'))}</code>" if isinstance(w, dict)
                                   else f"<code>{H.e(w)}</code>" for w in where[:20])
    fix = it.get("fix")
    if isinstance(fix, dict) and fix.get("codemod"):
        extra += f'<div class="muted">fix: {H.badge("codemod", "ok")} <code>{H.e(fix["codemod"])}</code></div>'
    elif isinstance(fix, dict) and fix.get("recipe") and fix["recipe"] != text:
        extra += f'<div class="muted">fix: {H.e(fix["recipe"])}</div>'
    elif isinstance(fix, str) and fix:
        extra += f'<div class="muted">fix: {H.e(fix)}</div>'
    return f"<li>{H.link(text, it.get('link'))}{extra}</li>"


def _behaviour(step: dict) -> str:
    """Behaviour changes: those found in this project's code first (file:line, fix), the rest folded."""
    items = [i if isinstance(i, dict) else {"summary": str(i)} for i in
             [*(step.get("incompatible") or []), *(step.get("behaviour") or [])]]
    if not items:
        return ""
    found = [i for i in items if i.get("occurrences")]  # ("detected": a detector exists, not a find)
    rest = [i for i in items if i not in found]
    out = ""
    if found:
        out += (f'<h3>Behaviour changes this code hits <span data-figure="behaviour-found">{len(found)}</span></h3>'
                f'<ul class="plain">{"".join(_behaviour_item(i) for i in found)}</ul>')
    if rest:
        out += (f"<details><summary>Other behaviour changes to check ({len(rest)})</summary>"
                f'<ul class="plain">{"".join(_behaviour_item(i) for i in rest)}</ul></details>')
    return out


def _dependencies(step: dict) -> str:
    deps = step.get("dependencies") or []
    if not deps:
        return ""
    rows = []
    for d in deps:
        verdict = d.get("verdict") or d.get("status") or "unknown"
        status = {"yes": "ok", "ok": "ok", "blocked": "blocked"}.get(verdict, "known")
        fix = H.e(d.get("suggest") or "–")
        if d.get("suggest") and d.get("move"):
            fix += f' <span class="muted">({"upgrade first" if d.get("move") == "first" else "with Django"})</span>'
        rows.append([f"<code>{H.e(d.get('name'))}</code>", H.e(d.get("version") or "?"), H.badge(verdict, status), fix,
                     H.e(d.get("reason") or d.get("message") or "")])
    return "<h3>Dependencies</h3>" + H.table(["Package", "Installed", "Verdict", "Fixed in", "Why"], rows)


def _step(i: int, step: dict, plan: dict) -> str:
    status = step_status(step, i - 1)
    found = [rc for rc in step.get("removed") or [] if rc.get("occurrences")]
    uses = sum(len(rc["occurrences"]) for rc in found)
    auto = sum(len(rc["occurrences"]) for rc in found if rc.get("autofix"))
    head = (f'<h2>Step {i}: Django {H.e(step.get("to"))}{" LTS" if step.get("lts") else ""} {H.badge(status)}</h2>')
    py = step.get("python") or []
    ok = {True: H.badge("runs on the project's Python", "ok"), False: H.badge(f"not on Python {plan.get('python')}", "blocked"),
          None: '<span class="muted">project Python unknown</span>'}[step.get("python_ok")]
    lines = [f"<p>Python {H.e(', '.join(py) or 'not announced')} {ok}</p>"]
    if step.get("python_advice"):
        lines.append(f"<p>⚠ {H.e(step['python_advice'].get('message'))}</p>")
    if step.get("hop"):
        lines.append(f"<p>LTS hop: {H.e(step['hop'].get('message'))}</p>")
    if step.get("notes"):
        lines.append(f'<p class="muted">{H.e(step["notes"])}</p>')
    lines.append(H.figures([
        (f"step{i}-removed", "removed in this release", len(step.get("removed") or [])),
        (f"step{i}-uses", "uses found here", uses),
        (f"step{i}-autofix", "fixed by codemods", auto),
    ]))
    lines += [_removed(step), _behaviour(step), _dependencies(step)]
    return f'<section class="card" id="step-{i}" data-step="{H.e(step.get("to"))}" data-status="{status}">{head}{"".join(lines)}</section>'


def render_plan_html(plan: dict, data=None) -> str:
    """The page for one plan JSON document (``planner.plan_to_json``)."""
    if data is None:
        import release_data

        data = release_data.load()
    summary = plan.get("summary") or {}
    today = _today(plan)
    title = f"Django upgrade plan: {plan.get('current')} → {plan.get('target')}"
    support = plan.get("support") or {}
    cur, tgt = support.get("current") or {}, support.get("target") or {}
    head = H.figures([
        ("current", "current Django", plan.get("current")),
        ("target", "target", plan.get("target")),
        ("steps", "steps", summary.get("steps", len(plan.get("steps") or []))),
        ("occurrences", "uses of removed APIs", summary.get("occurrences", 0)),
        ("autofixable", "fixed by codemods", summary.get("autofixable_occurrences", 0)),
        ("files", "files scanned", summary.get("files_scanned", 0)),
    ])
    facts = (f'<p>{H.badge(cur.get("status") or "unknown")} {H.e(cur.get("message"))}</p>'
             f'<p>{H.badge(tgt.get("status") or "unknown")} {H.e(tgt.get("message"))}</p>'
             f'<p class="muted">current from {H.e(plan.get("current_source"))}'
             + (f"; Python {H.e(plan.get('python'))} ({H.e(plan.get('python_source'))})" if plan.get("python") else "")
             + "</p>")
    body = [H.section("Summary", head + facts, "summary")]
    if plan.get("up_to_date"):
        body.append(H.section("Nothing to do", f"<p>{H.e(plan.get('message'))}</p>"))
    else:
        body.append(H.section("The path", H.support_timeline(timeline_rows(plan, data), today), "timeline"))
        body += [_step(i, s, plan) for i, s in enumerate(plan.get("steps") or [], 1)]
    errors = plan.get("scan_errors") or []
    if errors:
        body.append(H.section("Files that could not be scanned",
                              '<ul class="plain">' + "".join(f"<li><code>{H.e(x.get('file'))}</code>: {H.e(x.get('error'))}</li>"
                                                             for x in errors) + "</ul>"))
    return H.page(title, f"{plan.get('project') or ''} · {plan.get('message') or ''}", "".join(body), "plan")
