"""``report --merge``: one fleet dashboard from three repositories' report JSON (and a plan JSON)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import release_data
from tests.render.helpers import cli_run, report_json
from upgrader.report import fleet


def _repo(tmp_path, name, pin):
    project = tmp_path / name / name
    project.mkdir(parents=True)
    (project / "requirements.txt").write_text(f"Django=={pin}\n")
    return project


@pytest.fixture
def three(tmp_path):
    files = {}
    for name, pin in (("shop", "3.2.25"), ("blog", "4.2.20"), ("intranet", "5.2.1")):
        project = _repo(tmp_path, name, pin)
        files[name] = report_json(tmp_path / name, project=project, name=name)[1]
        doc = json.loads(files[name].read_text())
        doc["django_version"] = pin  # as the report of a run on that release says
        files[name].write_text(json.dumps(doc))
    return files


def test_merge_three_reports(three, tmp_path):
    data = release_data.load()
    doc = fleet.build([str(p) for p in three.values()], data, today=dt.date(2026, 12, 6))
    rows = {r["repository"]: r for r in doc["repositories"]}
    assert set(rows) == {"shop", "blog", "intranet"}
    newest = data.latest_released().version
    assert doc["newest"] == newest
    released = [r.version for r in data.releases if r.released]
    assert rows["shop"]["behind"] == len(released) - 1 - released.index("3.2")
    assert rows["intranet"]["behind"] == len(released) - 1 - released.index("5.2")
    assert rows["shop"]["support"] == "unsupported" and rows["shop"]["eol"] == "2024-04-01"
    assert rows["shop"]["days_to_eol"] < 0
    assert rows["intranet"]["eol"] == data.release("5.2").extended_end.isoformat()
    # worst first: the unsupported release leads
    assert doc["repositories"][0]["repository"] == "shop"
    for r in rows.values():
        assert r["deprecations"]["new"] == 2 and r["deprecations"]["django_groups"] == 2
        assert any("over the bar" in b for b in r["blockers"])


def test_merge_cli_markdown_html_json_and_a_plan(three, tmp_path):
    plan = tmp_path / "shop-plan.json"
    code, out, err = cli_run("plan", str(three["shop"].parent / "shop"), "--from", "3.2.25", "--python-version", "3.12",
                             "--format", "json")
    assert code == 0, err
    plan.write_text(out)
    html = tmp_path / "out" / "fleet.html"
    code, md, err = cli_run("report", "--merge", *map(str, three.values()), str(plan), "--format", "markdown",
                            "--output", f"html={html}")
    assert code == 0, err
    table = [ln for ln in md.splitlines() if ln.startswith("| ") and not ln.startswith("| Repository")]
    assert len(table) == 3
    shop = next(ln for ln in table if ln.startswith("| shop "))
    assert "| 3.2.25 |" in shop and "does not run on Python 3.12" in shop and "(ended)" in shop
    assert html.read_text().startswith("<!DOCTYPE html>")
    code, out, err = cli_run("report", "--merge", *map(str, three.values()), "--format", "json")
    assert json.loads(out)["schema"] == "django-upgrade-fleet"


@pytest.mark.parametrize("content, fragment", [("{nope", "is not JSON"), ('{"a": 1}', "neither a report JSON")])
def test_merge_bad_input_is_one_line_exit_2(tmp_path, content, fragment):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    code, out, err = cli_run("report", "--merge", str(bad))
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1
    code, out, err = cli_run("report", "--merge", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in err
    code, out, err = cli_run("report", "--merge", str(bad), "--format", "sarif")
    assert code == 2 and "--merge renders" in err
