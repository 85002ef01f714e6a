"""Phase logic of ``django-upgrade step`` on small real projects (real git, real cached venvs; the
cached venvs are never installed into: these runs stop before the install phase or use --no-install)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import release_data
from upgrader.snapshot import Snapshot
from upgrader.step import checks, explain, fixes
from upgrader.step.rollback import migration_dirs

GIT_ENV = dict(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid")


def git(d: Path, *args):
    return subprocess.run(["git", "-C", str(d), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def write(base: Path, files: dict) -> None:
    for rel, text in files.items():
        p = base / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


MINI = {
    "requirements.txt": "Django==3.2.25\n",
    "manage.py": """
        import os, sys
        if __name__ == "__main__":
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mini.settings")
            from django.core.management import execute_from_command_line
            execute_from_command_line(sys.argv)
        """,
    "mini/__init__.py": "",
    "mini/settings.py": """
        SECRET_KEY = "x" * 60
        INSTALLED_APPS = ["shop"]
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
        DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
        USE_TZ = True
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        """,
    "shop/__init__.py": "",
    "shop/apps.py": """
        from django.apps import AppConfig
        class ShopConfig(AppConfig):
            name = "shop"
        """,
    "shop/models.py": """
        from django.db import models
        class Item(models.Model):
            flag = models.NullBooleanField()
        """,
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": """
        from django.db import migrations, models
        class Migration(migrations.Migration):
            initial = True
            dependencies = []
            operations = [migrations.CreateModel(name="Item", fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("flag", models.NullBooleanField()),
            ])]
        """,
    "shop/text.py": """
        from django.utils.encoding import force_text
        def label(x):
            return force_text(x)
        """,
    "shop/tests.py": """
        from django.test import SimpleTestCase
        from shop.text import label
        class T(SimpleTestCase):
            def test_label(self):
                self.assertEqual(label(b"a"), "a")
        """,
}


@pytest.fixture(scope="module")
def django32():
    from tests.venvs import make_venv, python_for

    return str(make_venv(python_for(django="3.2"), ["django==3.2.25"]))


@pytest.fixture
def mini(tmp_path):
    d = tmp_path / "mini"
    write(d, MINI)
    git(d, "init", "-q")
    git(d, "add", "-A")
    git(d, "commit", "-qm", "init")
    return d


class Result:
    def __init__(self, proc):
        self.exit_code = proc.returncode
        self.output = proc.stdout + proc.stderr
        self.stdout = proc.stdout


def run_cli(*args):
    """The real command line, in a subprocess (one-line errors and exit codes as a user sees them)."""
    proc = subprocess.run([sys.executable, "-m", "upgrader", *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, timeout=900)
    return Result(proc)


# ----------------------------------------------------------------------------- pure phase logic
def test_codemod_sets_of_a_step():
    data = release_data.load()
    on_x, on_y = fixes.codemods_for_step("3.2.25", "4.0.10", data=data)
    names_x, names_y = {c.name for c in on_x}, {c.name for c in on_y}
    assert {"force_text", "translation_aliases", "url_to_path"} <= names_x
    # Y needs them but X cannot run them: on Y only; and the fixes for 4.1's removals land on 4.0
    assert "default_app_config" in names_y and "default_app_config" not in names_x
    for c in on_x:
        assert fixes.versions.feature_key(c.available_from) <= fixes.versions.feature_key("3.2")
        assert fixes.versions.feature_key(c.removed_in) <= fixes.versions.feature_key("4.0")
    for c in on_y:
        assert fixes.versions.feature_key(c.removed_in) <= fixes.versions.feature_key("4.1")
    # use_l10n (available 4.0, removed 5.0) waits for the 4.2 step
    assert "use_l10n" not in names_x | names_y
    _, on_42 = fixes.codemods_for_step("4.1.13", "4.2.30", data=data)
    assert "use_l10n" in {c.name for c in on_42}


def test_a_phase_checkpoint_restores_bytes_and_removes_new_migrations(tmp_path):
    write(tmp_path, {"app/migrations/__init__.py": "", "app/migrations/0001_initial.py": "x = 1\r\n", "app/m.py": "a\n",
                     "app/other.py": "o\n"})
    os.chmod(tmp_path / "app/m.py", 0o751)
    snap = Snapshot.take(tmp_path, [], label="t", track_dirs=migration_dirs(tmp_path))
    assert snap.track_dirs == ["app/migrations"]
    snap.add(["app/other.py"])  # recorded before the phase: not the phase's to undo
    (tmp_path / "app/other.py").write_text("changed before\n")
    cp = snap.checkpoint()
    snap.add(["app/m.py", "app/new.py"])
    (tmp_path / "app/m.py").write_text("changed\n")
    (tmp_path / "app/new.py").write_text("new\n")
    (tmp_path / "app/migrations/0002_auto.py").write_text("y = 2\n")
    assert snap.created_since(cp) == ["app/migrations/0002_auto.py"]
    touched = snap.undo(cp)
    snap.close(cp)
    assert set(touched) == {"app/m.py", "app/new.py", "app/migrations/0002_auto.py"}
    assert (tmp_path / "app/m.py").read_bytes() == b"a\n"
    assert oct((tmp_path / "app/m.py").stat().st_mode & 0o777) == oct(0o751)
    assert not (tmp_path / "app/new.py").exists() and not (tmp_path / "app/migrations/0002_auto.py").exists()
    assert (tmp_path / "app/other.py").read_text() == "changed before\n"
    # the same snapshot still rolls the whole step back
    res = Snapshot.load_latest(tmp_path).restore(reinstall=False)
    assert "app/other.py" in res.restored and (tmp_path / "app/other.py").read_text() == "o\n"


def test_model_apps_and_check_parsing(tmp_path):
    write(tmp_path, {"a/apps.py": "from django.apps import AppConfig\nclass C(AppConfig):\n    name = 'x.a'\n    label = 'alpha'\n",
                     "a/models/__init__.py": "", "a/models/item.py": "", "b/models.py": ""})
    assert fixes.model_apps(tmp_path, ["a/models/item.py", "b/models.py", "a/models/__init__.py"]) == ["alpha", "b"]
    out = ("System check identified some issues:\n\nWARNINGS:\nshop.Item: (models.W042) Auto-created primary key used.\n"
           "?: (security.W004) You have not set SECURE_HSTS_SECONDS.\n")
    msgs = checks.parse_check_output(out)
    assert [m["id"] for m in msgs] == ["models.W042", "security.W004"]
    cmp = checks.compare_checks({"check": {"messages": msgs[:1]}}, {"check": {"messages": msgs[1:]}})
    assert cmp["check"]["new"][0]["id"] == "security.W004" and cmp["check"]["resolved"][0]["id"] == "models.W042"


def test_failures_are_matched_against_release_data():
    data = release_data.load()
    msg = "ImportError: cannot import name 'force_text' from 'django.utils.encoding'"
    found = explain._matching(msg, data, "3.2.25", "4.0.10")
    assert any(m["id"] == "force-text" and m["link"] for m in found)
    # a 4.1 behaviour change (no warning) is matched by its pattern
    inc = [i for i in data.incompatible("4.1") if i.pattern]
    assert inc
    sample = "ValueError: 'Order' instance needs to have a primary key value before this relationship can be used."
    hits = explain._matching(sample, data, "4.0.10", "4.1.13")
    assert any(h["kind"] == "incompatible" and h["release"] == "4.1" for h in hits), hits


# ----------------------------------------------------------------------------- preflight / bad input
def test_refuses_a_dirty_tree(mini, django32):
    (mini / "shop/text.py").write_text("# edited\n")
    res = run_cli("step", str(mini), "--python", django32)
    assert res.exit_code == 2
    assert "not clean" in res.output and "shop/text.py" in res.output


def test_refuses_outside_git_without_allow_dirty(tmp_path, django32):
    write(tmp_path / "p", MINI)
    res = run_cli("step", str(tmp_path / "p"), "--python", django32)
    assert res.exit_code == 2 and "git" in res.output


def test_rollback_without_snapshot_is_bad_input(mini):
    res = run_cli("step", str(mini), "--rollback")
    assert res.exit_code == 2 and "nothing to roll back" in res.output


def test_python_too_old_for_the_next_release(mini):
    from tests.venvs import make_venv, python_for

    py39 = str(make_venv(python_for(python="3.9"), ["django==4.2.30"]))
    (mini / "requirements.txt").write_text("Django==4.2.30\n")
    git(mini, "commit", "-qam", "4.2")
    res = run_cli("step", str(mini), "--python", py39)
    assert res.exit_code == 2
    assert "--new-python 3.10" in res.output and "plan" in res.output


# ----------------------------------------------------------------------------- real runs
@pytest.mark.integration
def test_dry_run_changes_nothing_and_shows_the_diff(mini, django32):
    before = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file() and ".git" not in p.parts}
    res = run_cli("step", str(mini), "--python", django32, "--dry-run", "--format", "json")
    assert res.exit_code == 0, res.output
    step = json.loads(res.stdout)["steps"][0]
    assert step["status"] == "dry-run" and step["to"].startswith("4.0.")
    files = {f["path"]: f for f in step["codemods"]["current"]["files"]}
    assert "force_str" in files["shop/text.py"]["diff"] and "null_boolean_field" in files["shop/models.py"]["applied"]
    assert step["pins"][0]["new"].startswith("Django==4.0.")
    after = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == before


@pytest.mark.integration
def test_no_install_fixes_on_x_makes_migrations_and_bumps(mini, django32):
    res = run_cli("step", str(mini), "--python", django32, "--no-install", "--commit", "--format", "json")
    assert res.exit_code == 0, res.output
    step = json.loads(res.stdout)["steps"][0]
    cm = step["codemods"]["current"]
    assert cm["model_apps"] == ["shop"] and cm["migrations_created"][0].startswith("shop/migrations/0002")
    assert step["migrations_check"]["current"]["ok"]
    assert "force_str" in (mini / "shop/text.py").read_text()
    assert (mini / "requirements.txt").read_text().startswith("Django==4.0.")
    assert [c["phase"] for c in step["commits"]] == ["fixes", "bump"]
    assert "--no-install" in " ".join(step["notes"])
    assert git(mini, "status", "--porcelain").strip() == ""
    # the Django of the interpreter was not touched; --rollback puts the files back
    res = run_cli("step", str(mini), "--rollback", "--python", django32, "--format", "json")
    assert res.exit_code == 0, res.output
    assert (mini / "shop/text.py").read_text() == textwrap.dedent(MINI["shop/text.py"]).lstrip("\n")
    assert not list((mini / "shop/migrations").glob("0002*"))
    assert (mini / "requirements.txt").read_text() == "Django==3.2.25\n"


def _step_with_a_fragile_test(mini, python, test: str, needle: str, source: str) -> dict:
    """Commit a test asserting that ``shop/<source>`` still says ``needle`` (the codemod that rewrites it
    breaks that test), run ``step --no-install`` and return its step's JSON."""
    write(mini, {f"shop/{test}_source.py": f"""
        from pathlib import Path
        from django.test import SimpleTestCase
        class Src(SimpleTestCase):
            def {test}(self):
                self.assertIn("{needle}", (Path(__file__).parent / "{source}").read_text())
        """})
    git(mini, "add", "-A")
    git(mini, "commit", "-qm", "fragile test")
    res = run_cli("step", str(mini), "--python", python, "--no-install", "--format", "json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)["steps"][0]


@pytest.mark.integration
def test_only_the_codemod_that_broke_a_test_is_undone_and_said_why(mini, django32):
    # a test that depends on the old spelling: the codemod that rewrote text.py breaks it. Its traceback
    # names only the test file, so the blame comes from re-running without that codemod; the other
    # codemod (NullBooleanField, with its migration) stays.
    step = _step_with_a_fragile_test(mini, django32, "test_spelling", "force_text", "text.py")
    cm = step["codemods"]["current"]
    assert [b["codemod"] for b in cm["blamed"]] == ["force_text"], cm["blamed"]
    blamed = cm["blamed"][0]
    assert blamed["reason"] == "re-run" and any("test_spelling" in t for t in blamed["tests"])
    assert blamed["files"] == ["shop/text.py"] and not cm["unexplained"]
    assert "force_text" not in cm["applied"] and "null_boolean_field" in cm["applied"]
    assert (mini / "shop/text.py").read_text() == textwrap.dedent(MINI["shop/text.py"]).lstrip("\n")
    assert "BooleanField(null=True" in (mini / "shop/models.py").read_text()
    assert step["tests"]["after-fixes"]["ok"]
    assert step["left_by_hand"]["codemods_undone"][0]["codemod"] == "force_text"
    # the diff headers are relative to the project
    for f in cm["files"]:
        assert f["diff"].startswith(f"--- a/{f['path']}\n+++ b/{f['path']}\n"), f["diff"][:200]


@pytest.mark.integration
def test_a_codemod_whose_file_is_in_the_traceback_is_blamed_by_frame(mini, django32):
    write(mini, {"shop/text.py": """
        from django.utils.encoding import force_text
        def label(x):
            assert force_text.__name__ == "force_text", "renamed"
            return force_text(x)
        """})
    git(mini, "commit", "-qam", "a check on the name")
    res = run_cli("step", str(mini), "--python", django32, "--no-install", "--format", "json")
    assert res.exit_code == 0, res.output
    cm = json.loads(res.stdout)["steps"][0]["codemods"]["current"]
    assert [(b["codemod"], b["reason"]) for b in cm["blamed"]] == [("force_text", "frame")], cm["blamed"]


@pytest.mark.integration
def test_an_undone_model_codemod_takes_its_migration_with_it(mini, django32):
    step = _step_with_a_fragile_test(mini, django32, "test_field", "NullBooleanField", "models.py")
    cm = step["codemods"]["current"]
    assert [(b["codemod"], b["reason"]) for b in cm["blamed"]] == [("null_boolean_field", "re-run")], cm["blamed"]
    assert cm["migrations_created"] == [] and not list((mini / "shop/migrations").glob("0002*"))
    assert "NullBooleanField" in (mini / "shop/models.py").read_text()
    assert "force_str" in (mini / "shop/text.py").read_text()
    assert step["migrations_check"]["current"]["ok"] and step["tests"]["after-fixes"]["ok"]


def test_the_makemigrations_check_line_says_what_it_found():
    from upgrader.step.render import migrations_check_line

    pending = ("Migrations for 'shop':\n  shop/migrations/0002_alter_item_flag.py\n    - Alter field flag on item\n"
               "Migrations for 'blog':\n  blog/migrations/0003_auto.py\n")
    assert migrations_check_line({"ok": True, "returncode": 0, "output": ""}) == "ok"
    assert migrations_check_line({"ok": False, "returncode": 1, "output": pending}) == \
        "CHANGES PENDING in shop, blog (run makemigrations)"
    assert migrations_check_line({"ok": False, "returncode": None, "output": "no manage.py and no settings module found"}) \
        == "did not run (no manage.py and no settings module found)"
    assert migrations_check_line({"ok": False, "returncode": 2, "output": "Traceback ...\nKeyError: 'x'\n"}) == \
        "failed (exit 2): KeyError: 'x'"


def test_the_red_baseline_line_says_what_the_failures_share():
    """django-extensions 3.0.9 without its test requirements: 44 failures, most of them for two
    reasons; a failure or two: each with its error."""
    from upgrader.step.suite import TestSummary, failing_line
    from upgrader.testrun import Failure, RunResult

    fixtures = [Failure(f"tests/test_export_emails.py::test_{i}", "django.core.management.base.CommandError: "
                        "No fixture named 'group' found.", "error") for i in range(22)]
    pygments = [Failure(f"tests/test_highlighting.py::test_{i}", "NameError: name 'ClassNotFound' is not defined\n  ...",
                        "failure") for i in range(6)]
    other = [Failure("tests/test_misc.py::test_one", "AssertionError: False is not true", "failure")]
    many = TestSummary("before", "3.1.14", "3.8", RunResult(1, passed=430, failed=7, errors=22,
                                                            failures=fixtures + pygments + other))
    line = failing_line(many, said=3)
    assert line.endswith(" and 24 more; most often: 22 x django.core.management.base.CommandError: No fixture "
                         "named 'group' found., 6 x NameError: name 'ClassNotFound' is not defined"), line
    assert "most often" not in failing_line(many)  # (without said: the names only, as before)
    few = TestSummary("before", "3.1.14", "3.8", RunResult(1, passed=1, failed=1, failures=other))
    assert failing_line(few, said=3) == "tests/test_misc.py::test_one: AssertionError: False is not true"
