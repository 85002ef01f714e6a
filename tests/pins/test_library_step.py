"""``django-upgrade step`` on a reusable app (a library): a real venv (Django 3.2.25), the app installed
editable; its range is widened, its classifier / tox envlist get the new release, and the files that name
one Django version are left alone (and not installed with the new Django)."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.deps.legacy_project import console_script, env, git
from tests.venvs import make_venv, python_for

pytestmark = pytest.mark.integration

SETUP_PY = '''from setuptools import setup

setup(
    name="django-widgets",
    version="1.0",
    packages=["widgets"],
    install_requires=["Django>=3.2,<4.0"],
    classifiers=[
        "Framework :: Django",
        "Framework :: Django :: 3.2",
    ],
)
'''

TOX = "[tox]\nenvlist = py310-django{32}\n\n[testenv]\ndeps =\n    django32: Django>=3.2,<3.3\ncommands = python runtests.py\n"

RUNTESTS = '''import os
import sys

import django
from django.conf import settings
from django.test.utils import get_runner

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()
sys.exit(bool(get_runner(settings)().run_tests(["tests"])))
'''

UTILS = "from django.utils.encoding import force_text\n\n\ndef label(value):\n    return force_text(value)\n"

TESTS = '''from django.test import SimpleTestCase

from widgets.utils import label


class LabelTests(SimpleTestCase):
    def test_label(self):
        self.assertEqual(label(3), "3")
'''


def _write(root):
    files = {
        "setup.py": SETUP_PY, "tox.ini": TOX, "runtests.py": RUNTESTS, "requirements/django32.txt": "Django>=3.2,<3.3\n",
        "widgets/__init__.py": "", "widgets/utils.py": UTILS, "tests/__init__.py": "",
        "tests/settings.py": 'SECRET_KEY = "x"\nINSTALLED_APPS = ["widgets"]\nUSE_TZ = True\n', "tests/test_utils.py": TESTS,
        ".gitignore": ".venv/\n*.egg-info/\n__pycache__/\n.django-upgrade/\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")


def test_step_on_a_library_widens_its_range_and_leaves_version_specific_files_alone(tmp_path):
    root = tmp_path / "widgets"
    root.mkdir()
    _write(root)
    py = make_venv(python_for(django="3.2"), ["django==3.2.25"], fresh=root / ".venv")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", str(root)],
                   check=True, capture_output=True, text=True)
    plan = subprocess.run([console_script(), "plan", str(root), "--python", str(py), "--to", "4.0", "--format", "json"],
                          capture_output=True, text=True, env=env(), timeout=300)
    assert json.loads(plan.stdout)["project_kind"]["kind"] == "library", plan.stderr
    proc = subprocess.run([console_script(), "step", str(root), "--python", str(py), "--format", "json"], capture_output=True,
                          text=True, env=env(), timeout=1500)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    setup = (root / "setup.py").read_text()
    assert '"Django>=3.2,<4.1"' in setup  # widened: 3.2 is still supported
    assert '"Framework :: Django :: 3.2",\n        "Framework :: Django :: 4.0",' in setup
    assert "py310-django{32,40}" in (root / "tox.ini").read_text()
    assert "    django32: Django>=3.2,<3.3\n    django40: Django>=4.0,<4.1\n" in (root / "tox.ini").read_text()
    assert (root / "requirements" / "django32.txt").read_text() == "Django>=3.2,<3.3\n"
    assert "force_str" in (root / "widgets" / "utils.py").read_text()
