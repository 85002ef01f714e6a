"""A small real Django 3.2 site whose suite imports a third-party package built in the test
(``legacy-compressor``, see tests/deps/wheel_index.py), in a real virtualenv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.deps.wheel_index import WheelIndex, legacy_compressor_wheels
from tests.venvs import make_venv, missing, python_for

MANAGE = '''#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopsite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
'''

SETTINGS = '''SECRET_KEY = "test-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "shop"]
MIDDLEWARE = []
ROOT_URLCONF = "shopsite.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
'''

# the project's OWN code uses force_text too: the project is never its own third-party blocker
SHOP_UTILS = '''from django.utils.encoding import force_text


def label(value):
    return force_text(value)
'''

SHOP_TESTS = '''from django.test import SimpleTestCase

from legacy_compressor import compress


class CompressTests(SimpleTestCase):
    def test_compress(self):
        self.assertEqual(compress("  a  "), "a")
'''

SETUP_PY = '''from setuptools import setup

setup(name="shop-site", version="1.0", packages=["shop", "shopsite"], install_requires=["Django==3.2.25"])
'''


def console_script() -> str:
    """The tool's ``django-upgrade`` console script (on PATH or beside this interpreter); skips without it."""
    found = shutil.which("django-upgrade") or os.path.join(os.path.dirname(sys.executable), "django-upgrade")
    if not os.path.exists(found):
        missing("the django-upgrade console script is not installed (pip install -e .)")
    return found


def env(**extra) -> dict:
    out = dict(os.environ)
    out.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid", NO_COLOR="1")
    out.pop("VIRTUAL_ENV", None)
    out.update(extra)
    return out


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True,
                          env=env()).stdout


def write_project(root: Path, legacy_version: str = "1.0") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "manage.py").write_text(MANAGE)
    (root / "shopsite").mkdir(exist_ok=True)
    (root / "shopsite" / "__init__.py").write_text("")
    (root / "shopsite" / "settings.py").write_text(SETTINGS)
    (root / "shopsite" / "urls.py").write_text("urlpatterns = []\n")
    (root / "shop").mkdir(exist_ok=True)
    (root / "shop" / "__init__.py").write_text("")
    (root / "shop" / "utils.py").write_text(SHOP_UTILS)
    (root / "shop" / "tests.py").write_text(SHOP_TESTS)
    (root / "setup.py").write_text(SETUP_PY)
    (root / "requirements.txt").write_text(f"Django==3.2.25\nlegacy-compressor=={legacy_version}\n")
    (root / ".gitignore").write_text(".venv/\n*.egg-info/\n__pycache__/\n.django-upgrade/\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")
    return root


def make(tmp: Path, index: WheelIndex, legacy_version: str = "1.0", editable: bool = True) -> tuple[Path, Path]:
    """(project dir, its venv's python): Django 3.2.25 + legacy-compressor from ``index`` + the project
    itself installed editable."""
    project = write_project(tmp / "proj", legacy_version)
    py = make_venv(python_for(django="3.2"), ["django==3.2.25"], fresh=project / ".venv")
    pip = [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
    subprocess.run([*pip, "--index-url", index.simple_url, f"legacy-compressor=={legacy_version}"], check=True,
                   capture_output=True, text=True)
    if editable:
        subprocess.run([*pip, "--no-build-isolation", "-e", str(project)], check=True, capture_output=True,
                       text=True)
    return project, py


def wheels(tmp: Path) -> Path:
    legacy_compressor_wheels(tmp / "wheels")
    return tmp / "wheels"
