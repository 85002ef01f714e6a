"""``--help`` lists each command once; ``--version`` says which tool this is and spots a script clash."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from upgrader import identity
from upgrader.cli import cli


def test_help_lists_each_command_once():
    out = CliRunner().invoke(cli, ["--help"]).output
    for name in cli.all_commands:
        listed = [ln for ln in out.splitlines() if ln.startswith(f"  {name} ")]
        assert len(listed) == 1, (name, out)


def test_version_names_the_tool_and_the_peer():
    proc = subprocess.run([sys.executable, "-m", "upgrader", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout.startswith("django-upgrade-assistant ")
    assert "not the django-upgrade fixer by Adam Johnson" in proc.stdout


def test_both_script_names_are_declared_by_this_distribution():
    owners = identity.script_owners("django-upgrade-assistant")
    assert [o.lower() for o in owners] == ["django-upgrade-assistant"]


def test_a_foreign_django_upgrade_script_on_path_is_explained(tmp_path, monkeypatch):
    fake = tmp_path / "django-upgrade"
    fake.write_text("#!/usr/bin/python\nimport sys\nfrom django_upgrade.main import main\nsys.exit(main())\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert identity.script_on_path_is_ours() is False
    notes = identity.collision_notes()
    assert any("another tool's" in n and "python -m upgrader" in n for n in notes)
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "django-upgrade").write_text("#!/usr/bin/python\nfrom upgrader.cli import main\nmain()\n")
    (ours / "django-upgrade").chmod(0o755)
    monkeypatch.setenv("PATH", str(ours))
    assert identity.script_on_path_is_ours() is True
