"""The embedded example (examples/legacy_shop) is real legacy code: its suite passes on Django 3.2.25,
it shows the deprecation warnings the tool is meant to fix, and it breaks on 4.0 until they are fixed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.venvs import make_venv, python_for

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "legacy_shop"

# What the example's README promises, checked against the files (the later tests rely on these).
DEPRECATED_USES = {
    "from django.conf.urls import include, url": ["legacy_shop/urls.py"],
    "from django.conf.urls import url": ["catalog/urls.py", "orders/urls.py"],
    "ugettext_lazy": ["catalog/models.py", "orders/models.py", "catalog/apps.py", "orders/apps.py", "catalog/forms.py"],
    "ugettext": ["orders/forms.py", "orders/views.py", "catalog/views.py"],
    "force_text(": ["catalog/models.py", "catalog/management/commands/export_catalog.py"],
    "smart_text(": ["catalog/views.py"],
    "urlquote(": ["catalog/views.py"],
    "is_safe_url(": ["orders/views.py"],
    "request.is_ajax()": ["catalog/views.py", "orders/views.py"],
    "Signal(providing_args=": ["catalog/signals.py", "orders/signals.py"],
    "get_random_string()": ["orders/models.py"],
    "models.NullBooleanField(": ["catalog/models.py", "orders/models.py", "catalog/migrations/0001_initial.py"],
    "index_together": ["catalog/models.py", "orders/models.py", "orders/migrations/0001_initial.py"],
    "default_app_config": ["catalog/__init__.py", "orders/__init__.py"],
    "requires_system_checks = False": ["catalog/management/commands/export_catalog.py"],
    "from django.utils.timezone import utc": ["catalog/models.py", "catalog/tests.py"],
    "timezone.utc": ["orders/models.py"],
    "assertFormError(response, 'form'": ["catalog/tests.py", "orders/tests.py"],
    "assertQuerysetEqual(": ["catalog/tests.py", "orders/tests.py"],
    "get_storage_class": ["catalog/storage.py"],
    "{% load staticfiles %}": ["templates/base.html"],
    "{% ifequal": ["catalog/templates/catalog/product_detail.html", "orders/templates/orders/order_detail.html"],
    "|length_is:": ["catalog/templates/catalog/product_list.html"],
    "USE_L10N = True": ["legacy_shop/settings.py"],
    "DEFAULT_FILE_STORAGE = ": ["legacy_shop/settings.py"],
    "STATICFILES_STORAGE = ": ["legacy_shop/settings.py"],
    "PASSWORD_RESET_TIMEOUT_DAYS = ": ["legacy_shop/settings.py"],
}


def test_example_uses_the_deprecated_apis_its_readme_lists():
    readme = (EXAMPLE / "README.md").read_text()
    for snippet, files in DEPRECATED_USES.items():
        for rel in files:
            text = (EXAMPLE / rel).read_text()
            assert snippet in text, f"{snippet!r} not in {rel}"
            assert rel.split("/")[-1] in readme or rel.split("/")[0] in readme
    settings = (EXAMPLE / "legacy_shop" / "settings.py").read_text()
    assert "DEFAULT_AUTO_FIELD =" not in settings
    assert re.search(r"FileBasedCache", settings) and re.search(r"LocMemCache", settings)
    assert (EXAMPLE / "requirements.txt").read_text().strip() == "Django==3.2.25"
    ignored = (EXAMPLE / ".gitignore").read_text().split()
    assert "db.sqlite3" in ignored and "var/" in ignored


def _copy_example(tmp_path: Path) -> Path:
    dest = tmp_path / "legacy_shop"
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns("__pycache__", "var", "db.sqlite3", "media"))
    return dest


def _manage(python: Path, project: Path, *args: str, warnings: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTHON"))}
    cmd = [str(python)] + (["-W", warnings] if warnings else []) + ["manage.py", *args]
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def django32():
    return make_venv(python_for(django="3.2"), ["django==3.2.25"])


@pytest.mark.integration
def test_suite_passes_on_django_32_with_deprecation_warnings(tmp_path, django32):
    project = _copy_example(tmp_path)
    proc = _manage(django32, project, "test", "-v", "2", warnings="a")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    ran = int(re.search(r"Ran (\d+) tests?", out).group(1))
    assert 15 <= ran <= 40
    assert re.search(r"^OK", out, re.M)

    # Warnings point at the example's own files, with their Django 3.2 classes.
    own = {}
    for m in re.finditer(rf"{re.escape(str(project))}/(\S+?):\d+: (RemovedInDjango\d+Warning): (.*)$", out, re.M):
        own.setdefault(m.group(2), set()).add(m.group(1))
    assert {"legacy_shop/urls.py", "catalog/urls.py", "orders/urls.py", "catalog/models.py", "orders/views.py",
            "catalog/signals.py", "orders/signals.py"} <= own["RemovedInDjango40Warning"], own
    assert {"catalog/tests.py", "orders/tests.py"} <= own["RemovedInDjango41Warning"], own
    for text in ("django.conf.urls.url() is deprecated", "force_text() is deprecated", "smart_text() is deprecated",
                 "request.is_ajax() is deprecated", "is_safe_url() is deprecated", "urlquote() is deprecated",
                 "The providing_args argument is deprecated", "Not providing a length argument is deprecated",
                 "The {% ifequal %} template tag is deprecated", "PASSWORD_RESET_TIMEOUT_DAYS setting is deprecated",
                 "defines default_app_config = 'catalog.apps.CatalogConfig'",
                 "Using a boolean value for requires_system_checks is deprecated",
                 "repr() will not be called automatically on a queryset"):
        assert text in out, text


@pytest.mark.integration
def test_check_and_migrations_on_django_32(tmp_path, django32):
    project = _copy_example(tmp_path)
    check = _manage(django32, project, "check")
    assert check.returncode == 0, check.stderr
    assert check.stderr.count("models.W042") == 4 and check.stderr.count("fields.W903") == 2
    # The committed migrations are exactly what makemigrations on 3.2 writes.
    mig = _manage(django32, project, "makemigrations", "--check", "--dry-run")
    assert mig.returncode == 0, mig.stdout + mig.stderr


@pytest.mark.integration
def test_unfixed_example_breaks_on_django_40(tmp_path):
    py40 = make_venv(python_for(django="4.0"), ["django==4.0.10"])
    project = _copy_example(tmp_path)
    proc = _manage(py40, project, "test")
    assert proc.returncode != 0
    assert "cannot import name 'ugettext_lazy' from 'django.utils.translation'" in proc.stderr
