"""A step only starts from green, installs without surprises and never loops (real git, real venvs
with real Django, real pip). The shared cached venv is never installed into: runs that install use a
private copy (``make_venv(..., fresh=...)``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.step.test_step_unit import MINI, git, run_cli, write
from tests.venvs import make_venv, python_for

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def django32():
    return str(make_venv(python_for(django="3.2"), ["django==3.2.25"]))


def freeze(python) -> list[str]:
    return subprocess.run([str(python), "-m", "pip", "freeze", "--all"], capture_output=True, text=True,
                          check=True).stdout.splitlines()


def repo(d: Path, files: dict) -> Path:
    write(d, {".gitignore": "__pycache__/\n*.egg-info/\n", **files})
    git(d, "init", "-q")
    git(d, "add", "-A")
    git(d, "commit", "-qm", "init")
    return d


RED_TEST = {"shop/test_red.py": """
    from django.test import SimpleTestCase
    class Red(SimpleTestCase):
        def test_known_broken(self):
            self.assertEqual(1, 2)
    """}


def test_a_project_red_on_its_current_django_is_refused_before_any_change(tmp_path, django32):
    mini = repo(tmp_path / "mini", {**MINI, **RED_TEST})
    pip_before = freeze(django32)
    res = run_cli("step", str(mini), "--python", django32)
    assert res.exit_code == 3, res.output
    assert "test_known_broken" in res.output and "--accept-failing" in res.output
    assert "Nothing was changed" in res.output
    # (a failing test or two: each with its error, on the refusal's line)
    assert "before any change (shop.test_red.Red.test_known_broken: AssertionError: 1 != 2)" in res.output
    # tree and venv untouched: no codemod, no pin, no install, no file of ours
    assert git(mini, "status", "--porcelain", "--untracked-files=all").strip() == ""
    assert git(mini, "diff", "HEAD").strip() == ""
    assert not (mini / ".django-upgrade").exists()
    assert freeze(django32) == pip_before
    # JSON says the same
    res = run_cli("step", str(mini), "--python", django32, "--format", "json")
    step = json.loads(res.stdout)["steps"][0]
    assert res.exit_code == 3 and step["status"] == "red-baseline"
    assert step["tests"]["before"]["failing"] == ["shop.test_red.Red.test_known_broken"]
    assert step["snapshot"] is None and step["pins"] == [] and step["codemods"] == {}


def _installed(python: Path, dist: str, version: str, files: dict) -> None:
    """``files`` (module path -> code) installed in ``python``'s site-packages as the distribution
    ``dist`` ``version``, with the dist-info (METADATA, RECORD) pip writes."""
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    info = f"{dist.replace('-', '_')}-{version}.dist-info"
    write(site, {**files, f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n",
                 f"{info}/INSTALLER": "pip\n",
                 f"{info}/RECORD": "".join(f"{p},,\n" for p in [*files, f"{info}/METADATA", f"{info}/RECORD"])})


def test_a_red_baseline_that_does_not_start_says_what_stopped_it(tmp_path):
    """The suite dies at import inside an installed package, which imports a module the environment
    lacks (pytest-django 3.9 and ``six``, in django-crispy-forms 1.9's era). The refusal names the
    exception, the package and its version, and says to install the module; it does not say to
    upgrade the package for Django (it said only ``<the test suite does not start>``)."""
    python = make_venv(python_for(django="3.2"), ["django==3.2.25"], fresh=tmp_path / "venv")
    _installed(python, "legacy-helper", "1.2", {"legacy_helper/__init__.py": "import sixish\n"})
    settings = MINI["mini/settings.py"].replace('INSTALLED_APPS = ["shop"]', 'INSTALLED_APPS = ["legacy_helper", "shop"]')
    mini = repo(tmp_path / "mini", {**MINI, "mini/settings.py": settings})
    res = run_cli("step", str(mini), "--python", str(python))
    assert res.exit_code == 3, res.output
    assert "before any change (<the test suite does not start>: ModuleNotFoundError: No module named 'sixish' in " \
           "legacy-helper 1.2 (" in res.output, res.output
    assert "legacy-helper imports sixish, which is not installed in the project's environment: install it" in res.output
    assert "supports Django" not in res.output and "Nothing was changed" in res.output
    res = run_cli("step", str(mini), "--python", str(python), "--format", "json")
    step = json.loads(res.stdout)["steps"][0]
    assert step["status"] == "red-baseline"
    (failure,) = step["left_by_hand"]["failures"]
    assert failure["test"] == "<the test suite does not start>" and step["tests"]["before"]["failures"] == [failure]
    assert (failure["diagnosis"]["distribution"], failure["diagnosis"]["distribution_version"]) == ("legacy-helper", "1.2")
    assert failure["package"]["package"] == "legacy-helper" and failure["package"]["fixed_in"] is None
    assert git(mini, "status", "--porcelain", "--untracked-files=all").strip() == ""


def test_accept_failing_takes_the_failures_as_the_baseline(tmp_path, django32):
    mini = repo(tmp_path / "mini", {**MINI, **RED_TEST})
    res = run_cli("step", str(mini), "--python", django32, "--accept-failing", "--no-install", "--format", "json")
    assert res.exit_code == 0, res.output
    step = json.loads(res.stdout)["steps"][0]
    assert step["status"] == "ok"
    assert step["baseline"] == {"tests": ["shop.test_red.Red.test_known_broken"], "check": None}
    # the failure is there after the codemods too, but it is not new: nothing is blamed or undone
    assert step["codemods"]["current"]["blamed"] == [] and not step["codemods"]["current"]["undone"]
    assert "force_str" in (mini / "shop/text.py").read_text()


CHECK_ERROR = {
    "shop/apps.py": """
        from django.apps import AppConfig
        class ShopConfig(AppConfig):
            name = "shop"
            def ready(self):
                from shop import checks  # noqa: F401
        """,
    "shop/checks.py": """
        import sys
        from django.core import checks
        @checks.register
        def broken(app_configs, **kwargs):
            if sys.argv[1:2] != ["check"]:  # the suite is green; only manage.py check fails
                return []
            return [checks.Error("broken on purpose", id="shop.E001")]
        """,
}


def test_manage_py_check_failing_on_the_current_django_refuses(tmp_path, django32):
    mini = repo(tmp_path / "mini", {**MINI, **CHECK_ERROR})
    res = run_cli("step", str(mini), "--python", django32)
    assert res.exit_code == 3, res.output
    assert "manage.py check fails" in res.output and "shop.E001" in res.output
    assert git(mini, "diff", "HEAD").strip() == "" and not (mini / ".django-upgrade").exists()
    res = run_cli("step", str(mini), "--python", django32, "--accept-failing", "--no-install", "--format", "json")
    assert res.exit_code == 0, res.output
    assert "shop.E001" in json.loads(res.stdout)["steps"][0]["baseline"]["check"]


def test_no_install_with_to_takes_one_step_and_says_so(tmp_path, django32):
    mini = repo(tmp_path / "mini", MINI)
    res = run_cli("step", str(mini), "--python", django32, "--to", "4.2", "--no-install", "--format", "json")
    assert res.exit_code == 0, res.output
    steps = json.loads(res.stdout)["steps"]
    assert len(steps) == 1 and steps[0]["to"].startswith("4.0.")
    assert any("stopped after this step" in n for n in steps[0]["notes"])
    snaps = [p for p in (mini / ".django-upgrade" / "rollback").iterdir() if not p.name.startswith(".")]
    assert len(snaps) == 1


# ------------------------------------------------------------------------------------ installs
SETTINGS_ONLY = {
    # no DJANGO_SETTINGS_MODULE anywhere but [tool.django-upgrade] settings
    "pyproject.toml": """
        [build-system]
        requires = ["setuptools>=64", "wheel"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "settingsonly"
        version = "1.0"

        [tool.setuptools]
        packages = ["conf", "shop"]

        [tool.django-upgrade]
        settings = "conf.dev"
        """,
    "requirements.txt": "Django==3.2.25\nsqlparse==0.4.4\n",
    "manage.py": """
        import sys
        if __name__ == "__main__":
            from django.core.management import execute_from_command_line
            execute_from_command_line(sys.argv)
        """,
    "conf/__init__.py": "",
    "conf/dev.py": """
        SECRET_KEY = "x" * 60
        INSTALLED_APPS = ["shop"]
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
        DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
        USE_TZ = True
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        """,
    "shop/__init__.py": "",
    "shop/text.py": MINI["shop/text.py"],
    "shop/tests.py": MINI["shop/tests.py"],
    **RED_TEST,
}


def test_settings_only_project_editable_install_downgrade_and_accepted_failures(tmp_path):
    project = repo(tmp_path / "proj", SETTINGS_ONLY)
    venv = make_venv(python_for(django="3.2"), ["django==3.2.25", "sqlparse==0.5.3", "setuptools>=64", "wheel"],
                     fresh=tmp_path / "venv")
    subprocess.run([str(venv), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "-e", str(project)],
                   check=True, capture_output=True)
    pip_before = freeze(venv)

    # red: refused, nothing changed
    res = run_cli("step", str(project), "--python", str(venv))
    assert res.exit_code == 3 and "test_known_broken" in res.output, res.output
    assert freeze(venv) == pip_before and git(project, "diff", "HEAD").strip() == ""

    # accepted; the requirements pin sqlparse below what is installed: the install downgrades it
    res = run_cli("step", str(project), "--python", str(venv), "--accept-failing", "--format", "json")
    assert res.exit_code == 4, res.output
    step = json.loads(res.stdout)["steps"][0]
    assert step["status"] == "downgrade" and "sqlparse 0.5.3 -> 0.4.4" in step["message"], step["message"]
    assert "--allow-downgrade" in step["message"]
    assert step["environment"]["downgraded"] == [{"name": "sqlparse", "before": "0.5.3", "after": "0.4.4"}]
    assert step["environment"]["editable"] is True
    assert step["install"]["command"][-2:] == ["-e", "."], step["install"]["command"]
    res = run_cli("step", str(project), "--rollback", "--python", str(venv))
    assert res.exit_code == 0, res.output

    # allowed: the step goes through with the project's settings everywhere (tests, check, caches);
    # only new failures count, the accepted one still fails
    res = run_cli("step", str(project), "--python", str(venv), "--accept-failing", "--allow-downgrade",
                  "--format", "json")
    assert res.exit_code == 0, res.output
    step = json.loads(res.stdout)["steps"][0]
    assert step["status"] == "ok" and step["to"].startswith("4.0.")
    assert step["tests"]["after"]["failing"] == ["shop.test_red.Red.test_known_broken"]
    assert step["tests"]["after"]["passed"] == 1
    assert step["checks"]["target"]["check"]["ok"], step["checks"]["target"]
    assert [c["alias"] for c in step["caches"]] == ["default"] and step["caches"][0]["ok"]
    assert any("still fail" in n for n in step["notes"]) and any("--allow-downgrade" in n for n in step["notes"])
    # the accepted failure is explained by the frame that raised it, and marked as older than the step
    failure = step["left_by_hand"]["failures"][0]
    assert failure["test"] == "shop.test_red.Red.test_known_broken" and failure["pre_existing"]
    assert failure["diagnosis"]["origin"] == "first-party" and failure["diagnosis"]["file"] == "shop/test_red.py"
    res = run_cli("step", str(project), "--python", str(venv), "--rollback")
    assert res.exit_code == 0, res.output


def test_the_project_is_installed_again_only_when_it_was_editable(tmp_path):
    from upgrader import installer
    from upgrader.step.pipeline import install_requirements

    project = tmp_path / "proj"
    write(project, {"pyproject.toml": SETTINGS_ONLY["pyproject.toml"], "conf/__init__.py": "", "shop/__init__.py": ""})
    base = python_for(django="3.2")
    for editable in (False, True):
        venv = make_venv(base, ["setuptools>=64", "wheel"], fresh=tmp_path / f"venv-{editable}")
        args = ["-e", str(project)] if editable else [str(project)]
        subprocess.run([str(venv), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", *args],
                       check=True, capture_output=True)
        env = installer.environment(venv, project)
        assert env.project["name"] == "settingsonly" and env.editable is editable
        reqs = install_requirements(project, "4.0.10", [], env.editable)
        assert reqs == (["django==4.0.10", "-e", "."] if editable else ["django==4.0.10"])
    # not installed at all: never installed by the step
    assert installer.environment(sys.executable, project).project is None
    assert "-e" not in install_requirements(project, "4.0.10", [], False)
    write(project, {"requirements.txt": "Django==4.0.10\n"})  # (as the pins phase leaves it)
    assert install_requirements(project, "4.0.10", [], True) == ["django==4.0.10", "-r", "requirements.txt", "-e", "."]
    assert install_requirements(project, "4.0.10", [], False) == ["django==4.0.10", "-r", "requirements.txt"]
    # a dry run: the pins are not bumped yet, the file is kept because the step bumps it
    write(project, {"requirements.txt": "Django==3.2.25\n"})
    assert install_requirements(project, "4.0.10", [], False) == ["django==4.0.10"]
    assert install_requirements(project, "4.0.10", [], False, bumped=[str(project / "requirements.txt")]) == [
        "django==4.0.10", "-r", "requirements.txt"]


def test_a_harvester_failure_is_the_tools_failure_not_the_projects(tmp_path, django32):
    import os

    mini = repo(tmp_path / "mini", MINI)
    proc = subprocess.run([sys.executable, "-m", "upgrader", "step", str(mini), "--python", django32, "--format", "json"],
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "DJANGO_UPGRADE_HARVEST_FAULT": "showwarning"})
    assert proc.returncode == 70, proc.stdout[-3000:] + proc.stderr[-3000:]
    step = json.loads(proc.stdout)["steps"][0]
    assert step["status"] == "tool-failed" and step["message"].startswith("the tool failed")
    assert "injected fault in showwarning" in step["message"] and "nothing was changed" in step["message"]
    assert "the project's tests" not in step["message"].replace("inside the project's test runner", "")
    assert git(mini, "diff", "HEAD").strip() == "" and not (mini / ".django-upgrade").exists()
