"""``report --format html``: the deprecation report as one self-contained page, from the report JSON.

Shows the key figures, the trend against the baseline (new / known / fixed), first-party vs
third-party vs Django itself, and the warnings grouped by change and by file.
"""

from __future__ import annotations

from collections import OrderedDict

from upgrader.render import html as H

ORIGINS = (("first-party", "first-party", "next"), ("third-party", "third-party", "known"), ("django", "Django itself", "later"))


def _by_change(groups: list[dict]) -> str:
    changes: OrderedDict = OrderedDict()
    for g in groups:
        key = g.get("change") or g.get("check_id") or g.get("category") or "?"
        changes.setdefault(key, []).append(g)
    rows = []
    for key, gs in sorted(changes.items(), key=lambda kv: (-sum(g.get("count", 0) for g in kv[1]), kv[0])):
        g0 = gs[0]
        title = H.link(key, g0.get("link"))
        if g0.get("old") and g0.get("new"):
            title += f'<div class="muted">{H.e(g0["old"])} → {H.e(g0["new"])}</div>'
        else:
            msgs = sorted({(g.get("message") or "").splitlines()[0] for g in gs if g.get("message")})
            title += "".join(f'<div class="muted">{H.e(m)}</div>' for m in msgs[:5])
        new = sum(1 for g in gs if g.get("status") == "new")
        fix = (H.badge("codemod", "ok") + " " + ", ".join(f"<code>{H.e(c)}</code>" for c in g0.get("codemods") or [])
               if g0.get("codemods") else "")
        rows.append([title, H.e(g0.get("removed_in") or "?"), str(sum(g.get("count", 0) for g in gs)),
                     str(len({g.get('file') for g in gs})), (H.badge(f"{new} new", "new") if new else ""), fix])
    return H.table(["Change", "Breaks in", "Count", "Files", "Baseline", "Autofix"], rows, numeric={2, 3},
                   attrs=' data-figure="changes" data-rows="%d"' % len(rows))


def _where(g: dict) -> str:
    if g.get("origin") == "third-party" and g.get("distribution"):
        return f"{g['distribution']} {g.get('distribution_version') or ''}".strip()
    return g.get("file") or "(no file)"


def _by_file(groups: list[dict]) -> str:
    files: OrderedDict = OrderedDict()
    for g in groups:
        files.setdefault((g.get("origin") or "?", _where(g)), []).append(g)
    rows = []
    for (origin, where), gs in sorted(files.items(), key=lambda kv: (kv[0][0] != "first-party", kv[0][1])):
        lines = "<br>".join(
            f"<code>{H.e(where if g.get('origin') == 'third-party' else g.get('file'))}:{H.e(g.get('line'))}</code> "
            f"{H.e(g.get('change') or g.get('category'))} ×{H.e(g.get('count'))}"
            + (" " + H.badge("new", "new") if g.get("status") == "new" else "")
            for g in sorted(gs, key=lambda g: g.get("line") or 0))
        rows.append([f"<code>{H.e(where)}</code>", H.badge(origin, {"first-party": "next", "third-party": "known"}.get(origin, "later")),
                     str(sum(g.get("count", 0) for g in gs)), lines])
    return H.table(["File", "Origin", "Count", "Warnings"], rows, numeric={2},
                   attrs=' data-figure="files" data-rows="%d"' % len(rows))


def render_report_html(report: dict) -> str:
    """The page for one report JSON document (``report --format json``)."""
    s = report.get("summary") or {}
    groups = report.get("groups") or []
    base = report.get("baseline")
    title = "Django deprecation report" + (f" on Django {report['django_version']}" if report.get("django_version") else "")
    figs = [
        ("groups", "warning groups", s.get("groups", len(groups))),
        ("occurrences", "occurrences", s.get("occurrences", 0)),
        ("django_groups", "Django deprecations", s.get("django_groups", 0)),
        ("autofixable", "fixed by codemods", s.get("autofixable", 0)),
        ("over_the_bar", f"over the bar (--fail-on {report.get('fail_on')})", s.get("over_the_bar", 0)),
    ]
    if report.get("next_release"):
        nxt = (s.get("by_removed_in") or {}).get(report["next_release"], 0)
        figs.append(("breaks_next", f"break in Django {report['next_release']}", nxt))
    body = [H.section("Summary", H.figures(figs) + _source(report), "summary")]
    if base is not None:
        fixed = len(base.get("fixed") or [])
        trend = H.figures([("new", "new since the baseline", base.get("new", 0)), ("known", "known", base.get("known", 0)),
                           ("fixed", "fixed since the baseline", fixed)])
        trend += H.stacked_bar([("new", base.get("new", 0), "new"), ("known", base.get("known", 0), "known"), ("fixed", fixed, "fixed")])
        verdict = ("worse" if base.get("new", 0) > fixed else "better" if fixed > base.get("new", 0) else "unchanged")
        trend += f'<p>Trend: <b data-figure="trend">{verdict}</b> against <code>{H.e(base.get("path"))}</code></p>'
        if fixed:
            trend += "<details><summary>Fixed since the baseline</summary><ul class=\"plain\">" + "".join(
                f"<li><code>{H.e(f.get('file') or '-')}</code> {H.e(f.get('change') or f.get('category'))}</li>"
                for f in base["fixed"]) + "</ul></details>"
        body.append(H.section("Against the baseline", trend, "baseline"))
    by_origin = s.get("by_origin") or {}
    body.append(H.section("Where they come from", H.stacked_bar([(label, by_origin.get(k, 0), st) for k, label, st in ORIGINS]), "origin"))
    if groups:
        body.append(H.section("By change", _by_change(groups), "by-change"))
        body.append(H.section("By file", _by_file(groups), "by-file"))
    else:
        body.append(H.section("No deprecation warnings", "<p>Nothing to fix. 🎉</p>"))
    return H.page(title, f"{report.get('project') or ''} · exit {report.get('exit_code')}", "".join(body), "report")


def _source(report: dict) -> str:
    src = report.get("source") or {}
    if src.get("type") == "run":
        text = (f"Test command <code>{H.e(' '.join(src.get('command') or []))}</code> exited {H.e(src.get('returncode'))}: "
                f"{H.e(src.get('passed'))} passed, {H.e(src.get('failed'))} failed, {H.e(src.get('errors'))} errors")
        fails = "".join(f"<li><code>{H.e(f.get('test'))}</code>: {H.e((f.get('message') or '').splitlines()[0] if f.get('message') else '')}</li>"
                        for f in (src.get("failures") or [])[:30])
        return f"<p>{text}</p>" + (f'<ul class="plain">{fails}</ul>' if fails else "")
    if src.get("type") == "log":
        return f'<p class="muted">from the log <code>{H.e(src.get("path"))}</code></p>'
    return ""
