"""The step report as text (stdout) and Markdown (``.django-upgrade/step-*.md``), from its JSON form.

    render_text(report, show_diff=False) -> str
    render_markdown(report) -> str
"""

from __future__ import annotations

import re
import textwrap

from upgrader.render.markdown import cell
from core.pysource import newer_python_hint


# ---------------------------------------------------------------------------------------- text
def _counts(t: dict | None) -> str:
    if not t:
        return "not run"
    if t["passed"] is None:
        return f"did not run to the end (exit {t['returncode']})"
    return (f"{t['passed']} passed, {t['failed']} failed, {t['errors']} errors, {t['skipped']} skipped; "
            f"{t['warnings']} warnings" + ("" if t["ok"] else f" (exit {t['returncode']})"))


def _check_line(m: dict) -> str:
    where = "" if m.get("object") in ("", "?", None) else f" {m['object']}"
    return f"{m['id']}{where}: {m['message']}"


def render_text(report, show_diff: bool = False) -> str:
    d = report.to_json()
    lines = []
    if d["status"] == "nothing-to-do":
        return d["message"] + "\n"
    if d["status"] == "red-baseline":
        return _render_refused(d)
    if d["status"] == "blocked":
        return f"Django {d['from']} -> {d['to']}: STEP REFUSED (nothing was changed)\n"
    head = f"Django {d['from']} -> {d['to']}" + (" (dry run: nothing was changed)" if d["dry_run"] else "")
    lines.append(head)
    lines.append("=" * len(head))
    if d["python_move"]:
        pm = d["python_move"]
        lines.append(f"Python {pm['from_python']} -> {pm['to_python']}: new virtualenv {pm['venv']}")
        lines.append(f"  suite on Django {pm['django']}, old Python: {_counts(pm['tests_old_python'])}")
        lines.append(f"  suite on Django {pm['django']}, new Python: {_counts(pm['tests_new_python'])}")
        if pm["broken_by_python"]:
            lines.append(f"  broken by the Python move: {', '.join(pm['broken_by_python'])}")
        lines.append(f"  from now on use: {pm['use']}")
    if d["planned"]:
        lines.append("Would do:")
        lines += [f"  - {p}" for p in d["planned"]]
    t = d["tests"]
    if t:
        lines.append("Tests:")
        for label in ("before", "after-fixes", "after"):
            if label in t:
                lines.append(f"  {label:<12} {_counts(t[label])}")
    for where in ("current", "target"):
        cm = d["codemods"].get(where)
        if not cm:
            continue
        on = d["from"] if where == "current" else d["to"]
        verb = "would change" if d["dry_run"] else "changed"
        for b in cm.get("blamed") or []:
            why = (f"a traceback frame is in {', '.join(b['files'][:3])}" if b["reason"] == "frame"
                   else "the failure passes with it left out")
            lines.append(f"Codemod {b['codemod']} UNDONE: broke {', '.join(b['tests'][:5])} ({why})")
        lines.append(f"Codemods on Django {on}: {', '.join(cm['applied']) or 'nothing to change'}"
                     + (f" ({verb} {len(cm['files'])} files)" if cm["files"] else "")
                     + (" - UNDONE: broke " + ", ".join(cm["broke"][:5]) if cm["undone"] else ""))
        for f in cm["files"]:
            lines.append(f"  {f['path']}: {', '.join(f['applied'])}")
        if cm["migrations_created"]:
            lines.append(f"  new migrations: {', '.join(cm['migrations_created'])}")
        for e in cm["errors"]:
            lines.append(f"  not rewritten: {e['path']}: {e['error']}")
        hint = newer_python_hint([e["error"] for e in cm["errors"]], (d["python_move"] or {}).get("to_python") or d["python"])
        if hint:
            lines.append(f"  {hint}")
        if show_diff:
            for f in cm["files"]:
                lines.append(f["diff"].rstrip("\n"))
    for where, mc in d["migrations_check"].items():
        lines.append(f"makemigrations --check on {where}: {migrations_check_line(mc)}")
    if d["pins"]:
        lines.append("Pins:")
        for p in d["pins"]:
            lines.append(f"  {p['file']}:{p['line']}: {p['old']} -> {p['new']}" + (f" ({p['note']})" if p["note"] else ""))
    for lk in d["locks"]:
        state = "regenerated" if lk["regenerated"] else f"run: {lk['command']}"
        lines.append(f"  lock {lk['path']}: {state}")
    dp = d.get("deps") or {}
    if dp.get("blocked") or (dp.get("upgraded") or {}).get("pins") or (dp.get("upgraded") or {}).get("install"):
        how = f"asked {dp['index']}" if dp.get("checked") == "index" else "from the installed metadata"
        lines.append(f"Dependencies ({how}):")
        for b in dp.get("blocked") or []:
            lines.append(f"  BLOCKED {b['name']} {b.get('version') or ''}: {b['message']}")
        up = dp.get("upgraded") or {}
        for p in up.get("pins") or []:
            lines.append(f"  {p['file']}:{p['line']}: {p['old']} -> {p['new']}")
        if up.get("install"):
            lines.append(f"  installed with Django: {' '.join(up['install'])}")
    if d["install"]:
        lines.append(f"Install: {'ok' if d['install']['ok'] else 'FAILED'} ({' '.join(d['install']['command'])})")
    env = d.get("environment") or {}
    for x in env.get("downgraded") or []:
        lines.append(f"  DOWNGRADED {x['name']} {x['before']} -> {x['after']}")
    for x in env.get("removed") or []:
        lines.append(f"  REMOVED {x['name']} {x['before']}")
    ch = d["checks"].get("changed")
    if ch:
        for key, label in (("check", "manage.py check"), ("deploy", "check --deploy")):
            new, gone = ch[key]["new"], ch[key]["resolved"]
            if ch[key].get("after_failed"):
                lines.append(f"{label}: did not run on {d['to']} (the project does not load; see the failures)")
                continue
            if ch[key].get("before_failed"):
                lines.append(f"{label}: did not run on {d['from']}; {len(new)} messages on {d['to']}")
            else:
                lines.append(f"{label}: {len(new)} new, {len(gone)} resolved since {d['from']}")
            lines += [f"  new: {_check_line(m)}" for m in new]
            lines += [f"  resolved: {_check_line(m)[:200]}" for m in gone]
    if d["caches"]:
        lines.append("Caches cleared:")
        for c in d["caches"]:
            where = f" at {c['location']}" if c.get("location") else ""
            lines.append(f"  {c['alias']}: {c['backend']}{where}: {'cleared' if c['ok'] else 'FAILED ' + str(c['error'])}")
    if d["bytecode_removed"] is not None:
        lines.append(f"Stale bytecode files removed: {d['bytecode_removed']}")
    for c in d["commits"]:
        lines.append(f"Committed {c['sha'][:10]}: {c['message'].splitlines()[0]}")
    left = d["left_by_hand"]
    lines.append("Left by hand:")
    if left.get("failures"):
        lines.append("  failing tests:")
        for f in left["failures"]:
            lines += _failure_lines(f, "    ")
    ws = left.get("warnings") or []
    lines.append(f"  {len(ws)} first-party warning groups remain" + (":" if ws else ""))
    for w in ws[:30]:
        fix = f" [codemod: {', '.join(w['codemods'])}]" if w.get("codemods") else ""
        lines.append(f"    {w['file']}:{w['line']}: {w['category']}: {w['message'].splitlines()[0][:150]}{fix}")
    manual = left.get("manual_changes") or []
    if manual:
        lines.append(f"  {len(manual)} removals no codemod fixes, found in this project:")
    for m in manual[:8]:
        lines.append(f"    {m['old'][:90]} -> {m['new'][:60]} <{m['link']}>")
        for o in (m.get("found") or [])[:3]:
            lines.append(f"      found at {o['file']}:{o['line']}")
    if len(manual) > 8:
        lines.append(f"    ... and {len(manual) - 8} more in the report file")
    for u in left.get("codemods_undone") or []:
        lines.append(f"  codemod {u['codemod']} was undone (it broke {', '.join(u['tests'][:3])}): make its change "
                     f"by hand in {', '.join(u['files'][:3])}")
    inc = left.get("incompatible") or []
    if inc:
        lines.append(f"  {len(inc)} backwards-incompatible changes the failures match (see the report file)")
    for c in left.get("commands") or []:
        lines.append(f"  run: {c}")
    blockers = left.get("migration_blockers") or []
    for b in blockers:
        lines.append(f"  before 5.1: {b['path']}:{b['line']}: {b['message'].split('. ', 1)[0]}")
    if blockers:  # the way out once, whole (it is the same for every blocker)
        way_out = blockers[0]["message"].split(". ", 1)[-1]
        lines.extend("    " + chunk for chunk in textwrap.wrap(way_out, 100))
    for n in d["notes"]:
        lines.append(f"Note: {n}")
    if d["report_files"]:
        lines.append(f"Report: {d['report_files'].get('markdown')} (and .json)")
    if d["status"] not in ("ok", "dry-run"):
        lines.append(f"STEP {d['status'].upper()}: {d['message']}")
    elif d["snapshot"]:
        lines.append(f"Undo this step with: {d['rollback']}")
    return "\n".join(lines) + "\n"


def _where(diag: dict) -> str:
    """Where a failure was raised, from its diagnosis: ``in shop/views.py:12``, ``in legacy-dep 1.0 (...)``."""
    head = diag.get("headline") or ""
    exc = f"{diag.get('exc_type')}: "
    msg = (diag.get("message") or "").splitlines()[0] if diag.get("message") else ""
    rest = head[len(exc) + len(msg):].strip() if head.startswith(exc + msg) else head
    return rest or head


def migrations_check_line(mc: dict) -> str:
    """What ``makemigrations --check`` said: ok, the changes pending (the apps), or why it did not run to
    its end (its system checks failed: the line says so, not "changes pending")."""
    if mc.get("ok"):
        return "ok"
    out = mc.get("output") or ""
    if mc.get("returncode") is None:
        return f"did not run ({out.strip().splitlines()[-1] if out.strip() else 'no manage.py'})"
    apps = re.findall(r"^Migrations for '([^']+)':", out, re.M)
    if apps:
        return f"CHANGES PENDING in {', '.join(apps)} (run makemigrations)"
    if "SystemCheckError" in out:
        return "did not run: the system checks fail (see manage.py check)"
    last = next((ln.strip() for ln in reversed(out.splitlines()) if ln.strip()), "")
    return f"failed (exit {mc.get('returncode')}){': ' + last[:200] if last else ''}"


def _failure_lines(f: dict, indent: str) -> list[str]:
    """A failing test (or the suite that did not start) as ``explain.explain_failures`` explains it."""
    lines = [f"{indent}{f['test']}: {f['message'][:200]}" + (" (failed before the step too)" if f.get("pre_existing") else "")]
    if f.get("diagnosis"):
        lines.append(f"{indent}  raised {_where(f['diagnosis'])[:200]}")
    for m in f.get("matches", []):
        lines.append(f"{indent}  likely: Django {m['release']}: {m['summary']} <{m['link']}>")
    if f.get("package"):
        lines.append(f"{indent}  {f['package'].get('message') if isinstance(f['package'], dict) else f['package']}")
        for o in (f["package"].get("others") or []) if isinstance(f["package"], dict) else []:
            lines.append(f"{indent}  {o.get('message')}")
    return lines


def _render_refused(d: dict) -> str:
    head = f"Django {d['from']} -> {d['to']}: refused, the project is red on Django {d['from']}"
    lines = [head, "=" * len(head)]
    before = (d["tests"] or {}).get("before")
    if before:
        lines.append(f"Tests on Django {d['from']}: {_counts(before)}")
        explained = {f["test"]: f for f in (d.get("left_by_hand") or {}).get("failures") or []}
        for name in before.get("failing") or []:
            if name in explained:  # (the suite that did not start: what stopped it)
                lines += _failure_lines(explained[name], "  ")
            else:
                lines.append(f"  failing: {name}")
    check = ((d.get("checks") or {}).get("current") or {}).get("check") or {}
    if check.get("available") and not check.get("ok"):
        lines.append(f"manage.py check on Django {d['from']}: FAILED (exit {check.get('returncode')})")
        lines += [f"  {ln}" for ln in (check.get("output") or "").strip().splitlines()[-5:]]
    lines.append("Nothing was changed (no codemods, no pins, no install).")
    lines.append(f"STEP REFUSED: {d['message']}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return cell(text)


def render_markdown(report) -> str:
    d = report.to_json()
    out = [f"# Django {d['from']} -> {d['to']}: {d['status']}", ""]
    if d["message"]:
        out += [d["message"], ""]
    out += ["## Tests", "", "| run | passed | failed | errors | skipped | warnings |", "|---|---|---|---|---|---|"]
    for label, t in d["tests"].items():
        out.append(f"| {label} | {t['passed']} | {t['failed']} | {t['errors']} | {t['skipped']} | {t['warnings']} |")
    out.append("")
    if d["python_move"]:
        pm = d["python_move"]
        out += ["## Python move", "", f"Python {pm['from_python']} -> {pm['to_python']} (virtualenv `{pm['venv']}`).",
                f"Broken by the Python move (not by Django): {', '.join(pm['broken_by_python']) or 'nothing'}.", ""]
    for where, cm in d["codemods"].items():
        out += [f"## Codemods on Django {d['from'] if where == 'current' else d['to']}", ""]
        out.append(f"Applied: {', '.join(cm['applied']) or 'none'}" + (" (undone)" if cm["undone"] else ""))
        out.append("")
        for f in cm["files"]:
            out += [f"### `{f['path']}` ({', '.join(f['applied'])})", "", "```diff", f["diff"].rstrip("\n"), "```", ""]
        if cm["migrations_created"]:
            out += ["New migrations: " + ", ".join(f"`{m}`" for m in cm["migrations_created"]), ""]
    dp = d.get("deps") or {}
    if dp.get("blocked") or (dp.get("upgraded") or {}).get("pins"):
        out += ["## Third-party dependencies", "", "| package | version | status | move to | why |", "|---|---|---|---|---|"]
        for b in dp.get("blocked") or []:
            out.append(f"| {b['name']} | {b.get('version') or ''} | blocked | {b.get('suggest') or ''} | {_md(b['message'])} |")
        out.append("")
        for p in (dp.get("upgraded") or {}).get("pins") or []:
            out.append(f"- upgraded `{p['file']}:{p['line']}`: `{_md(p['old'])}` -> `{_md(p['new'])}`")
        out.append("")
    if d["pins"]:
        out += ["## Pins", "", "| file | line | before | after |", "|---|---|---|---|"]
        out += [f"| {p['file']} | {p['line']} | `{_md(p['old'])}` | `{_md(p['new'])}` |" for p in d["pins"]]
        out.append("")
    ch = d["checks"].get("changed")
    if ch:
        out += ["## System checks (new since the step)", ""]
        for key in ("check", "deploy"):
            for m in ch[key]["new"]:
                out.append(f"- `{m['id']}` {_md(m['object'])}: {_md(m['message'])} ({key})")
            for m in ch[key]["resolved"]:
                out.append(f"- resolved: `{m['id']}` {_md(m['object'])}: {_md(m['message'])} ({key})")
        out.append("")
    if d["caches"]:
        out += ["## Caches cleared", ""] + [f"- {c['alias']}: {c['backend']} {c.get('location') or ''} "
                                           f"({'ok' if c['ok'] else 'FAILED: ' + str(c['error'])})" for c in d["caches"]] + [""]
    left = d["left_by_hand"]
    out += ["## Left by hand", ""]
    for f in left.get("failures") or []:
        out.append(f"- failing test `{f['test']}`: {_md(f['message'][:300])}")
        if f.get("diagnosis"):
            out.append(f"  - raised {_md(_where(f['diagnosis']))}")
        if isinstance(f.get("package"), dict):
            out.append(f"  - {_md(f['package'].get('message') or '')}")
        for m in f.get("matches", []):
            out.append(f"  - likely Django {m['release']}: {_md(m['summary'])} ([release notes]({m['link']}))")
    for w in left.get("warnings") or []:
        out.append(f"- `{w['file']}:{w['line']}` {w['category']}: {_md(w['message'].splitlines()[0][:200])}"
                   + (f" (codemod: {', '.join(w['codemods'])})" if w.get("codemods") else ""))
    for m in left.get("manual_changes") or []:
        where = ", ".join(f"`{o['file']}:{o['line']}`" for o in (m.get("found") or [])[:5])
        out.append(f"- manual: `{_md(m['old'])}` -> `{_md(m['new'])}` (removed in {m['removed_in']}, [notes]({m['link']}))"
                   + (f" at {where}" if where else ""))
    for u in left.get("codemods_undone") or []:
        out.append(f"- codemod `{u['codemod']}` undone (broke {_md(', '.join(u['tests'][:3]))}): change "
                   f"{', '.join(u['files'][:3])} by hand")
    for i in left.get("incompatible") or []:
        out.append(f"- review ({i['release']}): {_md(i['summary'])} ([notes]({i['link']}))")
    for c in left.get("commands") or []:
        out.append(f"- run `{c}`")
    out.append("")
    if d["rollback"]:
        out += [f"Undo this step: `{d['rollback']}`", ""]
    return "\n".join(out)
