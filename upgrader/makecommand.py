"""The test line of a Makefile target, as make itself prints it (``make -n``: nothing is run).

    recipe_lines(root, ["make", "coverage", "TEST_ARGS=tests"])
    # -> [(["python", "--version"], {}), (["coverage", "erase"], {}),
    #     (["coverage", "run", "-m", "django", "test", "-v2", "tests"], {"DJANGO_SETTINGS_MODULE": "tests.settings"}), ...]
    recipe_lines(root)             # the ``test`` target, when the Makefile has one

Some reusable apps run their suite through a Makefile: django-debug-toolbar 2.2's tox.ini says
``make coverage TEST_ARGS='{posargs:tests}'`` and its Makefile::

    coverage:
        coverage erase
        DJANGO_SETTINGS_MODULE=tests.settings \\
            coverage run -m django test -v2 $${TEST_ARGS:-tests}
        coverage report

Make's dry run gives the recipe with make's own variables expanded (make runs nothing but what the
Makefile's ``$(shell ...)`` and recursive ``$(MAKE)`` lines run to print it); ``upgrader.toxcommand``
takes the first line that runs tests, as it takes a tox line (``toxcommand.make_test_words``). What
the shell would still do to a line is done here only as far as a test line needs: backslash-newlines
joined, leading ``NAME=value`` assignments taken as its environment (``DJANGO_SETTINGS_MODULE`` becomes
the settings), and ``${NAME:-default}`` / ``${NAME}`` / ``$NAME`` replaced by the value the make command
line gave, else the default, else nothing.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from core import run as _run

MAKEFILES = ("GNUmakefile", "makefile", "Makefile")
_ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*=")
_PARAMETER = re.compile(r"\$\{(?P<name>\w+)(?::?-(?P<default>[^}]*))?\}|\$(?P<bare>[A-Za-z_]\w*)")


def recipe_lines(root, words: list[str] | None = None) -> list[tuple[list[str], dict]] | None:
    """The lines of ``words``' recipe (``make TARGET [NAME=value ...]``; None: ``make test``), each as
    its words and the environment its leading assignments give; None when there is no Makefile, no
    make, or the target fails."""
    root = Path(root)
    if not any((root / name).is_file() for name in MAKEFILES) or shutil.which("make") is None:
        return None
    words = list(words or ["make", "test"])
    if Path(words[0]).name != "make":
        return None
    args = words[1:]
    variables = dict(w.split("=", 1) for w in args if _ASSIGNMENT.match(w))
    try:
        proc = _run.run(["make", "-n", *args], cwd=root, timeout=30)
    except (OSError, _run.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    lines = []
    for line in proc.stdout.replace("\\\n", " ").splitlines():
        try:
            parts = shlex.split(_expand(line, variables))
        except ValueError:
            continue
        env = {}
        while parts and _ASSIGNMENT.match(parts[0]):
            name, _, value = parts.pop(0).partition("=")
            env[name] = value
        if parts:
            lines.append((parts, env))
    return lines


def _expand(line: str, variables: dict) -> str:
    def value(m: re.Match) -> str:
        name = m.group("name") or m.group("bare")
        got = variables.get(name)
        return got if got else (m.group("default") or "")

    return _PARAMETER.sub(value, line)
