"""Small real Django projects for the harvester and report tests, one flavour per Django line.

Each flavour's code triggers real deprecation warnings of that Django release from settings, models,
views, templates and tests. ``EXPECT[flavour]`` lists, for each one, the message fragment, the file
(relative to the project) and the marker comment on the line the report must point to (None when
Django points into its own code, e.g. templates).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

VENV_EXTRA = ["pytest==9.2.0", "pytest-django==4.14.0", "pytest-xdist==3.8.0"]
FLAVOURS = {
    # flavour: (python feature version, django requirement)
    "4.2": ("3.11", "django==4.2.30"),
    "5.2": ("3.12", "django==5.2.19"),
    "6.1": ("3.12", "django==6.1.3"),
}

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
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "demo",
]
MIDDLEWARE = []
ROOT_URLCONF = "proj.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True}]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
{extra}
'''

URLS = '''\
from django.urls import path

from demo import views

urlpatterns = [path("page/", views.page), path("data/", views.data)]
'''

# flavour -> snippets (settings extra, models, views, template, tests)
CODE = {
    "4.2": dict(
        settings='USE_L10N = True  # expect:settings\n',
        models='''\
            from django.db import models
            from django.utils.timezone import utc  # expect:models


            class Item(models.Model):
                name = models.CharField(max_length=20)
                created = models.DateTimeField(null=True)
            ''',
        views='''\
            from django.core.signing import Signer
            from django.http import HttpResponse
            from django.shortcuts import render


            def page(request):
                return render(request, "demo/page.html", {"words": ["a", "b"]})


            def data(request):
                signer = Signer("secret", ":")  # expect:views
                return HttpResponse(signer.sign("x"))
            ''',
        template='{% if words|length_is:2 %}two{% endif %}\n',
        test_body='''\
                def test_queryset_equal(self):
                    Item.objects.create(name="x")
                    self.assertQuerysetEqual(Item.objects.all(), ["x"], transform=lambda i: i.name)  # expect:tests
            ''',
    ),
    "5.2": dict(
        settings='FORMS_URLFIELD_ASSUME_HTTPS = True  # expect:settings\n',
        models='''\
            from django.db import models
            from django.utils.itercompat import is_iterable

            is_iterable([1])  # expect:models


            class Item(models.Model):
                name = models.CharField(max_length=20)
                created = models.DateTimeField(null=True)
            ''',
        views='''\
            from django.http import HttpResponse
            from django.shortcuts import render
            from django.utils.html import format_html


            def page(request):
                return render(request, "demo/page.html", {"words": ["a", "b"]})


            def data(request):
                return HttpResponse(format_html("<b>x</b>"))  # expect:views
            ''',
        template='{% for w in words %}{{ w }}{% endfor %}\n',
        test_body='''\
                def test_save_positional(self):
                    item = Item(name="x")
                    item.save(False)  # expect:tests
            ''',
    ),
    "6.1": dict(
        settings='EMAIL_HOST = "mail.example.com"  # expect:settings\n',
        models='''\
            from django.db import models
            from django.utils.crypto import salted_hmac

            TOKEN = salted_hmac("demo", "value").hexdigest()  # expect:models


            class Item(models.Model):
                name = models.CharField(max_length=20)
                created = models.DateTimeField(null=True)
            ''',
        views='''\
            from django.http import HttpResponse
            from django.shortcuts import render

            from demo.models import Item


            def page(request):
                return render(request, "demo/page.html", {"book": {"title": "t"}, "words": ["a"]})  # expect:template


            def data(request):
                return HttpResponse(str(list(Item.objects.values_list(flat=True))))  # expect:views
            ''',
        template='{{ book..title }}\n',
        test_body='''\
                def test_savepoint(self):
                    from django.db import transaction

                    sid = transaction.savepoint()  # expect:tests
                    transaction.savepoint_rollback(sid)
            ''',
    ),
}

EXPECT = {
    "4.2": [
        ("The USE_L10N setting is deprecated", "proj/settings.py", "expect:settings"),
        ("The django.utils.timezone.utc alias is deprecated", "demo/models.py", "expect:models"),
        ("Passing positional arguments to Signer is deprecated", "demo/views.py", "expect:views"),
        ("length_is template filter is deprecated", None, None),
        ("assertQuerysetEqual() is deprecated", "demo/tests.py", "expect:tests"),
    ],
    "5.2": [
        ("The FORMS_URLFIELD_ASSUME_HTTPS transitional setting is deprecated", "proj/settings.py", "expect:settings"),
        ("django.utils.itercompat.is_iterable() is deprecated", "demo/models.py", "expect:models"),
        ("Calling format_html() without passing args or kwargs is deprecated", "demo/views.py", "expect:views"),
        ("Passing positional arguments to save() is deprecated", "demo/tests.py", "expect:tests"),
    ],
    "6.1": [
        ("The EMAIL_HOST setting is deprecated", "proj/settings.py", "expect:settings"),
        ("The default argument for algorithm in salted_hmac()", "demo/models.py", "expect:models"),
        ("Calling values_list() with no field name and flat=True is deprecated", None, None),
        ("Support for double-dot lookups", "demo/views.py", "expect:template"),
        ("savepoint() is deprecated", "demo/tests.py", "expect:tests"),
    ],
}

TESTS = '''\
from django.test import SimpleTestCase, TestCase

from demo.models import Item


class PageTests(TestCase):
    def test_page(self):
        response = self.client.get("/page/")
        self.assertEqual(response.status_code, 200)

    def test_data(self):
        response = self.client.get("/data/")
        self.assertEqual(response.status_code, 200)


class ModelTests(TestCase):
{test_body}

class PlainTests(SimpleTestCase):
    def test_one(self):
        self.assertTrue(True)

    def test_two(self):
        self.assertEqual(1 + 1, 2)
{extra_tests}'''

PYTEST_INI = '''\
[pytest]
DJANGO_SETTINGS_MODULE = proj.settings
python_files = tests.py test_*.py
'''


def make_project(root: Path, flavour: str, pytest: bool = False, extra_tests: str = "", failing: bool = False) -> Path:
    """Write the project for ``flavour`` under ``root`` and return its directory."""
    code = CODE[flavour]
    root.mkdir(parents=True, exist_ok=True)
    (root / "manage.py").write_text(MANAGE)
    (root / "proj").mkdir(exist_ok=True)
    (root / "proj" / "__init__.py").write_text("")
    (root / "proj" / "settings.py").write_text(SETTINGS.replace("{extra}", code["settings"]))
    (root / "proj" / "urls.py").write_text(URLS)
    app = root / "demo"
    (app / "templates" / "demo").mkdir(parents=True, exist_ok=True)
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(textwrap.dedent(code["models"]))
    (app / "views.py").write_text(textwrap.dedent(code["views"]))
    (app / "templates" / "demo" / "page.html").write_text(code["template"])
    body = textwrap.indent(textwrap.dedent(code["test_body"]), "    ")
    extra = extra_tests
    if failing:
        extra += textwrap.dedent('''

            class BrokenTests(SimpleTestCase):
                def test_broken(self):
                    raise ValueError("deliberately broken for the report tests")
            ''')
    (app / "tests.py").write_text(TESTS.replace("{test_body}", body).replace("{extra_tests}", extra))
    if pytest:
        (root / "pytest.ini").write_text(PYTEST_INI)
    return root


def expected_line(project: Path, rel: str, marker: str) -> int:
    for i, line in enumerate((project / rel).read_text().splitlines(), 1):
        if marker in line:
            return i
    raise AssertionError(f"{marker} not in {rel}")
