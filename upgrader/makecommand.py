"""The test line of a Makefile target, as make itself prints it (``make -n``: nothing is run).

    make_test_words(root, ["make", "coverage", "TEST_ARGS=tests"])
    # -> (["python", "-m", "django", "test", "-v2", "tests"], "tests.settings")
    make_test_words(root)          # the ``test`` target, when the Makefile has one

Some reusable apps run their suite through a Makefile: django-debug-toolbar 2.2's tox.ini says
``make coverage TEST_ARGS='{posargs:tests}'`` and its Makefile::

    coverage:
        coverage erase
        DJANGO_SETTINGS_MODULE=tests.settings \\
            coverage run -m django test -v2 $${TEST_ARGS:-tests}
        coverage report

Make's dry run gives the recipe with make's own variables expanded; of its lines, the first that
runs tests is taken as ``upgrader.toxcommand`` takes a tox line (``coverage run -m X`` becomes
``python -m X``; lines that erase, report or lint are skipped). What the shell would still do to it is
done here only as far as a test line needs: backslash-newlines joined, leading ``NAME=value``
assignments taken as its environment (``DJANGO_SETTINGS_MODULE`` becomes the settings), and
``${NAME:-default}`` / ``${NAME}`` / ``$NAME`` replaced by the value the make command line gave, else
the default, else nothing. None when make is missing, the target fails or holds no test line.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

MAKEFILES = ("GNUmakefile", "makefile", "Makefile")
_ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*=")
_PARAMETER = re.compile(r"\$\{(?P<name>\w+)(?::?-(?P<default>[^}]*))?\}|\$(?P<bare>[A-Za-z_]\w*)")


def make_test_words(root, words: list[str] | None = None) -> tuple[list[str], str | None] | None:
    """The test line of ``words`` (``make TARGET [NAME=value ...]``; None: ``make test`` when the
    Makefile has that target) and the settings module its line sets; None when there is none."""
    root = Path(root)
    if not any((root / name).is_file() for name in MAKEFILES) or shutil.which("make") is None:
        return None
    words = list(words or ["make", "test"])
    if Path(words[0]).name != "make":
        return None
    args = words[1:]
    variables = dict(w.split("=", 1) for w in args if _ASSIGNMENT.match(w))
    try:
        proc = subprocess.run(["make", "-n", *args], cwd=root, capture_output=True, text=True, timeout=30,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    from upgrader.toxcommand import _normalise

    for line in proc.stdout.replace("\\\n", " ").splitlines():
        try:
            parts = shlex.split(_expand(line, variables))
        except ValueError:
            continue
        env = {}
        while parts and _ASSIGNMENT.match(parts[0]):
            name, _, value = parts.pop(0).partition("=")
            env[name] = value
        found = _normalise(parts) if parts else None
        if found:
            return found, env.get("DJANGO_SETTINGS_MODULE")
    return None


def _expand(line: str, variables: dict) -> str:
    def value(m: re.Match) -> str:
        name = m.group("name") or m.group("bare")
        got = variables.get(name)
        return got if got else (m.group("default") or "")

    return _PARAMETER.sub(value, line)
