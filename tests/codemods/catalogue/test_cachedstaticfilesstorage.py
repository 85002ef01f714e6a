import pytest

from codemods.catalogue.cachedstaticfilesstorage import CachedStaticFilesStorage
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"
OLD = "django.contrib.staticfiles.storage.CachedStaticFilesStorage"
NEW = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


def test_staticfiles_storage():
    check_transformed(CachedStaticFilesStorage, f"STATICFILES_STORAGE = '{OLD}'\n", f"STATICFILES_STORAGE = '{NEW}'\n",
                      filename=S, reported=False)


def test_double_quotes_and_comment_kept():
    check_transformed(CachedStaticFilesStorage, f'# hashed names\nSTATICFILES_STORAGE = "{OLD}"  # prod\n',
                      f'# hashed names\nSTATICFILES_STORAGE = "{NEW}"  # prod\n', filename=S)


def test_storages_staticfiles_backend():
    check_transformed(
        CachedStaticFilesStorage,
        f"STORAGES = {{\n    'default': {{'BACKEND': 'django.core.files.storage.FileSystemStorage'}},\n"
        f"    'staticfiles': {{'BACKEND': '{OLD}'}},\n}}\n",
        f"STORAGES = {{\n    'default': {{'BACKEND': 'django.core.files.storage.FileSystemStorage'}},\n"
        f"    'staticfiles': {{'BACKEND': '{NEW}'}},\n}}\n",
        filename=S)


def test_environ_default_and_override_in_if():
    check_transformed(
        CachedStaticFilesStorage,
        f"import os\nSTATICFILES_STORAGE = os.environ.get('STATIC_STORAGE', '{OLD}')\nif not DEBUG:\n    STATICFILES_STORAGE = '{OLD}'\n",
        f"import os\nSTATICFILES_STORAGE = os.environ.get('STATIC_STORAGE', '{NEW}')\nif not DEBUG:\n    STATICFILES_STORAGE = '{NEW}'\n",
        filename=S)


def test_star_import_override():
    check_transformed(CachedStaticFilesStorage, f"from .base import *\nSTATICFILES_STORAGE = '{OLD}'\n",
                      f"from .base import *\nSTATICFILES_STORAGE = '{NEW}'\n", filename="proj/settings/prod.py")


def test_noop_comparison_reported():
    check_noop(CachedStaticFilesStorage, f"if STATICFILES_STORAGE == '{OLD}':\n    X = 1\n", filename=S, reported=True)


def test_noop_python_code_subclass():
    src = f"from django.contrib.staticfiles.storage import CachedStaticFilesStorage\n\nclass S(CachedStaticFilesStorage):\n    pass\n"
    check_noop(CachedStaticFilesStorage, src, filename="app/storage.py")
    check_noop(CachedStaticFilesStorage, f"STATICFILES_STORAGE = '{OLD}'\n", filename="app/migrations/0002_x.py")


def test_noop_subclass_path_and_already_new():
    check_noop(CachedStaticFilesStorage, f"STATICFILES_STORAGE = '{OLD}Subclass'\n", filename=S)
    check_noop(CachedStaticFilesStorage, f"STATICFILES_STORAGE = '{NEW}'\n", filename=S)
    check_noop(CachedStaticFilesStorage, "STATICFILES_STORAGE = 'myapp.storage.CachedStaticFilesStorage'\n", filename=S)


def test_dict_call():
    check_transformed(CachedStaticFilesStorage, f"STORAGES = dict(staticfiles=dict(BACKEND='{OLD}'))\n",
                      f"STORAGES = dict(staticfiles=dict(BACKEND='{NEW}'))\n", filename=S)


def test_noop_membership_test_reported():
    check_noop(CachedStaticFilesStorage, f"HASHED = STATICFILES_STORAGE in ('{OLD}',)\n", filename=S, reported=True)


@pytest.mark.integration
def test_manifest_needs_collectstatic_on_real_django(tmp_path):
    """Real Django 3.0 (the last release with both): after the rewrite, {% static %} gives a hashed name
    once collectstatic has written the manifest, and names a missing manifest entry before it."""
    import subprocess

    from codemods.apply import apply_source
    from tests.venvs import make_venv, python_for

    py = make_venv(python_for(django="3.0"), ["django==3.0.14"])
    (tmp_path / "app" / "static" / "css").mkdir(parents=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "static" / "css" / "site.css").write_text("body { color: red }\n")
    settings = (f"STATICFILES_STORAGE = '{OLD}'\nSTATIC_URL = '/static/'\nSTATIC_ROOT = {str(tmp_path / 'collected')!r}\n"
                "INSTALLED_APPS = ['django.contrib.staticfiles', 'app']\nSECRET_KEY = 'x'\nDEBUG = False\n"
                "TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates'}]\n")
    (tmp_path / "mysettings.py").write_text(apply_source(settings, "mysettings.py", [CachedStaticFilesStorage()]).new)
    render = ("import django; django.setup()\nfrom django.template import Template, Context\n"
              "try:\n    print(Template(\"{% load static %}{% static 'css/site.css' %}\").render(Context()))\n"
              "except ValueError as e:\n    print('ValueError', e)\n")
    env = {"DJANGO_SETTINGS_MODULE": "mysettings", "PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}

    def run(*args):
        out = subprocess.run([str(py), *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
        assert out.returncode == 0, out.stderr
        return out.stdout

    assert NEW in (tmp_path / "mysettings.py").read_text()
    assert run("-c", render).startswith("ValueError Missing staticfiles manifest entry for 'css/site.css'")
    run("-m", "django", "collectstatic", "--noinput", "-v", "0")
    assert (tmp_path / "collected" / "staticfiles.json").exists()
    hashed = run("-c", render).strip()
    assert hashed.startswith("/static/css/site.") and hashed.endswith(".css") and hashed != "/static/css/site.css"
