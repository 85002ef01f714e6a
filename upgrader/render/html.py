"""Shared parts of the self-contained HTML pages (plan, report, step, fleet).

One file, no network: inline CSS and SVG only, no script, and a Content-Security-Policy that forbids
any fetch (so a page that tried one would show a console error in the browser tests). Readable on a
phone: one column, tables scroll sideways inside their card, SVG scales to the width.
Every key figure carries ``data-figure="name"`` so tests (and scrapers) find it.
"""

from __future__ import annotations

import datetime as _dt
from html import escape as _escape

from upgrader import __version__

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
HEADER_COLOUR = "#0c4b33"  # Django green: the screenshot test looks for it

STATUS_COLOURS = {
    "done": "#2e7d32", "current": "#2e7d32", "ok": "#2e7d32", "next": "#1565c0", "later": "#607d8b",
    "blocked": "#c62828", "new": "#c62828", "known": "#ef6c00", "fixed": "#2e7d32",
    "mainstream": "#2e7d32", "extended": "#ef6c00", "unsupported": "#c62828", "unknown": "#607d8b",
    "unreleased": "#607d8b",
}

CSS = f"""
*{{box-sizing:border-box}}
body{{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2327;background:#f4f6f5}}
header{{background:{HEADER_COLOUR};color:#fff;padding:14px 16px}}
header h1{{margin:0;font-size:1.25rem;line-height:1.3}}
header p{{margin:4px 0 0;opacity:.85;font-size:.85rem}}
main{{max-width:60rem;margin:0 auto;padding:10px}}
section.card{{background:#fff;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.12);padding:12px 14px;margin:10px 0;overflow-wrap:anywhere}}
h2{{font-size:1.1rem;margin:0 0 8px}}
h3{{font-size:1rem;margin:12px 0 6px}}
.figures{{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}}
.figures li{{flex:1 1 8rem;background:#eef3f1;border-radius:6px;padding:8px 10px}}
.figures b{{display:block;font-size:1.5rem;line-height:1.1}}
.figures span{{font-size:.8rem;color:#4a555b}}
.badge{{display:inline-block;border-radius:10px;padding:0 8px;font-size:.78rem;color:#fff;vertical-align:middle;white-space:nowrap}}
.scroll{{overflow-x:auto}}
table{{border-collapse:collapse;width:100%;min-width:34rem;font-size:.88rem}}
th,td{{text-align:left;padding:5px 6px;border-bottom:1px solid #e1e6e4;vertical-align:top}}
th{{background:#f7f9f8;font-weight:600;white-space:nowrap}}
td.n,th.n{{text-align:right;font-variant-numeric:tabular-nums}}
code{{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f3f2;padding:0 3px;border-radius:3px}}
ul.plain{{padding-left:1.1rem;margin:4px 0}}
details summary{{cursor:pointer;font-weight:600;margin:6px 0}}
svg{{width:100%;height:auto;display:block}}
.muted{{color:#5f6b70;font-size:.85rem}}
.bar{{display:flex;height:14px;border-radius:7px;overflow:hidden;background:#e1e6e4;margin:6px 0}}
.bar span{{display:block;height:100%}}
.repos{{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:10px}}
.repo{{border:1px solid #e1e6e4;border-radius:8px;padding:8px 10px}}
.repo h3{{margin:0 0 6px}}
.repo dl{{margin:0;display:grid;grid-template-columns:auto 1fr;gap:2px 10px;font-size:.88rem}}
.repo dt{{color:#5f6b70}}
.repo dd{{margin:0}}
footer{{text-align:center;color:#7a858a;font-size:.75rem;padding:16px}}
"""


def e(value) -> str:
    """HTML-escape any value (None -> empty)."""
    return _escape("" if value is None else str(value), quote=True)


def badge(text: str, status: str | None = None) -> str:
    colour = STATUS_COLOURS.get(status or text, "#607d8b")
    return f'<span class="badge" data-status="{e(status or text)}" style="background:{colour}">{e(text)}</span>'


def link(text, href) -> str:
    if href and str(href).startswith(("https://", "http://")):
        return f'<a href="{e(href)}" rel="noopener noreferrer">{e(text)}</a>'
    return e(text)


def figures(items: list[tuple[str, str, object]]) -> str:
    """Key figures: (data-figure name, label, value)."""
    lis = "".join(f'<li><b data-figure="{e(name)}">{e(value)}</b><span>{e(label)}</span></li>' for name, label, value in items)
    return f'<ul class="figures">{lis}</ul>'


def table(head: list[str], rows: list[list[str]], numeric: set[int] = frozenset(), attrs: str = "") -> str:
    """A table; cells are HTML already (escape with ``e``). Columns in ``numeric`` align right."""
    th = "".join(f'<th{" class=n" if i in numeric else ""}>{h}</th>' for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{c}</td>' for i, c in enumerate(r)) + "</tr>"
                   for r in rows)
    return f'<div class="scroll"><table{attrs}><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>'


def stacked_bar(parts: list[tuple[str, int, str]]) -> str:
    """A horizontal bar of (label, count, status colour name) parts, with a legend."""
    total = sum(n for _, n, _ in parts) or 1
    spans = "".join(f'<span title="{e(label)}: {n}" style="width:{100 * n / total:.2f}%;background:{STATUS_COLOURS.get(s, "#607d8b")}"></span>'
                    for label, n, s in parts if n)
    legend = " · ".join(f"{badge(label, s)} {n}" for label, n, s in parts)
    return f'<div class="bar">{spans}</div><div class="muted">{legend}</div>'


def section(title: str, body: str, ident: str | None = None) -> str:
    anchor = f' id="{e(ident)}"' if ident else ""
    return f'<section class="card"{anchor}><h2>{e(title)}</h2>{body}</section>'


def page(title: str, subtitle: str, body: str, kind: str) -> str:
    generated = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{e(title)}</title><style>{CSS}</style></head>"
        f'<body data-kind="{e(kind)}"><header><h1>{e(title)}</h1><p>{e(subtitle)}</p></header>'
        f"<main>{body}</main>"
        f"<footer>django-upgrade-assistant {e(__version__)} · generated {e(generated)} · self-contained, no network</footer>"
        "</body></html>\n"
    )


# ------------------------------------------------------------------------------------ support timeline
def _date(value) -> _dt.date | None:
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def support_timeline(rows: list[dict], today: _dt.date) -> str:
    """An SVG: one row per release (``label``, ``released``, ``mainstream_end``, ``extended_end``,
    ``status``, ``python``), bars for mainstream (solid) and extended (light) support, today marked."""
    dated = [r for r in rows if _date(r.get("released"))]
    if not dated:
        return ""
    start = min(_date(r["released"]) for r in dated)
    ends = [_date(r.get("extended_end")) or _date(r.get("mainstream_end")) or _date(r["released"]) for r in dated]
    end = max([*ends, today]) + _dt.timedelta(days=60)
    start = min(start, today) - _dt.timedelta(days=60)
    span = (end - start).days or 1
    left, width, row_h, top = 120, 340, 36, 26
    height = top + row_h * len(rows) + 10

    def x(d: _dt.date) -> float:
        return left + width * (d - start).days / span

    parts = [f'<svg viewBox="0 0 {left + width + 10} {height}" role="img" aria-label="support timeline" '
             f'data-figure="timeline-rows" data-rows="{len(rows)}" xmlns="http://www.w3.org/2000/svg" font-size="12" '
             'font-family="system-ui,sans-serif">']
    for year in range(start.year + 1, end.year + 1):
        xx = x(_dt.date(year, 1, 1))
        parts.append(f'<line x1="{xx:.1f}" y1="{top - 6}" x2="{xx:.1f}" y2="{height - 6}" stroke="#e1e6e4"/>'
                     f'<text x="{xx:.1f}" y="{top - 10}" text-anchor="middle" fill="#5f6b70">{year}</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h
        status = r.get("status") or "later"
        colour = STATUS_COLOURS.get(status, "#607d8b")
        parts.append(f'<circle cx="8" cy="{y + 10}" r="5" fill="{colour}"/>'
                     f'<text x="18" y="{y + 9}" font-weight="600">{e(r.get("label"))}</text>'
                     f'<text x="18" y="{y + 22}" fill="#5f6b70">{e(status)}{" · Py " + e(r.get("python")) if r.get("python") else ""}</text>')
        rel, me, ee = _date(r.get("released")), _date(r.get("mainstream_end")), _date(r.get("extended_end"))
        if rel is None:
            continue
        if me:
            parts.append(f'<rect x="{x(rel):.1f}" y="{y + 3}" width="{max(1.0, x(me) - x(rel)):.1f}" height="14" rx="3" '
                         f'fill="{STATUS_COLOURS["mainstream"]}"><title>mainstream support until {me}</title></rect>')
        if ee:
            s = me or rel
            parts.append(f'<rect x="{x(s):.1f}" y="{y + 3}" width="{max(1.0, x(ee) - x(s)):.1f}" height="14" rx="3" '
                         f'fill="{STATUS_COLOURS["extended"]}" fill-opacity="0.55"><title>extended (security) support until {ee}</title></rect>')
        if not me and not ee:
            parts.append(f'<circle cx="{x(rel):.1f}" cy="{y + 10}" r="4" fill="#607d8b"/>')
    tx = x(today)
    parts.append(f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{height - 4}" stroke="#c62828" stroke-width="2" '
                 f'data-figure="today" data-date="{today.isoformat()}"/>'
                 f'<text x="{tx + 3:.1f}" y="{height - 2}" fill="#c62828" font-size="10">today</text>')
    parts.append("</svg>")
    legend = (f'<div class="muted">{badge("mainstream")} mainstream support · {badge("extended")} extended (security) '
              f'support · <span style="color:#c62828">|</span> today ({today.isoformat()})</div>')
    return "".join(parts) + legend


def release_row(data, feature: str, label: str, status: str, python: str | None = None) -> dict:
    """A timeline row from release_data facts (support dates are facts, not part of the JSON)."""
    rel = data.release(feature) if data is not None else None
    return {
        "label": label, "status": status, "python": python,
        "released": getattr(rel, "release_date", None) or getattr(rel, "released_on", None),
        "mainstream_end": getattr(rel, "mainstream_end", None),
        "extended_end": getattr(rel, "extended_end", None),
    }
