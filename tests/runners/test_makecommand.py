"""A suite run through a Makefile target (django-debug-toolbar 2.2's tox.ini says ``make coverage
TEST_ARGS='{posargs:tests}'``): the target's test line, read from make's own dry run (real make), runs
in the project's interpreter."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from upgrader.toxcommand import make_test_words, tox_test_words

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")

# django-debug-toolbar 2.2.1's Makefile (its test targets)
MAKEFILE = """\
.PHONY: test coverage

style:
\tisort .
\tblack --target-version=py34 .
\tflake8

test:
\tDJANGO_SETTINGS_MODULE=tests.settings \\
\t\tpython -m django test $${TEST_ARGS:-tests}

coverage:
\tpython --version
\tcoverage erase
\tDJANGO_SETTINGS_MODULE=tests.settings \\
\t\tcoverage run -m django test -v2 $${TEST_ARGS:-tests}
\tcoverage report
\tcoverage html
"""


def _project(tmp_path, tox: str | None = None, makefile: str = MAKEFILE):
    (tmp_path / "Makefile").write_text(makefile)
    if tox is not None:
        (tmp_path / "tox.ini").write_text(textwrap.dedent(tox))
    return tmp_path


def test_the_tox_line_naming_a_make_target_becomes_its_test_line(tmp_path):
    root = _project(tmp_path, "[testenv]\ncommands = make coverage TEST_ARGS='{posargs:tests}'\n")
    assert tox_test_words(root) == ["python", "-m", "django", "test", "-v2", "tests", "--settings=tests.settings"]


def test_the_make_command_line_gives_the_shell_variables_their_values(tmp_path):
    root = _project(tmp_path)
    assert make_test_words(root, ["make", "coverage", "TEST_ARGS=tests.panels"]) == [
        "python", "-m", "django", "test", "-v2", "tests.panels", "--settings=tests.settings"]


def test_the_test_target_is_taken_without_a_tox_line(tmp_path):
    assert make_test_words(_project(tmp_path)) == ["python", "-m", "django", "test", "tests", "--settings=tests.settings"]


@pytest.mark.parametrize("makefile", [
    "docs:\n\tsphinx-build docs docs/_build\n",  # no test target
    "test:\n\tflake8 .\n\tpython --version\n",  # a target that runs no tests
    "test:\n\texit 1\n",
])
def test_no_test_line_gives_none(tmp_path, makefile):
    assert make_test_words(_project(tmp_path, makefile=makefile)) is None


def test_without_a_makefile_nothing_is_run(tmp_path):
    assert make_test_words(tmp_path) is None
    (tmp_path / "tox.ini").write_text("[testenv]\ncommands =\n    make test\n    pytest tests\n")
    assert tox_test_words(tmp_path) == ["pytest", "tests"]


def test_a_makefile_test_target_is_the_detected_command_before_a_nested_manage_py(tmp_path):
    """Nothing but a Makefile and an example project one directory down (django-debug-toolbar without
    its tox.ini): the Makefile's test target is the command, not the example's manage.py."""
    import sys

    from upgrader.project import Project
    from upgrader.testrun import detect_test_command

    root = _project(tmp_path)
    (root / "example").mkdir()
    (root / "example" / "manage.py").write_text("")
    cmd = detect_test_command(Project(root, sys.executable))
    assert (cmd.kind, cmd.argv[1:]) == ("make", ["-Wa", "-m", "django", "test", "tests", "--settings=tests.settings"])
    (root / "Makefile").unlink()
    assert detect_test_command(Project(root, sys.executable)).argv[1:] == ["-Wa", "example/manage.py", "test", "example"]
