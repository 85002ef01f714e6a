"""``django-upgrade report`` end to end on real projects: formats, SARIF schema, baseline ratchet,
exit codes."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.harvest.djproject import expected_line, make_project
from upgrader.cli import cli
from upgrader.report.model import lookup_distributions

pytestmark = pytest.mark.integration
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def _report(*args, input=None):
    result = CliRunner().invoke(cli, ["report", *args], input=input, catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def project52(tmp_path_factory, flavour_python):
    d = make_project(tmp_path_factory.mktemp("cli") / "p", "5.2")
    (d / ".git").mkdir()  # the repository root, for annotation paths
    return d, flavour_python("5.2")


@pytest.fixture(scope="module")
def outputs52(project52, tmp_path_factory):
    d, py = project52
    out = tmp_path_factory.mktemp("out")
    args = [str(d), "--python", py, "-q", "--format", "json"]
    for fmt in ("sarif", "junit", "github", "markdown", "text"):
        args += ["--output", f"{fmt}={out / fmt}"]
    result = _report(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), out


def test_json_report(outputs52, project52):
    doc, _ = outputs52
    d, _ = project52
    assert doc["schema"] == "django-upgrade-report" and doc["version"] == 1
    assert doc["django_version"] == "5.2.19" and doc["next_release"] == "6.0"
    assert doc["source"]["type"] == "run" and doc["source"]["passed"] == 5 and doc["source"]["returncode"] == 0
    by_file = {(g["file"], g["line"]): g for g in doc["groups"]}
    g = by_file[("demo/views.py", expected_line(d, "demo/views.py", "expect:views"))]
    assert g["change"]
    assert g["removed_in"] == "6.0" and g["origin"] == "first-party" and g["tests"] == ["demo.tests.PageTests.test_data"]
    s = by_file[("proj/settings.py", expected_line(d, "proj/settings.py", "expect:settings"))]
    assert "django/conf/__init__.py" in s["attributed_from"]
    assert doc["summary"]["groups"] == len(doc["groups"]) == 4


def test_sarif_is_valid_against_the_official_schema(outputs52):
    _, out = outputs52
    sarif = json.loads((out / "sarif").read_text())
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"proj/settings.py", "demo/models.py", "demo/views.py", "demo/tests.py"}
    assert all(r["partialFingerprints"]["djangoUpgradeKey/v1"] for r in results)


def test_junit_github_markdown_text(outputs52, project52):
    d, _ = project52
    _, out = outputs52
    root = ET.fromstring((out / "junit").read_text())
    cases = root.findall(".//testcase")
    assert len(cases) == 4 and root.get("failures") == "0"
    gh = (out / "github").read_text().splitlines()
    line = expected_line(d, "demo/views.py", "expect:views")
    assert any(x.startswith(f"::warning file=demo/views.py,line={line},title=RemovedInDjango60Warning") for x in gh), gh
    md = (out / "markdown").read_text()
    assert md.startswith("## Django deprecation report") and "`demo/models.py:4`" in md
    assert "fail-on none: 0 group(s) over the bar; exit 0" in (out / "text").read_text()


def test_fail_on_any_and_next(project52):
    d, py = project52
    result = _report(str(d), "--python", py, "-q", "--fail-on", "any", "--format", "junit")
    assert result.exit_code == 1
    assert ET.fromstring(result.stdout).get("failures") == "4"
    result = _report(str(d), "--python", py, "-q", "--fail-on", "next", "--format", "json")
    assert result.exit_code == 1  # everything here breaks in 6.0, the next feature release
    assert json.loads(result.stdout)["summary"]["over_the_bar"] == 4


def test_baseline_round_trip(project52, tmp_path):
    src, py = project52
    d = tmp_path / "p"
    shutil.copytree(src, d)
    base = tmp_path / "baseline.json"
    assert _report(str(d), "--python", py, "-q", "--write-baseline", str(base)).exit_code == 0
    entries = json.loads(base.read_text())["entries"]
    assert len(entries) == 4 and all(":" in e["key"] for e in entries)
    # lines move: still known
    views = d / "demo" / "views.py"
    views.write_text("# moved down\n\n" + views.read_text())
    result = _report(str(d), "--python", py, "-q", "--baseline", str(base), "--fail-on", "new", "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["baseline"]["new"] == 0
    # a new deprecation in another file: exit 1, reported as new
    with open(views, "a") as fh:
        fh.write("\nfrom django.utils.itercompat import is_iterable\nis_iterable([2])\n")
    result = _report(str(d), "--python", py, "-q", "--baseline", str(base), "--fail-on", "new", "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    new = [g for g in doc["groups"] if g["status"] == "new"]
    assert [(g["file"], g["change"]) for g in new] == [("demo/views.py", new[0]["change"])] and new[0]["change"]
    # fix the settings one: reported as fixed
    settings = d / "proj" / "settings.py"
    settings.write_text(settings.read_text().replace("FORMS_URLFIELD_ASSUME_HTTPS = True", ""))
    doc = json.loads(_report(str(d), "--python", py, "-q", "--baseline", str(base), "--format", "json").stdout)
    assert [e["file"] for e in doc["baseline"]["fixed"]] == ["proj/settings.py"]


def test_failing_suite_exit_3_and_failures(flavour_python, tmp_path):
    py = flavour_python("4.2")
    d = make_project(tmp_path / "p", "4.2", failing=True)
    result = _report(str(d), "--python", py, "-q", "--format", "json", "--fail-on", "any")
    assert result.exit_code == 3
    doc = json.loads(result.stdout)
    assert doc["source"]["failed"] == 0 and doc["source"]["errors"] == 1 and doc["source"]["passed"] == 5
    assert doc["source"]["failures"] == [{"test": "demo.tests.BrokenTests.test_broken", "kind": "error",
                                          "message": "ValueError: deliberately broken for the report tests",
                                          "incompatible": []}]
    result = _report(str(d), "--python", py, "-q", "--fail-on", "any", "--allow-test-failures")
    assert result.exit_code == 1


def test_pytest_failures_and_custom_command(flavour_python, tmp_path):
    py = flavour_python("6.1")
    d = make_project(tmp_path / "p", "6.1", pytest=True, failing=True)
    result = _report(str(d), "--python", py, "-q", "--format", "json", "--", "pytest", "-p", "no:cacheprovider", "-n", "2")
    assert result.exit_code == 3
    doc = json.loads(result.stdout)
    assert doc["source"]["command"][-4:] == ["-p", "no:cacheprovider", "-n", "2"]
    assert (doc["source"]["passed"], doc["source"]["failed"]) == (5, 1)
    assert doc["source"]["failures"][0]["test"] == "demo/tests.py::BrokenTests::test_broken"
    assert "deliberately broken" in doc["source"]["failures"][0]["message"]
    files = {g["file"] for g in doc["groups"]}
    assert {"proj/settings.py", "demo/models.py", "demo/tests.py", "demo/views.py"} <= files


def test_from_log(project52, tmp_path):
    d, py = project52
    log = tmp_path / "ci.log"
    import subprocess

    proc = subprocess.run([py, "-Wa", "manage.py", "test"], cwd=d, capture_output=True, text=True)
    log.write_text(proc.stdout + proc.stderr)
    result = _report(str(d), "--from-log", str(log), "--format", "json", "--fail-on", "next", "--python", py)
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["source"] == {"type": "log", "path": str(log)}
    assert len(doc["groups"]) == 4
    # (the project's interpreter: with no pin, the tool's own Django is never taken for the project's)
    result = _report(str(d), "--from-log", "-", "--format", "github", "--python", py, input=log.read_text())
    assert result.exit_code == 0 and result.stdout.count("::warning") == 4


@pytest.mark.parametrize("args,fragment", [
    (["--output", "pdf=x"], "--output expects FORMAT=PATH"),
    (["--baseline", "/nonexistent/b.json"], "baseline not found"),
    (["--from-log", "/nonexistent/log"], "cannot read log"),
])
def test_bad_input_exit_2(project52, args, fragment):
    d, py = project52
    result = CliRunner().invoke(cli, ["report", str(d), "--python", py, *args])
    assert result.exit_code == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_no_test_command_exit_2(flavour_python, tmp_path):
    result = CliRunner().invoke(cli, ["report", str(tmp_path), "--python", flavour_python("5.2")])
    assert result.exit_code == 2 and "no test command found" in result.stderr


def test_third_party_distribution_lookup(flavour_python):
    py = flavour_python("6.1")
    import subprocess

    plugin = subprocess.run([py, "-c", "import pytest_django.plugin as p; print(p.__file__)"], capture_output=True,
                            text=True).stdout.strip()
    assert lookup_distributions(py, [plugin]) == {plugin: ("pytest-django", "4.14.0")}
