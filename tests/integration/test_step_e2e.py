"""End to end: ``django-upgrade step`` takes the example project from Django 3.2 to 4.2 (and, marked
slow, on through 5.x on Python 3.12), through the console script, on a real virtualenv."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.venvs import make_venv, python_for

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "legacy_shop"
pytestmark = pytest.mark.integration

# What each step's codemods must have fixed (a needle that must be gone from first-party code).
GONE_AFTER = {
    "4.0": ["ugettext(", "ugettext_lazy", "force_text(", ".is_ajax()", "{% ifequal", "providing_args=",
            "conf.urls import url", "PASSWORD_RESET_TIMEOUT_DAYS =", "models.NullBooleanField(", "is_safe_url("],
    "4.1": ["default_app_config =", "requires_system_checks = False"],
    "4.2": ["USE_L10N =", "from django.utils.timezone import utc"],
    "5.0": ["index_together ="],
    "5.1": ["index_together =", "get_storage_class", "|length_is:", "assertQuerysetEqual(", "DEFAULT_FILE_STORAGE =",
            "STATICFILES_STORAGE ="],
    "5.2": [],
    "6.0": [],
    "6.1": [],
}
NEXT = {"4.0": "4.1", "4.1": "4.2", "4.2": "5.0", "5.0": "5.1", "5.1": "5.2", "5.2": "6.0", "6.0": "6.1", "6.1": "6.2"}


def _cli() -> str:
    exe = shutil.which("django-upgrade") or str(Path(sys.executable).parent / "django-upgrade")
    if not Path(exe).exists():
        pytest.fail("the django-upgrade console script is not installed (pip install -e .)")
    return exe


def _env() -> dict:
    env = dict(os.environ)
    env.update(GIT_AUTHOR_NAME="step test", GIT_AUTHOR_EMAIL="step@example.invalid",
               GIT_COMMITTER_NAME="step test", GIT_COMMITTER_EMAIL="step@example.invalid", NO_COLOR="1")
    env.pop("VIRTUAL_ENV", None)
    return env


def _git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True,
                          env=_env()).stdout


def _step(project: Path, *args: str, expect: int = 0) -> dict:
    proc = subprocess.run([_cli(), "step", str(project), "--format", "json", *args], capture_output=True,
                          text=True, env=_env(), timeout=1800)
    assert proc.returncode == expect, f"exit {proc.returncode}\nstdout:{proc.stdout[-4000:]}\nstderr:{proc.stderr[-4000:]}"
    return json.loads(proc.stdout)


def _first_party_text(project: Path) -> str:
    chunks = []
    for p in sorted(project.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".html") and not any(
                part in (".venv", ".django-upgrade", "migrations") or part.startswith(".venv") for part in p.parts):
            chunks.append(p.read_text(encoding="utf-8"))
    return "\n".join(chunks)


def _tree_hashes(project: Path) -> dict:
    out = {}
    for p in sorted(project.rglob("*")):
        rel = p.relative_to(project)
        if p.is_file() and not any(part in (".git", ".django-upgrade", "__pycache__", "var") or part.startswith(".venv")
                                   for part in rel.parts):
            out[rel.as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _django(python: Path) -> str:
    return subprocess.run([str(python), "-c", "import django; print(django.get_version())"], capture_output=True,
                          text=True, check=True).stdout.strip()


def _check_step(project: Path, report: dict, feature: str) -> None:
    assert report["status"] == "ok", report["message"]
    assert report["to_feature"] == feature
    after = report["tests"]["after"]
    assert after["ok"] and after["passed"] == 28 and after["failed"] == 0 and after["errors"] == 0
    # pins bumped
    req = (project / "requirements.txt").read_text()
    assert f"Django=={report['to']}" in req
    assert any(p["file"] == "requirements.txt" and report["to"] in p["new"] for p in report["pins"])
    # the codemods of this step were applied
    text = _first_party_text(project)
    for needle in GONE_AFTER[feature]:
        assert needle not in text, f"{needle!r} left after the step to {feature}"
    # no first-party warning of the next removal release left that a codemod could fix
    assert report["warnings"]["fixable_next"] == []
    nxt = NEXT[feature]
    for w in report["left_by_hand"]["warnings"]:
        assert not (w["removed_in"] == nxt and w["codemods"] and w["origin"] == "first-party"), w
    # caches cleared
    aliases = {c["alias"]: c for c in report["caches"]}
    assert set(aliases) == {"default", "pages"} and all(c["ok"] for c in aliases.values())
    # the report lists what is left, and was written under .django-upgrade/
    for key in ("warnings", "manual_changes", "incompatible", "failures", "commands"):
        assert key in report["left_by_hand"]
    # only what is found in this project is left by hand, each with where it was found
    for m in report["left_by_hand"]["manual_changes"]:
        assert m["found"] and all((project / o["file"]).is_file() for o in m["found"]), m
    # diffs name files relative to the project
    for where in ("current", "target"):
        for f in (report["codemods"].get(where) or {}).get("files", []):
            assert f["diff"].startswith(f"--- a/{f['path']}\n"), f["diff"][:200]
    assert Path(report["report_files"]["json"]).is_file() and Path(report["report_files"]["markdown"]).is_file()
    assert json.loads(Path(report["report_files"]["json"]).read_text())["to"] == report["to"]
    page = Path(report["report_files"]["html"]).read_text()
    assert page.startswith("<!DOCTYPE html>") and report["to"] in page and "<script" not in page


@pytest.fixture
def shop(tmp_path):
    project = tmp_path / "shop"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__", "var", "*.sqlite3", ".venv"))
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "legacy shop")
    python = make_venv(python_for(django="3.2"), ["django==3.2.25"], fresh=project / ".venv")
    assert _django(python) == "3.2.25"
    return project, python


def test_step_3_2_to_4_2_then_rollback(shop):
    project, python = shop
    started = time.monotonic()
    # dry run first: shows the diff, changes nothing
    before = _tree_hashes(project)
    dry = _step(project, "--dry-run")["steps"][0]
    assert dry["status"] == "dry-run" and dry["to_feature"] == "4.0"
    assert any("translation_aliases" in f["applied"] for f in dry["codemods"]["current"]["files"])
    assert _tree_hashes(project) == before and _django(python) == "3.2.25"

    reports = {}
    for feature in ("4.0", "4.1", "4.2"):
        out = _step(project, "--commit")
        assert len(out["steps"]) == 1
        report = out["steps"][0]
        reports[feature] = report
        _check_step(project, report, feature)
        assert _django(python) == report["to"]
        assert _git(project, "status", "--porcelain").strip() == ""  # --commit left nothing uncommitted
        assert [c["phase"] for c in report["commits"]][:1] in (["fixes"], ["bump"])
    # the 4.0 step made migrations for the NullBooleanField models and passed makemigrations --check
    mig = reports["4.0"]["codemods"]["current"]["migrations_created"]
    assert any(m.startswith("catalog/migrations/0002") for m in mig) and any(m.startswith("orders/migrations/0002") for m in mig)
    assert reports["4.0"]["migrations_check"]["current"]["ok"] and reports["4.0"]["migrations_check"]["target"]["ok"]
    log = _git(project, "log", "--format=%s")
    assert "Upgrade Django 3.2.25 -> 4.0." in log and "Upgrade Django 4.1." in log

    # --rollback: the files of before the last step, byte for byte, and its Django reinstalled
    _git(project, "checkout", "-q", "HEAD")  # no-op; the rollback works on the work tree
    last_from = reports["4.2"]["from"]
    sha_before_last = [c["sha"] for c in reports["4.1"]["commits"]][-1]
    expected = {}
    for rel in _git(project, "ls-tree", "-r", "--name-only", sha_before_last).split():
        expected[rel] = hashlib.sha256(subprocess.run(["git", "-C", str(project), "show", f"{sha_before_last}:{rel}"],
                                                      capture_output=True, check=True).stdout).hexdigest()
    proc = subprocess.run([_cli(), "step", str(project), "--rollback", "--format", "json"], capture_output=True,
                          text=True, env=_env(), timeout=900)
    assert proc.returncode == 0, proc.stderr
    rb = json.loads(proc.stdout)["rollback"]
    assert rb["ok"] and rb["django_after"] == last_from
    assert _django(python) == last_from
    listed = _git(project, "ls-files", "-co", "--exclude-standard").split()
    now = {rel: hashlib.sha256((project / rel).read_bytes()).hexdigest() for rel in listed if (project / rel).is_file()}
    assert now == expected
    print(f"\ne2e 3.2 -> 4.2 + rollback: {time.monotonic() - started:.0f}s")


@pytest.mark.slow
def test_step_on_through_5x_on_python_3_12(shop):
    project, python = shop
    out = _step(project, "--commit", "--to", "4.2")
    assert [s["to_feature"] for s in out["steps"]] == ["4.0", "4.1", "4.2"]
    assert all(s["status"] == "ok" for s in out["steps"])
    py312 = python_for(python="3.12")
    out = _step(project, "--commit", "--new-python", py312)
    step = out["steps"][0]
    pm = step["python_move"]
    assert pm and pm["to_python"].startswith("3.12") and pm["tests_new_python"]["ok"]
    assert step["to_feature"] == "5.0" and step["status"] == "ok", step["message"]
    assert step["tests"]["after"]["ok"]
    # the new interpreter is remembered for the next commands (no --python needed)
    from core.interpreter import find_interpreter

    remembered = find_interpreter(project)
    assert remembered.source == ".django-upgrade/interpreter"
    assert os.path.realpath(os.path.dirname(remembered.path)) == os.path.realpath(os.path.dirname(pm["interpreter"]))
    # 5.1 removes index_together: on 5.0 the codemods moved the models to Meta.indexes AND rewrote the
    # historical migrations to named indexes (index_together_migrations), so nothing blocks 5.1
    assert "index_together" not in (project / "catalog" / "models.py").read_text()
    migrations = "\n".join(p.read_text() for p in project.glob("*/migrations/0*.py"))
    assert "index_together" not in migrations and "AlterIndexTogether" not in migrations
    assert "index_together_migrations" in step["codemods"]["target"]["applied"]
    assert step["left_by_hand"]["migration_blockers"] == []
    assert step["migrations_check"]["target"]["ok"]
    _check_step(project, step, "5.0")

    # the project now lives in the new venv: the report says to pass --python to the next commands
    python312 = Path(step["interpreter"])
    assert pm["use"] == f"--python {python312}"
    subprocess.run([str(python312), "manage.py", "makemigrations", "--check", "--dry-run"], cwd=project, check=True,
                   capture_output=True)

    # on through 5.x and 6.x (6.x needs Python 3.12+: the venv is already on it)
    for feature in ("5.1", "5.2", "6.0", "6.1"):
        out = _step(project, "--commit", *pm["use"].split(" ", 1))
        report = out["steps"][0]
        _check_step(project, report, feature)
        assert Path(report["interpreter"]) == python312 and _django(python312) == report["to"]
        assert report["left_by_hand"]["migration_blockers"] == []
        assert report["migrations_check"]["current"]["ok"] and report["migrations_check"]["target"]["ok"]
        assert _git(project, "status", "--porcelain").strip() == ""
