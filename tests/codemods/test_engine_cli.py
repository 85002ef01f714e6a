"""``django-upgrade fix`` and ``django-upgrade codemods`` through click and through the console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from upgrader.cli import cli

OLD = "from django.utils.encoding import force_text\nx = force_text(1)\n"
NEW = "from django.utils.encoding import force_str\nx = force_str(1)\n"


@pytest.fixture
def proj(tmp_path):
    root = tmp_path / "proj"
    (root / "app" / "templates").mkdir(parents=True)
    (root / "app" / "views.py").write_text(OLD)
    (root / "app" / "clean.py").write_text("x = 1\n")
    (root / "app" / "templates" / "p.html").write_text("{% load staticfiles %}{{ a|length_is:2 }}\n")
    return root


def invoke(*args, cwd=None):
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def test_check_exit_1_and_writes_nothing(proj):
    r = invoke("fix", "--check", "--target", "4.2", str(proj))
    assert r.exit_code == 1, r.output
    assert f"would fix {proj / 'app' / 'views.py'} (force_text)" in r.stdout
    assert "would fix" in r.stdout and "p.html" in r.stdout
    assert (proj / "app" / "views.py").read_text() == OLD
    # the {{ }} length_is is left by hand: listed (file:line, change, the codemod's reason) and counted
    assert "p.html:1: [length-is] left by hand (length_is: " in r.stdout
    assert "1 use left by hand" in r.stderr


def test_diff_exit_1_prints_unified_diff(proj):
    r = invoke("fix", "--diff", "--target", "4.2", str(proj / "app" / "views.py"))
    assert r.exit_code == 1
    assert "-from django.utils.encoding import force_text" in r.stdout
    assert "+from django.utils.encoding import force_str" in r.stdout
    assert (proj / "app" / "views.py").read_text() == OLD


def test_write_then_nothing_left(proj):
    r = invoke("fix", "--target", "4.2", "-j", "1", str(proj))
    assert r.exit_code == 1
    assert (proj / "app" / "views.py").read_text() == NEW
    r2 = invoke("fix", "--check", "--target", "4.2", str(proj))
    # nothing more to rewrite; the {{ a|length_is:2 }} no codemod can fix keeps --check at 1
    assert r2.exit_code == 1, r2.output
    assert "would fix 0 of 3 files" in r2.stderr and "1 use left by hand" in r2.stderr
    assert r2.stdout.count("left by hand") == 1
    (proj / "app" / "templates" / "p.html").write_text("{% load static %}{{ a|length }}\n")
    r3 = invoke("fix", "--check", "--target", "4.2", str(proj))
    assert r3.exit_code == 0, r3.output
    assert r3.stdout == "" and "left by hand" not in r3.stderr


def test_target_selects_codemods(proj):
    # assertQuerySetEqual exists only since 4.2: not applied for a 4.1 project
    (proj / "app" / "tests.py").write_text("from django.test import TestCase\n\nclass T(TestCase):\n    def test(self):\n        self.assertQuerysetEqual([], [])\n")
    r41 = invoke("fix", "--check", "--target", "4.1", "--only", "assert_queryset_equal", str(proj))
    r42 = invoke("fix", "--check", "--target", "4.2", "--only", "assert_queryset_equal", str(proj))
    assert r41.exit_code == 0 and r42.exit_code == 1


def test_only_skip_and_removed_in(proj):
    assert invoke("fix", "--check", "--target", "4.2", "--only", "ifequal", str(proj)).exit_code == 0
    skipped = invoke("fix", "--check", "--target", "4.2", "--skip", "force_text", "--skip", "load_staticfiles", str(proj))
    assert "would fix" not in skipped.stdout and "[force-text] left by hand" in skipped.stdout
    assert skipped.exit_code == 1  # what the skipped codemods would fix is left by hand
    assert invoke("fix", "--check", "--target", "4.2", "--removed-in", "3.0", str(proj)).exit_code == 1  # load_staticfiles
    r = invoke("fix", "--check", "--target", "4.2", "--removed-in", "2.2", str(proj))
    assert r.exit_code == 0


def test_pyproject_skip_codemods_honoured(proj):
    (proj / "pyproject.toml").write_text('[tool.django-upgrade]\nskip-codemods = ["force_text", "load_staticfiles"]\n')
    r = invoke("fix", "--check", "--target", "4.2", cwd=proj)
    assert "would fix" not in r.stdout, r.output
    assert "app/views.py:1: [force-text] left by hand" in r.stdout


def test_json_output(proj):
    r = invoke("fix", "--check", "--format", "json", "--target", "4.2", str(proj))
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert {"mode", "target", "target_source", "codemods", "scanned", "changed", "errors", "files", "findings",
            "migration_blockers", "skipped", "cache", "exit_code"} <= set(data)
    assert data["mode"] == "check" and data["target"] == "4.2" and data["exit_code"] == 1
    by_path = {Path(f["path"]).name: f for f in data["files"]}
    assert by_path["views.py"]["applied"] == ["force_text"] and by_path["views.py"]["changed"]
    assert any(f["codemod"] == "length_is" for f in data["findings"])
    assert r.stderr == ""


@pytest.mark.parametrize("args, message", [
    (["--target", "banana"], "not a Django version"),
    (["--target", "4.2", "--only", "no_such_codemod"], "unknown codemod"),
    (["--target", "4.2", "--diff", "--check"], "cannot be combined"),
    (["--target", "4.2", "/no/such/path"], "no such file"),
])
def test_bad_input_exit_2(proj, args, message):
    r = invoke("fix", *args, *([] if "/no/such/path" in args else [str(proj)]))
    assert r.exit_code == 2
    assert message in r.stderr and "Traceback" not in r.output


def test_bad_files_reported_exit_0(proj):
    broken = "from django.utils.encoding import force_text\nforce_text(\n"
    (proj / "app" / "views.py").write_text(broken)
    r = invoke("fix", "--target", "4.2", "--only", "force_text", str(proj))
    assert r.exit_code == 0
    assert "cannot parse" in r.stderr
    assert (proj / "app" / "views.py").read_text() == broken


def _console_script() -> list[str]:
    exe = shutil.which("django-upgrade", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    return [exe] if exe else [sys.executable, "-m", "upgrader"]


def test_console_script_exit_codes(proj):
    cmd = [*_console_script(), "fix", "--target", "4.2"]
    check = subprocess.run([*cmd, "--check", str(proj)], capture_output=True, text=True)
    assert check.returncode == 1, check.stderr
    assert "views.py" in check.stdout
    diff = subprocess.run([*cmd, "--diff", str(proj / "app" / "views.py")], capture_output=True, text=True)
    assert diff.returncode == 1 and diff.stdout.startswith("--- a/")
    write = subprocess.run([*cmd, "-j", "2", str(proj)], capture_output=True, text=True)
    assert write.returncode == 1
    again = subprocess.run([*cmd, "--check", str(proj)], capture_output=True, text=True)
    assert again.returncode == 1 and "would fix" not in again.stdout, again.stdout + again.stderr
    assert again.stdout.count("\n") == 1 and "[length-is] left by hand" in again.stdout  # {{ a|length_is }}
    bad = subprocess.run([*cmd, "--only", "nope", str(proj)], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_migration_blockers_shown(proj):
    mig = proj / "app" / "migrations"
    mig.mkdir()
    (mig / "0001_initial.py").write_text(
        "from django.db import migrations\n\nclass Migration(migrations.Migration):\n"
        "    operations = [migrations.AlterIndexTogether(name='p', index_together={('a',)})]\n"
    )
    r = invoke("fix", "--check", "--target", "4.2", str(proj))
    assert "[index_together_migrations]" in r.stderr and "RenameIndex" in r.stderr
    r = invoke("fix", "--check", "--target", "4.2", "--removed-in", "4.0", str(proj))
    assert "index_together_migrations" not in r.stderr


def test_codemods_command_formats():
    from codemods import registry

    text = invoke("codemods")
    assert text.exit_code == 0
    assert all(name in text.stdout for name in registry.names())
    data = json.loads(invoke("codemods", "--format", "json").stdout)
    assert [d["name"] for d in data] == registry.names()
    assert {"name", "summary", "changes", "available_from", "removed_in", "kinds", "migrations", "doc"} <= set(data[0])
    md = invoke("codemods", "--format", "markdown").stdout
    assert md.startswith("| Codemod |") and md.count("\n") == len(data) + 2


def test_codemods_readme_roundtrip(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# x\n<!-- codemods:start -->\nold\n<!-- codemods:end -->\ntail\n")
    assert invoke("codemods", "--readme-check", str(readme)).exit_code == 1
    assert invoke("codemods", "--readme", str(readme)).exit_code == 0
    assert invoke("codemods", "--readme-check", str(readme)).exit_code == 0
    text = readme.read_text()
    assert text.startswith("# x\n<!-- codemods:start -->\n| Codemod |") and text.endswith("<!-- codemods:end -->\ntail\n")
    (tmp_path / "NOMARKS.md").write_text("# nothing\n")
    assert invoke("codemods", "--readme", str(tmp_path / "NOMARKS.md")).exit_code == 2


def test_repo_readme_table_up_to_date():
    from upgrader.commands.codemods import END, START, markdown_table, render_readme

    readme = Path(__file__).resolve().parents[2] / "README.md"
    if not readme.exists() or START not in readme.read_text() or END not in readme.read_text():
        pytest.skip("README.md has no codemods markers yet")
    text = readme.read_text()
    assert render_readme(text, markdown_table()) == text, "run: python scripts/gen_readme_table.py"


def test_pre_commit_hook_definition():
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text())
    (hook,) = [h for h in hooks if h["id"] == "django-upgrade-fix"]
    assert hook["entry"] == "django-upgrade-assistant fix" and hook["language"] == "python"  # the unique script name
    assert hook["types_or"] == ["python", "html"]


@pytest.mark.integration
def test_default_target_is_the_projects_django(proj):
    from tests.venvs import make_venv, python_for

    venv_python = make_venv(python_for(django="3.2"), ["django==3.2.25"])
    (proj / "app" / "tests.py").write_text("from django.test import TestCase\n\nclass T(TestCase):\n    def test(self):\n        self.assertQuerysetEqual([], [])\n")
    r = invoke("fix", "--check", "--format", "json", "--python", str(venv_python), str(proj))
    data = json.loads(r.stdout)
    assert data["target"] == "3.2" and "interpreter" in data["target_source"]
    assert "assert_queryset_equal" not in data["codemods"]  # its new name needs 4.2
    assert "force_text" in data["codemods"]
    assert r.exit_code == 1


def test_warm_run_imports_no_codemod_and_no_libcst(proj, tmp_path):
    """With every result cached, ``fix`` needs neither the codemods nor libcst (nor the other commands)."""
    env = dict(os.environ, DJANGO_UPGRADE_CACHE_DIR=str(tmp_path / "cache"), CI="1")
    for path in proj.rglob("*"):  # files written this second are not trusted to the stat cache
        os.utime(path, (1_600_000_000, 1_600_000_000))
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['django-upgrade', 'fix', '--diff', '--target', '5.2', '.']\n"
        "try:\n    runpy.run_module('upgrader', run_name='__main__')\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        "loaded = sorted(m for m in sys.modules if m == 'libcst' or m.startswith(('codemods.catalogue.', 'upgrader.commands.')))\n"
        "print(code, ' '.join(loaded), file=sys.stderr)\n"
    )
    cold = subprocess.run([sys.executable, "-c", probe], cwd=proj, env=env, capture_output=True, text=True)
    assert "libcst" in cold.stderr.splitlines()[-1] and cold.stdout.count("+++ b/") == 2  # views.py, p.html
    warm = subprocess.run([sys.executable, "-c", probe], cwd=proj, env=env, capture_output=True, text=True)
    assert warm.stdout == cold.stdout
    code, _, loaded = warm.stderr.splitlines()[-1].partition(" ")
    assert code == "1" and loaded.split() == ["upgrader.commands._common", "upgrader.commands.fix"], warm.stderr


def test_diff_stdout_stays_a_patch(proj):
    r = invoke("fix", "--diff", "--target", "4.2", str(proj))
    assert r.exit_code == 1
    assert "left by hand" not in r.stdout and "[length-is] left by hand" in r.stderr
    assert all(line[:1] in " +-@" or line.startswith(("---", "+++")) for line in r.stdout.splitlines() if line)


def test_aliased_import_rebound_elsewhere_is_renamed_in_place(tmp_path):
    """``from m import old as x`` with ``x`` bound again (a parameter): the import is rewritten, no use
    changes, and nothing is left by hand."""
    src = tmp_path / "app" / "enc.py"
    src.parent.mkdir()
    src.write_text("from django.utils.encoding import force_text as ft\nx = ft(1)\n\ndef f(ft):\n    return ft(2)\n")
    r = invoke("fix", "--target", "3.2", "--no-cache", str(src))
    assert r.exit_code == 1, r.output
    assert src.read_text() == "from django.utils.encoding import force_str as ft\nx = ft(1)\n\ndef f(ft):\n    return ft(2)\n"
    assert "left by hand" not in r.output
