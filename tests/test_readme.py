"""The README's promises: its first two commands, and a command reference generated from the CLI."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def test_first_block_is_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.S).group(1).strip().splitlines()
    assert block == [
        "pip install -e . && django-upgrade plan examples/legacy_shop",
        "pip install -e '.[test]' && python -m pytest",
    ]
    assert (ROOT / "examples" / "legacy_shop" / "manage.py").is_file()


def test_ci_script_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"pip install .*-e '\.\[test\]'", ci)
    assert "-m pytest" in ci


def test_command_reference_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_readme_cli.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, "README command reference is stale: run python scripts/gen_readme_cli.py\n" + proc.stdout


def test_every_command_is_in_the_reference():
    from upgrader.cli import cli

    text = README.read_text(encoding="utf-8")
    for name in cli.all_commands:
        assert f"### `django-upgrade {name}`" in text


def test_docs_links_exist():
    text = README.read_text(encoding="utf-8")
    for link in re.findall(r"\]\((docs/[^)#]+)\)", text):
        assert (ROOT / link).is_file(), link
