"""The one registry of renderers: ``render(kind, fmt, obj) -> str`` for every command's output.

Kinds and what ``obj`` is:

* ``plan``   - an ``upgrader.planner.Plan``: text, json, markdown, matrix, html
* ``report`` - an ``upgrader.report.render.Report``: text, json, markdown, github, sarif, junit, html
* ``step``   - a step report's JSON dict: html
* ``fleet``  - a fleet dict (``upgrader.report.fleet.build``): text, markdown, json, html

The HTML pages are always built from the command's JSON (so their figures match it); Markdown goes
through the one escaper in ``upgrader.render.markdown``. Imports are lazy: a command pays only for
the renderer it uses.
"""

from __future__ import annotations

import importlib
import json
from typing import Callable


def _plan(fmt: str) -> Callable:
    def run(plan, **kw):
        from upgrader import planner
        from upgrader.render import plan as plan_render

        if fmt == "text":
            return plan_render.render_text(plan, colour=kw.get("colour", False))
        if fmt == "markdown":
            return plan_render.render_markdown(plan)
        if fmt == "matrix":
            return plan_render.render_matrix(plan)
        doc = planner.plan_to_json(plan)
        if fmt == "json":
            return json.dumps(doc, indent=2, default=str) + "\n"
        from upgrader.render.html_plan import render_plan_html

        return render_plan_html(doc)
    return run


def _report(fmt: str) -> Callable:
    def run(report, **kw):
        r = importlib.import_module("upgrader.report.render")  # (upgrader.report.render is also a function)

        if fmt == "html":
            from upgrader.render.html_report import render_report_html

            return render_report_html(r.to_json(report))
        return {"text": r.render_text, "json": lambda rep: json.dumps(r.to_json(rep), indent=2) + "\n",
                "markdown": r.render_markdown, "github": r.render_github, "sarif": r.render_sarif,
                "junit": r.render_junit}[fmt](report)
    return run


def _step_html(doc, **kw):
    from upgrader.render.html_step import render_step_html

    return render_step_html(doc)


def _fleet(fmt: str) -> Callable:
    def run(fleet, **kw):
        f = importlib.import_module("upgrader.report.fleet")

        if fmt == "json":
            return json.dumps(fleet, indent=2) + "\n"
        if fmt == "html":
            from upgrader.render.html_fleet import render_fleet_html

            return render_fleet_html(fleet)
        return f.render_markdown(fleet)
    return run


FORMATS: dict[str, tuple[str, ...]] = {
    "plan": ("text", "json", "markdown", "matrix", "html"),
    "report": ("text", "json", "markdown", "github", "sarif", "junit", "html"),
    "step": ("html",),
    "fleet": ("text", "markdown", "json", "html"),
}

RENDERERS: dict[tuple[str, str], Callable] = {}
for _fmt in FORMATS["plan"]:
    RENDERERS[("plan", _fmt)] = _plan(_fmt)
for _fmt in FORMATS["report"]:
    RENDERERS[("report", _fmt)] = _report(_fmt)
RENDERERS[("step", "html")] = _step_html
for _fmt in FORMATS["fleet"]:
    RENDERERS[("fleet", _fmt)] = _fleet(_fmt)


def formats(kind: str) -> tuple[str, ...]:
    return FORMATS[kind]


def register(kind: str, fmt: str, renderer: Callable) -> None:
    """Add a renderer (e.g. the step report's text/markdown): ``renderer(obj, **kw) -> str``."""
    FORMATS[kind] = tuple(dict.fromkeys((*FORMATS.get(kind, ()), fmt)))
    RENDERERS[(kind, fmt)] = renderer


def render(kind: str, fmt: str, obj, **kw) -> str:
    try:
        renderer = RENDERERS[(kind, fmt)]
    except KeyError:
        raise ValueError(f"no {fmt} renderer for {kind}") from None
    return renderer(obj, **kw)
