"""Every failure signature of behaviour.json that names its source is checked against the real Django
release it was verified on: the wheel (pip download, pip's cache) holds the file, and the file holds
the literal text Django raises or warns with. Django 4.1's ValueError and 5.1's RenameIndex error are
also triggered for real, and their messages match the signatures."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import release_data
from tests.venvs import cache_root

pytestmark = pytest.mark.integration

DATA = release_data.load(use_refreshed=False)
SIGS = [(i.id, s) for r in DATA.releases for i in r.incompatible for s in i.signatures if s.source]


def _wheel(version: str) -> Path:
    d = cache_root().parent / "wheels"
    d.mkdir(parents=True, exist_ok=True)
    found = [p for p in d.glob("*.whl") if p.name.lower().startswith(f"django-{version}-")]
    if found:
        return found[0]
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    "--disable-pip-version-check", "--python-version", "3.12", f"django=={version}", "-d", str(d)], check=True, timeout=600)
    return next(p for p in d.glob("*.whl") if p.name.lower().startswith(f"django-{version}-"))


def test_there_are_verified_signatures():
    assert len(SIGS) >= 20
    assert {s.verified for _, s in SIGS} >= {"4.0.10", "4.1.13", "5.0.14", "5.1.15"}


@pytest.mark.parametrize("version", sorted({s.verified for _, s in SIGS}))
def test_sources_hold_the_message(version):
    with zipfile.ZipFile(_wheel(version)) as zf:
        for cid, s in SIGS:
            if s.verified != version:
                continue
            text = zf.read(s.source["file"]).decode("utf-8")
            assert s.source["contains"] in text, (cid, version, s.source)


TRIGGER_41 = '''
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
                   DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}})
django.setup()
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
ct = ContentType(app_label="a", model="b")
for make in (lambda: ct.permission_set.all(), lambda: ct.permission_set.create(name="x", codename="x")):
    try:
        make()
    except ValueError as exc:
        print(type(exc).__name__ + "|" + str(exc))
'''


def test_unsaved_related_manager_message_on_4_1():
    from tests.venvs import make_venv, python_for

    py = str(make_venv(python_for(python="3.10"), ["django==4.1.13"]))
    out = subprocess.run([py, "-c", TRIGGER_41], capture_output=True, text=True, timeout=120).stdout.strip().splitlines()
    assert len(out) == 2, "a ValueError from each related manager call"
    item = {i.id: i for i in DATA.incompatible("4.1")}["4.1-unsaved-reverse-fk"]
    for line in out:
        exc, _, msg = line.partition("|")
        assert any(s.matches(exc, msg) for s in item.signatures), line


TRIGGER_50 = '''
import django
from django.conf import settings
settings.configure(DATABASES={}, INSTALLED_APPS=[])
django.setup()
from django.http import HttpResponse
from django.test import SimpleTestCase
class T(SimpleTestCase):
    def runTest(self):
        pass
t = T()
for args in ((HttpResponse(), "form", "field", "err"), (HttpResponse(), "form", "field", "err", "x")):
    try:
        t.assertFormError(*args)
    except Exception as exc:
        print(type(exc).__name__ + "|" + str(exc))
'''


def test_assert_form_error_old_signature_on_5_0():
    from tests.venvs import make_venv, python_for

    py = str(make_venv(python_for(python="3.12"), ["django==5.0.14"]))
    out = subprocess.run([py, "-c", TRIGGER_50], capture_output=True, text=True, timeout=120).stdout.strip().splitlines()
    assert len(out) == 2, out
    item = {i.id: i for i in DATA.incompatible("5.0")}["5.0-assertformerror-response"]
    for line in out:
        exc, _, msg = line.partition("|")
        assert any(s.matches(exc, msg) for s in item.signatures), line


SETUP = '''
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"],
                   DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
                   ROOT_URLCONF=__name__, SECRET_KEY="x", CSRF_TRUSTED_ORIGINS=["example.com"],
                   MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                               "django.contrib.auth.middleware.AuthenticationMiddleware"],
                   TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
django.setup()
from django.urls import path
from django.contrib.auth.views import LogoutView
urlpatterns = [path("logout/", LogoutView.as_view(next_page="/"), name="logout")]
def report(fn):
    try:
        fn()
    except BaseException as exc:
        print(type(exc).__name__ + "|" + str(exc).replace("\\n", " "))
'''

# (python, django) -> [(change id, code raising the failure)]
TRIGGERS = {
    ("3.10", "4.1.13"): [
        ("4.0-csrf-trusted-origins-scheme", "from django.core import checks\n"
         "for m in checks.run_checks(): print('SystemCheckError|' + str(m))"),
    ],
    ("3.12", "5.0.14"): [
        ("5.0-timezone-utc-removed", "report(lambda: exec('from django.utils.timezone import utc'))"),
        ("5.0-logout-via-get", "from django.test import Client, SimpleTestCase\n"
         "r = Client().get('/logout/')\n"
         "class T(SimpleTestCase):\n    def runTest(self): pass\n"
         "report(lambda: T().assertRedirects(r, '/', fetch_redirect_response=False))"),
    ],
    ("3.12", "5.1.15"): [
        ("5.1-get-storage-class-removed", "report(lambda: exec('from django.core.files.storage import get_storage_class'))"),
        ("5.1-length-is-removed", "from django.template import Template\n"
         "report(lambda: Template('{% if x|length_is:2 %}{% endif %}'))"),
        ("5.1-index-together-removed", "from django.db import models\n"
         "def make():\n    class Order(models.Model):\n        a = models.IntegerField()\n"
         "        class Meta:\n            app_label = 'auth'\n            index_together = [('a',)]\n"
         "report(make)"),
    ],
}


@pytest.mark.parametrize("key", sorted(TRIGGERS), ids=lambda k: k[1])
def test_triggered_on_the_real_release(key):
    """Each failure raised for real on its release matches the change's signatures (and only counts
    when the signature's exception type is the one raised)."""
    from tests.venvs import make_venv, python_for

    python, version = key
    py = str(make_venv(python_for(python=python), [f"django=={version}"]))
    for change_id, code in TRIGGERS[key]:
        proc = subprocess.run([py, "-c", SETUP + code], capture_output=True, text=True, timeout=120)
        lines = [ln for ln in proc.stdout.splitlines() if "|" in ln]
        assert lines, (change_id, proc.stdout, proc.stderr[-2000:])
        item = next(i for r in DATA.releases for i in r.incompatible if i.id == change_id)
        hits = [ln for ln in lines if any(s.matches(*ln.split("|", 1)) for s in item.signatures)]
        assert hits, (change_id, lines)
