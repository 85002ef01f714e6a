"""Regenerating a real pip-compile lock after the bump (pip-tools in a cached venv, real PyPI via pip)."""

import subprocess
import sys

import pytest

from tests.venvs import make_venv, missing
from upgrader import pins


@pytest.mark.integration
@pytest.mark.parametrize("hashes", [False, True])
def test_pip_compile_lock_is_regenerated(tmp_path, hashes):
    try:
        py = make_venv(sys.executable, ["pip-tools>=7.4"])
    except RuntimeError as exc:
        missing(f"cannot install pip-tools: {str(exc).splitlines()[0]}")
    compile_ = str(py.parent / "pip-compile")
    (tmp_path / "requirements.in").write_text("django>=3.2,<4.0\n")
    args = [compile_, "--quiet", "--no-strip-extras", *(["--generate-hashes"] if hashes else []), "requirements.in"]
    proc = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        missing(f"pip-compile could not resolve from the index: {proc.stderr[-300:]}")
    assert "django==3.2.25" in (tmp_path / "requirements.txt").read_text()
    assert pins.current_from_pins(tmp_path).version == "3.2.25"

    changes = pins.bump_django(tmp_path, "4.0.10")
    assert (tmp_path / "requirements.in").read_text() == "django>=4.0,<4.1\n"
    assert any(c.regenerate for c in changes) is hashes

    (lock,) = pins.lock_files(tmp_path, python=str(py))
    assert lock.available and lock.tool == "pip-compile"
    result = pins.regenerate(lock, python=str(py))
    assert result.ok, result.output
    text = (tmp_path / "requirements.txt").read_text()
    assert "django==4.0.10" in text
    assert ("--hash=sha256:" in text) is hashes
    cur = pins.current_from_pins(tmp_path)
    assert (cur.version, cur.exact) == ("4.0.10", True)
