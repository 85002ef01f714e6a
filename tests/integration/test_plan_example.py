"""End to end: the ``django-upgrade`` console script plans the embedded example in a real Django 3.2 venv."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.venvs import make_venv, python_for

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "legacy_shop"

pytestmark = pytest.mark.integration


def console_script() -> str:
    beside = Path(sys.executable).parent / "django-upgrade"
    found = str(beside) if beside.is_file() else shutil.which("django-upgrade")
    assert found, "the django-upgrade console script is not installed (pip install -e .)"
    return found


@pytest.fixture(scope="module")
def django32():
    return make_venv(python_for(django="3.2"), ["django==3.2.25"])


@pytest.fixture
def example(tmp_path):
    dest = tmp_path / "legacy_shop"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("__pycache__", ".venv", "venv", "*.sqlite3"))
    return dest


def run(*args):
    return subprocess.run([console_script(), "plan", *map(str, args)], capture_output=True, text=True, timeout=300)


def test_plan_json_on_the_example(example, django32):
    proc = run(example, "--python", django32, "--format", "json", "--to", "5.2")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["current"] == "3.2.25" and doc["current_source"].startswith("interpreter ")
    assert doc["python_source"].startswith("interpreter ")
    py = doc["python"]
    assert [s["to"] for s in doc["steps"]] == ["4.0.10", "4.1.13", "4.2.30", "5.0.14", "5.1.15", "5.2.19"]
    assert doc["support"]["current"]["message"] == "3.2 has had no security fixes since 2024-04-01"
    steps = {s["feature_release"]: s for s in doc["steps"]}
    assert steps["4.0"]["python_ok"] is (py in steps["4.0"]["python"])
    if py not in steps["5.0"]["python"]:
        assert steps["5.0"]["python_ok"] is False and steps["5.0"]["python_advice"]["move_to"] == "3.10"
    found = {r["id"]: r for s in doc["steps"] for r in s["removed"] if r["occurrences"]}
    # the example's README promises these deprecated APIs; every one must be found with file:line
    for cid in ("conf-urls-url", "force-text", "ugettext-lazy", "nullbooleanfield", "is-ajax",
                "default-app-config", "use-l10n", "timezone-utc", "index-together", "default-file-storage",
                "staticfiles-storage", "password-reset-timeout-days", "template-ifequal", "length-is"):
        assert cid in found, f"{cid} not found in the example"
        occ = found[cid]["occurrences"][0]
        assert (example / occ["file"]).is_file() and occ["line"] >= 1
    assert doc["summary"]["occurrences"] >= 30


def test_plan_text_and_matrix_on_the_example(example, django32):
    proc = run(example, "--python", django32)
    assert proc.returncode == 0, proc.stderr
    assert "Django 3.2.25 ->" in proc.stdout and "(from interpreter " in proc.stdout
    assert "catalog/urls.py:" in proc.stdout
    proc = run(example, "--python", django32, "--format", "matrix", "--to", "lts", "--via", "lts")
    assert proc.returncode == 0, proc.stderr
    matrix = json.loads(proc.stdout)
    assert [m["django"] for m in matrix] == ["4.2.30", "5.2.19"]
    assert all(m["python"] and m["python"].startswith("3.") for m in matrix)
