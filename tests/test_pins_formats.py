"""Every pin format, read and bumped, with byte-exact expected files (upgrader.pins). The bumps here are
a site's (``kind="site"``: the pin moves); a library's widened ranges are in tests/pins/."""

import os
import stat

import pytest

from upgrader import pins
from core.errors import UsageError


def put(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def get(root, name):
    return (root / name).read_bytes().decode("utf-8")


# --------------------------------------------------------------------------------------------
# requirements files
# --------------------------------------------------------------------------------------------
REQS_BEFORE = """\
# web stack
-r requirements/base.txt
Django[argon2]>=3.2,<4.0 ; python_version >= "3.8"  # keep on LTS
requests==2.31.0 \\
    --hash=sha256:aaaa
broken line here ===
-e git+https://example.com/x.git#egg=thing
./local/package
"""
REQS_AFTER = """\
# web stack
-r requirements/base.txt
Django[argon2]>=4.0,<4.1 ; python_version >= "3.8"  # keep on LTS
requests==2.31.0 \\
    --hash=sha256:aaaa
broken line here ===
-e git+https://example.com/x.git#egg=thing
./local/package
"""


def test_requirements_read_includes_markers_extras_and_bad_line(tmp_path):
    put(tmp_path, "requirements.txt", REQS_BEFORE)
    put(tmp_path, "requirements/base.txt", "django-filter~=21.1\n")
    problems = []
    found = pins.find_django_pins(tmp_path, problems)
    assert [(p.source, p.specifier, p.extras, p.kind) for p in found] == [
        ("requirements.txt:3", ">=3.2,<4.0", ("argon2",), "requirements")
    ]
    assert found[0].marker == 'python_version >= "3.8"'
    assert len(problems) == 1 and "requirements.txt:6" in problems[0] and "broken line here" in problems[0]
    names = {(p.name, p.source) for p in pins.find_requirements(tmp_path)}
    assert ("django-filter", "requirements/base.txt:1") in names
    assert ("requests", "requirements.txt:4") in names
    cur = pins.current_from_pins(tmp_path)
    assert (cur.version, cur.source, cur.exact) == ("3.2", "requirements.txt:3", False)


def test_requirements_bump_byte_exact_and_idempotent(tmp_path):
    put(tmp_path, "requirements.txt", REQS_BEFORE)
    changes = pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "requirements.txt") == REQS_AFTER
    assert [(c.source, c.old, c.new) for c in changes] == [
        (
            "requirements.txt:3",
            'Django[argon2]>=3.2,<4.0 ; python_version >= "3.8"  # keep on LTS',
            'Django[argon2]>=4.0,<4.1 ; python_version >= "3.8"  # keep on LTS',
        )
    ]
    assert pins.bump_django(tmp_path, "4.0.10", kind="site") == []
    assert get(tmp_path, "requirements.txt") == REQS_AFTER


def test_requirements_crlf_mode_and_include_bumped(tmp_path):
    put(tmp_path, "requirements.txt", "-r requirements/prod.txt\r\n")
    path = put(tmp_path, "requirements/prod.txt", "gunicorn==21.2\r\nDjango==3.2.25  # pinned\r\npsycopg2\r\n")
    os.chmod(path, 0o600)
    changes = pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "requirements/prod.txt") == "gunicorn==21.2\r\nDjango==4.0.10  # pinned\r\npsycopg2\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [c.source for c in changes] == ["requirements/prod.txt:2"]
    assert get(tmp_path, "requirements.txt") == "-r requirements/prod.txt\r\n"


def test_requirements_in_and_continuation(tmp_path):
    put(tmp_path, "requirements.in", "django~=3.2.0 \\\n    # comment\ncelery\n")
    put(tmp_path, "MANIFEST.in", "include django.txt\n")
    assert [p.source for p in pins.find_django_pins(tmp_path)] == ["requirements.in:1"]
    pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "requirements.in") == "django~=4.0.0 \\\n    # comment\ncelery\n"
    assert get(tmp_path, "MANIFEST.in") == "include django.txt\n"


def test_dry_run_changes_nothing(tmp_path):
    put(tmp_path, "requirements.txt", "Django==3.2.25\n")
    changes = pins.bump_django(tmp_path, "4.0.10", dry_run=True, kind="site")
    assert [(c.old, c.new) for c in changes] == [("Django==3.2.25", "Django==4.0.10")]
    assert get(tmp_path, "requirements.txt") == "Django==3.2.25\n"


def test_bare_django_unchanged_and_no_current(tmp_path):
    put(tmp_path, "requirements.txt", "django\n")
    assert pins.bump_django(tmp_path, "4.0.10", kind="site") == []
    assert get(tmp_path, "requirements.txt") == "django\n"
    assert pins.current_from_pins(tmp_path) is None
    assert len(pins.find_django_pins(tmp_path)) == 1


def test_no_django_anywhere(tmp_path):
    put(tmp_path, "requirements.txt", "requests\n")
    put(tmp_path, "pyproject.toml", '[project]\nname = "x"\ndependencies = ["click"]\n')
    assert pins.find_django_pins(tmp_path) == []
    assert pins.current_from_pins(tmp_path) is None
    assert pins.bump_django(tmp_path, "4.0.10", kind="site") == []
    assert pins.lock_files(tmp_path) == []


def test_bump_other_requirement(tmp_path):
    put(tmp_path, "requirements.txt", "Django==4.0.10\ndjango-filter==21.1\n")
    changes = pins.bump_requirement(tmp_path, "Django_Filter", "23.5")
    assert get(tmp_path, "requirements.txt") == "Django==4.0.10\ndjango-filter==23.5\n"
    assert [c.source for c in changes] == ["requirements.txt:2"]


def test_bad_version_is_usage_error(tmp_path):
    put(tmp_path, "requirements.txt", "Django==3.2.25\n")
    with pytest.raises(UsageError):
        pins.bump_django(tmp_path, "four", kind="site")
    with pytest.raises(UsageError):
        pins.find_django_pins(tmp_path / "missing")


# --------------------------------------------------------------------------------------------
# pip-compile output
# --------------------------------------------------------------------------------------------
COMPILED = """\
#
# This file is autogenerated by pip-compile with Python 3.11
# by the following command:
#
#    pip-compile --generate-hashes requirements.in
#
asgiref==3.7.2 \\
    --hash=sha256:1111
    # via django
django==3.2.25 \\
    --hash=sha256:2222 \\
    --hash=sha256:3333
    # via -r requirements.in
"""


def test_pip_compile_with_hashes_is_marked_for_regeneration(tmp_path):
    put(tmp_path, "requirements.in", "django>=3.2,<4.0\n")
    put(tmp_path, "requirements.txt", COMPILED)
    found = pins.find_django_pins(tmp_path)
    assert [(p.source, p.kind, p.hashed) for p in found] == [
        ("requirements.in:1", "requirements", False),
        ("requirements.txt:10", "lock", True),
    ]
    cur = pins.current_from_pins(tmp_path)
    assert (cur.version, cur.source, cur.exact) == ("3.2.25", "requirements.txt:10", True)
    changes = pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "requirements.in") == "django>=4.0,<4.1\n"
    assert get(tmp_path, "requirements.txt") == COMPILED  # hashes cannot be invented
    regen = [c for c in changes if c.regenerate]
    assert [c.source for c in regen] == ["requirements.txt:10"]
    assert "pip-compile --generate-hashes requirements.in --upgrade-package django" in regen[0].note
    (lock,) = pins.lock_files(tmp_path)
    assert lock.tool == "pip-compile" and lock.path == tmp_path / "requirements.txt"
    assert lock.regenerate_cmd == [
        "pip-compile", "--generate-hashes", "requirements.in", "--upgrade-package", "django",
        "--output-file", "requirements.txt",
    ]


def test_pip_compile_without_hashes_is_bumped(tmp_path):
    put(tmp_path, "requirements/base.in", "django<4\n")
    text = "# This file is autogenerated by pip-compile with Python 3.11\ndjango==3.2.25\n    # via -r requirements/base.in\n"
    put(tmp_path, "requirements/base.txt", text)
    pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "requirements/base.txt") == text.replace("3.2.25", "4.0.10")
    assert get(tmp_path, "requirements/base.in") == "django<5\n"
    (lock,) = pins.lock_files(tmp_path)
    assert lock.regenerate_cmd == [
        "pip-compile", "--upgrade-package", "django", "requirements/base.in", "--output-file", "requirements/base.txt"
    ]


# --------------------------------------------------------------------------------------------
# pyproject.toml: PEP 621 and Poetry
# --------------------------------------------------------------------------------------------
PEP621_BEFORE = """\
[project]
name = "shop"
dependencies = [
    'Django[argon2]~=3.2.0',  # the framework
    "requests>=2",
    "django-filter; python_version >= \\"3.8\\"",
]

[project.optional-dependencies]
dev = ["Django>=3.2,<4.0 ; python_version >= \\"3.8\\"", "pytest"]
"""
PEP621_AFTER = """\
[project]
name = "shop"
dependencies = [
    'Django[argon2]~=4.0.0',  # the framework
    "requests>=2",
    "django-filter; python_version >= \\"3.8\\"",
]

[project.optional-dependencies]
dev = ["Django>=4.0,<4.1 ; python_version >= \\"3.8\\"", "pytest"]
"""


def test_pep621_read_and_bump(tmp_path):
    put(tmp_path, "pyproject.toml", PEP621_BEFORE)
    found = pins.find_django_pins(tmp_path)
    assert [(p.source, p.kind, p.specifier) for p in found] == [
        ("pyproject.toml:4", "pyproject-pep621", "~=3.2.0"),
        ("pyproject.toml:10", "pyproject-pep621", ">=3.2,<4.0"),
    ]
    assert pins.current_from_pins(tmp_path).version == "3.2"
    changes = pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "pyproject.toml") == PEP621_AFTER
    assert [c.line for c in changes] == [4, 10]
    assert pins.bump_django(tmp_path, "4.0.10", kind="site") == []


POETRY_BEFORE = """\
[tool.poetry]\r
name = "shop"\r
\r
[tool.poetry.dependencies]\r
python = "^3.8"\r
Django = { version = "^3.2", extras = ["argon2"] }  # web\r
celery = "*"\r
\r
[tool.poetry.group.dev.dependencies]\r
django = '~3.2'\r
"""


def test_poetry_read_and_bump_crlf(tmp_path):
    put(tmp_path, "pyproject.toml", POETRY_BEFORE)
    found = pins.find_django_pins(tmp_path)
    assert [(p.source, p.kind, p.specifier, p.extras) for p in found] == [
        ("pyproject.toml:6", "pyproject-poetry", "^3.2", ("argon2",)),
        ("pyproject.toml:10", "pyproject-poetry", "~3.2", ()),
    ]
    assert pins.current_from_pins(tmp_path).version == "3.2"
    assert pins.bump_django(tmp_path, "3.2.25", kind="site") == []  # ^3.2 and ~3.2 admit 3.2.25
    pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "pyproject.toml") == POETRY_BEFORE.replace("^3.2", "^4.0").replace("~3.2", "~4.0")


def test_poetry_caret_range_gives_highest_of_major(tmp_path):
    put(tmp_path, "pyproject.toml", '[tool.poetry.dependencies]\ndjango = "^4.0"\n')
    cur = pins.current_from_pins(tmp_path)
    assert (cur.version, cur.exact) == ("4.2", False)


def test_malformed_pyproject_is_one_line_usage_error(tmp_path):
    put(tmp_path, "pyproject.toml", "[project\ndependencies = [\n")
    with pytest.raises(UsageError) as info:
        pins.find_django_pins(tmp_path)
    assert "pyproject.toml" in str(info.value) and "\n" not in str(info.value)


# --------------------------------------------------------------------------------------------
# setup.cfg and setup.py
# --------------------------------------------------------------------------------------------
SETUP_CFG = """\
[metadata]
name = shop

[options]
packages = find:
install_requires =
    requests
    Django >= 3.2, < 4.0  ; python_version >= "3.8"
# a comment
[options.extras_require]
argon = django[argon2]==3.2.25
"""


def test_setup_cfg_read_and_bump(tmp_path):
    put(tmp_path, "setup.cfg", SETUP_CFG)
    found = pins.find_django_pins(tmp_path)
    assert [(p.source, p.specifier) for p in found] == [("setup.cfg:8", ">= 3.2, < 4.0"), ("setup.cfg:11", "==3.2.25")]
    changes = pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "setup.cfg") == SETUP_CFG.replace(">= 3.2, < 4.0", ">= 4.0, < 4.1").replace("==3.2.25", "==4.0.10")
    assert len(changes) == 2


def test_setup_cfg_malformed(tmp_path):
    put(tmp_path, "setup.cfg", "install_requires = django\n")
    with pytest.raises(UsageError) as info:
        pins.find_django_pins(tmp_path)
    assert "setup.cfg" in str(info.value)


SETUP_PY = """\
from setuptools import setup

REQUIRES = [
    "Django>=3.2,<4.0",  # framework
    'requests',
]

setup(
    name="shop",
    install_requires=REQUIRES,
    extras_require={"argon": [u'django[argon2]~=3.2']},
)
"""


def test_setup_py_read_and_bump(tmp_path):
    put(tmp_path, "setup.py", SETUP_PY)
    found = pins.find_django_pins(tmp_path)
    assert [(p.source, p.specifier, p.kind) for p in found] == [
        ("setup.py:4", ">=3.2,<4.0", "setup.py"),
        ("setup.py:11", "~=3.2", "setup.py"),
    ]
    pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "setup.py") == SETUP_PY.replace(">=3.2,<4.0", ">=4.0,<4.1").replace("~=3.2", "~=4.0")


def test_setup_py_syntax_error_is_reported(tmp_path):
    put(tmp_path, "setup.py", "setup(install_requires=['django==3.2'\n")
    problems = []
    assert pins.find_django_pins(tmp_path, problems) == []
    assert problems and "setup.py" in problems[0]


# --------------------------------------------------------------------------------------------
# Pipfile and lock files
# --------------------------------------------------------------------------------------------
PIPFILE = """\
[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
django = "==3.2.25"
requests = "*"

[dev-packages]
"Django" = {version = ">=3.2,<4.0", extras = ["bcrypt"]}
"""


def test_pipfile_and_pipfile_lock(tmp_path):
    put(tmp_path, "Pipfile", PIPFILE)
    put(tmp_path, "Pipfile.lock", '{\n  "_meta": {},\n  "default": {\n    "django": {\n      "hashes": [],\n      "version": "==3.2.19"\n    }\n  },\n  "develop": {}\n}\n')
    found = pins.find_django_pins(tmp_path)
    assert [(p.source, p.kind, p.specifier, p.version) for p in found] == [
        ("Pipfile:7", "Pipfile", "==3.2.25", "3.2.25"),
        ("Pipfile:11", "Pipfile", ">=3.2,<4.0", None),
        ("Pipfile.lock:4", "lock", "==3.2.19", "3.2.19"),
    ]
    cur = pins.current_from_pins(tmp_path)  # the lock wins
    assert (cur.version, cur.source, cur.exact) == ("3.2.19", "Pipfile.lock:4", True)
    pins.bump_django(tmp_path, "4.0.10", kind="site")
    assert get(tmp_path, "Pipfile") == PIPFILE.replace("==3.2.25", "==4.0.10").replace(">=3.2,<4.0", ">=4.0,<4.1")
    (lock,) = pins.lock_files(tmp_path)
    assert (lock.tool, lock.regenerate_cmd) == ("pipenv", ["pipenv", "lock"])


UV_LOCK = """\
version = 1
requires-python = ">=3.10"

[[package]]
name = "asgiref"
version = "3.8.1"

[[package]]
name = "django"
version = "4.2.11"
source = { registry = "https://pypi.org/simple" }
"""


def test_uv_lock_wins_over_range(tmp_path):
    put(tmp_path, "pyproject.toml", '[project]\nname = "x"\ndependencies = ["django>=4.2,<5"]\n')
    put(tmp_path, "uv.lock", UV_LOCK)
    cur = pins.current_from_pins(tmp_path)
    assert (cur.version, cur.source, cur.exact) == ("4.2.11", "uv.lock:9", True)
    changes = pins.bump_django(tmp_path, "5.0.14", kind="site")
    assert get(tmp_path, "uv.lock") == UV_LOCK  # lock files are regenerated, never edited
    assert [c.new for c in changes] == ['dependencies = ["django>=5.0,<6"]']
    (lock,) = pins.lock_files(tmp_path)
    assert lock.regenerate_cmd == ["uv", "lock", "--upgrade-package", "django"]


def test_poetry_lock_read(tmp_path):
    put(tmp_path, "pyproject.toml", '[tool.poetry.dependencies]\ndjango = "^3.2"\n')
    put(tmp_path, "poetry.lock", '[[package]]\nname = "Django"\nversion = "3.2.20"\ndescription = ""\n')
    cur = pins.current_from_pins(tmp_path)
    assert (cur.version, cur.source) == ("3.2.20", "poetry.lock:2")
    (lock,) = pins.lock_files(tmp_path)
    assert lock.tool == "poetry" and lock.regenerate_cmd[:2] == ["poetry", "lock"]


def test_malformed_lock_is_reported_not_fatal(tmp_path):
    put(tmp_path, "requirements.txt", "django==3.2.25\n")
    put(tmp_path, "uv.lock", "[[package]\nname=")
    problems = []
    cur = pins.current_from_pins(tmp_path, problems)
    assert cur.version == "3.2.25"
    assert problems and "uv.lock" in problems[0]


def test_regenerate_missing_tool_says_what_to_run(tmp_path, monkeypatch):
    put(tmp_path, "Pipfile", PIPFILE)
    put(tmp_path, "Pipfile.lock", "{}")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    (lock,) = pins.lock_files(tmp_path)
    assert lock.available is False
    result = pins.regenerate(lock)
    assert not result.ok and "pipenv lock" in result.output


def test_calendar_bump(tmp_path):
    put(tmp_path, "requirements.txt", "django>=6.2,<6.3\n")
    pins.bump_django(tmp_path, "2028.1", kind="site")
    assert get(tmp_path, "requirements.txt") == "django>=2028,<2029\n"
    assert pins.current_from_pins(tmp_path).version == "2028"
