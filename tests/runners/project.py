"""A small real Django project for the runner tests: 6 tests with known outcomes and warnings, on any
Django from 2.2 to 5.x.

Outcomes: 3 pass (one raises a Django deprecation warning from demo/compat.py, one Django's own
non-deprecation warnings: a naive datetime and, on 4.x, DeleteViewCustomDeleteWarning), 1 fails
(AssertionError), 1 errors (ValueError raised in demo/logic.py), 1 is skipped.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

MANAGE = '''\
#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
'''

SETTINGS = '''\
SECRET_KEY = "test-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "demo"{apps}]
MIDDLEWARE = []
ROOT_URLCONF = "proj.urls"
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}}
TEMPLATES = [{{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True}}]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
{extra}
'''

URLS = '''\
urlpatterns = []
'''

MODELS = '''\
from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=20)
    created = models.DateTimeField(null=True)
'''

COMPAT = '''\
import django


def deprecated_call():
    if django.VERSION < (4, 0):
        from django.utils.encoding import force_text

        return force_text("x")  # expect:deprecation
    from django.utils.timezone import utc  # expect:deprecation

    return utc
'''

LOGIC = '''\
def compute(value):
    if value < 0:
        raise ValueError("negative values are not allowed: %d" % value)  # expect:raise
    return value
'''

VIEWS = '''\
from django.http import HttpResponse
from django.views.generic import DeleteView

from demo.models import Item


class ItemDelete(DeleteView):
    model = Item
    success_url = "/"

    def delete(self, request, *args, **kwargs):
        return HttpResponse("custom")
'''

TESTS = '''\
import datetime
import unittest

import django
from django.test import RequestFactory, SimpleTestCase, TestCase

from demo import compat, logic
from demo.models import Item


class DemoTests(TestCase):
    def test_deprecated(self):
        compat.deprecated_call()

    def test_django_other_warnings(self):
        Item.objects.create(name="x", created=datetime.datetime(2020, 1, 1))  # naive: RuntimeWarning
        if django.VERSION >= (4, 0):
            from demo.views import ItemDelete

            ItemDelete()  # DeleteViewCustomDeleteWarning

    def test_fails(self):
        self.assertEqual(1, 2, "one is not two")


class PlainTests(SimpleTestCase):
    def test_passes(self):
        self.assertTrue(True)

    def test_errors(self):
        logic.compute(-1)

    @unittest.skip("not today")
    def test_skipped(self):
        pass
'''

PYTEST_INI = '''\
[pytest]
DJANGO_SETTINGS_MODULE = proj.settings
python_files = tests.py test_*.py
{addopts}
'''

# nodeid / unittest id of each test and its outcome
OUTCOMES = {
    "DemoTests.test_deprecated": "passed",
    "DemoTests.test_django_other_warnings": "passed",
    "DemoTests.test_fails": "failed",
    "PlainTests.test_passes": "passed",
    "PlainTests.test_errors": "error",
    "PlainTests.test_skipped": "skipped",
}
COUNTS = {"passed": 3, "failed": 1, "errors": 1, "skipped": 1}


def make_project(root: Path, pytest_addopts: str | None = None, settings_extra: str = "", apps: tuple = ()) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "manage.py").write_text(MANAGE)
    (root / "proj").mkdir(exist_ok=True)
    (root / "proj" / "__init__.py").write_text("")
    app_list = "".join(f", {a!r}" for a in apps)
    (root / "proj" / "settings.py").write_text(SETTINGS.format(apps=app_list, extra=settings_extra))
    (root / "proj" / "urls.py").write_text(URLS)
    app = root / "demo"
    app.mkdir(exist_ok=True)
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(MODELS)
    (app / "compat.py").write_text(COMPAT)
    (app / "logic.py").write_text(LOGIC)
    (app / "views.py").write_text(VIEWS)
    (app / "tests.py").write_text(TESTS)
    if pytest_addopts is not None:
        (root / "pytest.ini").write_text(PYTEST_INI.format(addopts=f"addopts = {pytest_addopts}" if pytest_addopts else ""))
    return root


def line_of(project: Path, rel: str, marker: str) -> int:
    for i, text in enumerate((project / rel).read_text().splitlines(), 1):
        if marker in text:
            return i
    raise AssertionError(f"{marker} not in {rel}")


def short(test_id: str) -> str:
    """``demo/tests.py::DemoTests::test_fails`` or ``demo.tests.DemoTests.test_fails`` -> ``DemoTests.test_fails``."""
    if "::" in test_id:
        return ".".join(test_id.split("::")[1:])
    return ".".join(test_id.split(".")[-2:])


def dedent(text: str) -> str:
    return textwrap.dedent(text)
