"""The fleet dashboard page (``report --merge ... --format html``), from the fleet JSON."""

from __future__ import annotations

from upgrader.render import html as H


def render_fleet_html(fleet: dict) -> str:
    reps = fleet.get("repositories") or []
    unsupported = sum(1 for r in reps if r.get("support") == "unsupported")
    blocked = sum(1 for r in reps if r.get("blockers"))
    open_dep = sum((r.get("deprecations") or {}).get("django_groups", 0) for r in reps)
    figs = H.figures([("repositories", "repositories", len(reps)), ("newest", "newest Django", fleet.get("newest")),
                      ("unsupported", "on an unsupported release", unsupported), ("blocked", "with blockers", blocked),
                      ("open_deprecations", "open Django deprecation groups", open_dep)])
    cards = []
    for r in reps:
        dep = r.get("deprecations") or {}
        eol = H.e(r.get("eol") or "?")
        if r.get("days_to_eol") is not None:
            d = r["days_to_eol"]
            eol += f' <span class="muted">({"ended " + str(-d) + " days ago" if d < 0 else "in " + str(d) + " days"})</span>'
        blockers = ("<ul class=\"plain\">" + "".join(f"<li>{H.e(b)}</li>" for b in r["blockers"]) + "</ul>"
                    if r.get("blockers") else '<span class="muted">none</span>')
        deps = (f"{H.e(dep.get('django_groups'))} groups <span class=\"muted\">({H.e(dep.get('occurrences'))}×)</span>"
                + (" " + H.badge(f"{dep['new']} new", "new") if dep.get("new") else "")) if dep else '<span class="muted">no report</span>'
        behind = "" if r.get("behind") is None else f"{r['behind']} feature release(s) behind {H.e(r.get('newest'))}"
        cards.append(
            f'<div class="repo" data-repo="{H.e(r["repository"])}" data-django="{H.e(r.get("django"))}" '
            f'data-behind="{H.e(r.get("behind"))}">'
            f'<h3>{H.e(r["repository"])} {H.badge(r.get("support") or "unknown")}</h3>'
            f"<dl><dt>Django</dt><dd>{H.e(r.get('django') or '?')} <span class=\"muted\">{behind}</span></dd>"
            f"<dt>End of support</dt><dd>{eol}</dd><dt>Blockers</dt><dd>{blockers}</dd>"
            f"<dt>Deprecations</dt><dd>{deps}</dd></dl></div>")
    table = f'<div class="repos" data-figure="fleet" data-rows="{len(cards)}">{"".join(cards)}</div>'
    body = H.section("Summary", figs, "summary") + H.section("Repositories", table, "repositories")
    return H.page("Django fleet dashboard", f"{len(reps)} repositories · {fleet.get('today')}", body, "fleet")
