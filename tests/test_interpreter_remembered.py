"""After `step --new-python`, the next commands use the new interpreter without --python."""

import sys
from pathlib import Path

from core.interpreter import REMEMBERED, find_interpreter, remember_interpreter, remembered_interpreter


def _fake_venv(root: Path, name: str) -> Path:
    bin_dir = root / name / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.symlink_to(sys.executable)
    return python


def test_remembered_interpreter_wins_over_dot_venv(tmp_path):
    _fake_venv(tmp_path, ".venv")
    new = _fake_venv(tmp_path, ".venv-py3.12")
    assert find_interpreter(tmp_path).source == ".venv"
    remember_interpreter(tmp_path, str(new))
    assert (tmp_path / REMEMBERED).read_text().strip() == ".venv-py3.12/bin/python"  # relative inside the project
    found = find_interpreter(tmp_path)
    assert found.source == REMEMBERED and Path(found.path) == new
    # --python and the config still win
    assert find_interpreter(tmp_path, explicit=sys.executable).source == "--python"


def test_stale_remembered_interpreter_is_ignored(tmp_path):
    _fake_venv(tmp_path, ".venv")
    remember_interpreter(tmp_path, str(tmp_path / "gone" / "bin" / "python"))
    assert remembered_interpreter(tmp_path) is None
    assert find_interpreter(tmp_path).source == ".venv"
