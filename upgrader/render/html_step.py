"""The step report as one self-contained page: ``render_step_html(step_report_json) -> str``.

Built from the step report's JSON (``StepReport.to_json``, docs/step.md), so it reads every key with
``.get`` and shows what is there: the outcome, the test runs before/after, warnings, codemods, pins,
checks, caches, and what is left by hand (each with file:line when the JSON has it).
"""

from __future__ import annotations

from upgrader.render import html as H

STATUS = {"ok": "done", "dry-run": "next", "nothing-to-do": "done"}


def _kv_table(d: dict) -> str:
    rows = [[f"<code>{H.e(k)}</code>", H.e(v if not isinstance(v, (dict, list)) else _short(v))] for k, v in d.items()]
    return H.table(["", ""], rows) if rows else ""


def _short(v) -> str:
    if isinstance(v, list):
        return f"{len(v)} item(s)"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {v[k]}" for k in list(v)[:6] if not isinstance(v[k], (dict, list)))
    return str(v)


def _item(x) -> str:
    """One left-by-hand entry: its title, its place(s), its link."""
    if not isinstance(x, dict):
        return f"<li>{H.e(x)}</li>"
    title = x.get("summary") or x.get("message") or x.get("old") or x.get("test") or x.get("change") or x.get("id") or x.get("command") or _short(x)
    ident = x.get("id") or x.get("change")
    head = (f"<code>{H.e(ident)}</code> " if ident and ident != title else "") + H.link(title, x.get("link"))
    places = x.get("occurrences") or x.get("where") or []
    if x.get("file"):
        places = [{"file": x.get("file"), "line": x.get("line")}, *places] if isinstance(places, list) else places
    where = ""
    if isinstance(places, list) and places:
        where = "<br>" + ", ".join(f"<code>{H.e(p.get('file'))}:{H.e(p.get('line'))}</code>" if isinstance(p, dict)
                                   else f"<code>{H.e(p)}</code>" for p in places[:20])
    elif isinstance(places, str):
        where = f"<br><code>{H.e(places)}</code>"
    return f"<li>{head}{where}</li>"


def render_step_html(step: dict) -> str:
    """The page for one step report JSON document."""
    status = step.get("status") or "unknown"
    title = f"Django upgrade step: {step.get('from')} → {step.get('to') or '?'}"
    left = step.get("left_by_hand") or {}
    left_count = sum(len(v) for v in left.values() if isinstance(v, list))
    warnings = step.get("warnings") or {}
    figs = [("status", "status", status), ("exit_code", "exit code", step.get("exit_code")),
            ("left_by_hand", "left by hand", left_count)]
    if warnings:
        figs += [("warnings_before", "warnings before", warnings.get("before")),
                 ("warnings_after", "warnings after", warnings.get("after"))]
    head = (H.figures(figs) + f"<p>{H.badge(status, STATUS.get(status, 'blocked' if step.get('exit_code') else 'next'))} "
            f"{H.e(step.get('message'))}</p>")
    if step.get("rollback"):
        head += f"<p class=\"muted\">undo: <code>{H.e(step['rollback'])}</code></p>"
    body = [H.section("Outcome", head, "outcome")]
    tests = step.get("tests") or {}
    if tests:
        rows = []
        for label, t in tests.items():
            t = t or {}
            rows.append([H.e(label), H.e(t.get("returncode", t.get("exit_code"))), H.e(t.get("passed")), H.e(t.get("failed")),
                         H.e(t.get("errors")), H.e(t.get("warnings", t.get("warning_count")) if not isinstance(t.get("warnings"), list) else len(t["warnings"]))])
        body.append(H.section("Test runs", H.table(["Run", "Exit", "Passed", "Failed", "Errors", "Warnings"], rows, numeric={1, 2, 3, 4, 5}), "tests"))
    if left:
        parts = []
        for key, items in left.items():
            if isinstance(items, list) and items:
                parts.append(f"<h3>{H.e(key.replace('_', ' '))} ({len(items)})</h3><ul class=\"plain\">"
                             + "".join(_item(x) for x in items[:200]) + "</ul>")
        body.append(H.section("Left by hand", "".join(parts) or "<p>Nothing. 🎉</p>", "left"))
    pins = step.get("pins") or []
    if pins:
        rows = [[f"<code>{H.e(p.get('file'))}:{H.e(p.get('line'))}</code>", f"<code>{H.e(p.get('old'))}</code>",
                 f"<code>{H.e(p.get('new'))}</code>"] for p in pins]
        body.append(H.section("Pins bumped", H.table(["Where", "Was", "Now"], rows), "pins"))
    codemods = step.get("codemods") or {}
    if codemods:
        body.append(H.section("Codemods", "".join(f"<h3>{H.e(k)}</h3>{_kv_table(v) if isinstance(v, dict) else H.e(v)}"
                                                  for k, v in codemods.items()), "codemods"))
    caches = step.get("caches") or []
    if caches or step.get("bytecode_removed") is not None:
        lis = "".join(_item(c if not isinstance(c, dict) else {"summary": _short(c)}) for c in caches)
        lis += f"<li>stale bytecode files removed: {H.e(step.get('bytecode_removed'))}</li>"
        body.append(H.section("Caches cleared", f'<ul class="plain">{lis}</ul>', "caches"))
    notes = step.get("notes") or []
    if notes:
        body.append(H.section("Notes", '<ul class="plain">' + "".join(_item(n) for n in notes) + "</ul>", "notes"))
    return H.page(title, f"{step.get('project') or ''} · Python {step.get('python') or '?'}", "".join(body), "step")
