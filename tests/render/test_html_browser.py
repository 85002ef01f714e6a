"""The HTML pages in a real headless browser (chromium): they load with no console error, their key
figures match the JSON of the same command, and a screenshot keeps the layout from breaking silently."""

from __future__ import annotations

import json

import pytest

from tests import browser
from tests.render.helpers import EXAMPLE, Figures, cli_run, plan_json_and_html, report_json
from upgrader.render.html import HEADER_COLOUR
from upgrader.render.html_step import render_step_html

pytestmark = pytest.mark.xdist_group("chromium")


def test_the_console_check_sees_errors(tmp_path):
    """The detector itself: a page that fetches from the network breaks the pages' CSP -> console error."""
    page = tmp_path / "bad.html"
    from upgrader.render import html as H

    page.write_text(H.page("t", "s", '<img src="https://example.invalid/x.png"><p style="color:red">x</p>', "plan"))
    _, console = browser.load(page)
    assert any("Content Security Policy" in ln or "Refused" in ln for ln in console), console


def test_plan_page(tmp_path):
    doc, page = plan_json_and_html(tmp_path)
    dom, console = browser.load(page)
    assert console == []
    figs = Figures(dom)
    summary = doc["summary"]
    assert figs.figures["current"] == doc["current"] and figs.figures["target"] == doc["target"]
    assert int(figs.figures["steps"]) == summary["steps"] == len(doc["steps"])
    assert int(figs.figures["occurrences"]) == summary["occurrences"]
    assert int(figs.figures["autofixable"]) == summary["autofixable_occurrences"]
    assert int(figs.attrs["timeline-rows"]["data-rows"]) == len(doc["steps"]) + 1
    assert figs.attrs["today"]["data-date"] == doc["today"]
    steps = [a for _, a in figs.elements if "data-step" in a]
    assert [a["data-step"] for a in steps] == [s["to"] for s in doc["steps"]]
    for i, s in enumerate(doc["steps"], 1):
        uses = sum(len(rc["occurrences"]) for rc in s["removed"])
        assert int(figs.figures[f"step{i}-uses"]) == uses
    # on Python 3.12, 4.0 and 4.1 do not run: blocked; never "move to an older Python"
    assert [a["data-status"] for a in steps][:3] == ["blocked", "blocked", "later"]
    # the removals found here, with file:line and a link to the release notes
    assert "catalog/models.py:6" in dom and 'href="https://docs.djangoproject.com/' in dom


def test_report_page(tmp_path):
    doc, _ = report_json(tmp_path)
    code, html, err = cli_run("report", str(EXAMPLE), "--from-log", str(tmp_path / "r.log"), "--from", "3.2",
                              "--baseline", str(tmp_path / "r-base.json"), "--format", "html")
    assert code == 1, err  # a new deprecation since the baseline: over the bar
    page = tmp_path / "report.html"
    page.write_text(html)
    dom, console = browser.load(page)
    assert console == []
    figs = Figures(dom).figures
    s = doc["summary"]
    for key in ("groups", "occurrences", "django_groups", "autofixable", "over_the_bar"):
        assert int(figs[key]) == s[key], key
    assert (int(figs["new"]), int(figs["known"]), int(figs["fixed"])) == (
        doc["baseline"]["new"], doc["baseline"]["known"], len(doc["baseline"]["fixed"]))
    assert figs["trend"] == "worse"
    assert "&lt;and&gt; \"quoted\" &amp; such" in dom  # escaped, not markup
    assert int(Figures(dom).attrs["files"]["data-rows"]) == len({g["file"] for g in doc["groups"]})


STEP = {
    "schema": 1, "project": "/p/shop", "python": "3.12.1", "from": "4.1.13", "to": "4.2.30", "status": "ok",
    "exit_code": 0, "message": "Django 4.2.30 installed; tests pass", "tests": {
        "before": {"returncode": 0, "passed": 28, "failed": 0, "errors": 0, "warnings": 11},
        "after": {"returncode": 0, "passed": 28, "failed": 0, "errors": 0, "warnings": 30}},
    "warnings": {"before": 11, "after": 30, "first_party_after": 2, "fixable_next": 1},
    "left_by_hand": {
        "warnings": [{"change": "get-storage-class", "message": "get_storage_class is deprecated", "file": "catalog/storage.py",
                      "line": 7, "link": "https://docs.djangoproject.com/en/4.2/releases/4.2/"}],
        "manual_changes": [{"id": "index-together", "old": "Meta.index_together",
                            "occurrences": [{"file": "catalog/models.py", "line": 30}]}],
        "commands": []},
    "pins": [{"file": "requirements.txt", "line": 1, "old": "Django==4.1.13", "new": "Django==4.2.30"}],
    "caches": [{"alias": "default", "backend": "redis", "cleared": True}], "bytecode_removed": 3,
    "rollback": "django-upgrade step --rollback /p/shop", "notes": ["a note <b>not bold</b>"],
}


def test_step_page(tmp_path):
    page = tmp_path / "step.html"
    page.write_text(render_step_html(json.loads(json.dumps(STEP))))
    dom, console = browser.load(page)
    assert console == []
    figs = Figures(dom).figures
    assert figs["status"] == "ok" and int(figs["left_by_hand"]) == 2
    assert (int(figs["warnings_before"]), int(figs["warnings_after"])) == (11, 30)
    assert "catalog/storage.py:7" in dom and "catalog/models.py:30" in dom
    assert "&lt;b&gt;not bold&lt;/b&gt;" in dom


def test_fleet_page(tmp_path):
    files = []
    for name in ("alpha", "beta", "gamma"):
        project = tmp_path / name / name
        project.mkdir(parents=True)
        (project / "requirements.txt").write_text("Django==3.2.25\n")
        files.append(str(report_json(tmp_path / name, project=project, name=name)[1]))
    code, out, err = cli_run("report", "--merge", *files, "--format", "json")
    assert code == 0, err
    fleet = json.loads(out)
    code, html, err = cli_run("report", "--merge", *files, "--format", "html")
    page = tmp_path / "fleet.html"
    page.write_text(html)
    dom, console = browser.load(page)
    assert console == []
    figs = Figures(dom)
    assert int(figs.figures["repositories"]) == len(fleet["repositories"]) == 3
    assert figs.all("data-repo") == [r["repository"] for r in fleet["repositories"]]
    assert int(figs.figures["open_deprecations"]) == sum(r["deprecations"]["django_groups"] for r in fleet["repositories"])


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def _close(a, b, tol=6) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def test_plan_screenshot_on_a_phone(tmp_path):
    _, page = plan_json_and_html(tmp_path)
    img = browser.screenshot(page, 390, 900)
    assert (img.width, img.height) == (390, 900)
    assert _close(img.pixel(4, 4), _rgb(HEADER_COLOUR)), img.pixel(4, 4)  # the header band
    assert _close(img.pixel(2, 400), (0xF4, 0xF6, 0xF5)), img.pixel(2, 400)  # the page background at the edge
    assert len(img.colours()) > 20  # text, badges, the timeline: not a blank page
    # nothing wider than the phone: the right edge is page background, not cut content
    assert all(_close(img.pixel(389, y), (0xF4, 0xF6, 0xF5), 10) for y in range(200, 900, 40))
