import pytest

from codemods.catalogue.modeladmin_get_action_choices import ModeladminGetActionChoices
from tests.codemods.helpers import check_noop, check_transformed

ADMIN = "from django.contrib import admin\n\n\n"
LOC = "action_location=admin.ActionLocation.CHANGE_LIST"


def cls(params: str, body: str, base: str = "admin.ModelAdmin") -> str:
    return f"class BookAdmin({base}):\n    def get_action_choices(self, {params}):\n        {body}\n"


@pytest.mark.parametrize("before, after", [
    (ADMIN + cls("request, default_choices=BLANK_CHOICE_DASH", "return super().get_action_choices(request, default_choices)[1:]"),
     ADMIN + cls(f"request, default_choices=BLANK_CHOICE_DASH, {LOC}",
                 "return super().get_action_choices(request, default_choices, action_location=action_location)[1:]")),
    (ADMIN + cls("request, default_choices=None", "return super().get_action_choices(request, default_choices=default_choices)"),
     ADMIN + cls(f"request, default_choices=None, {LOC}",
                 "return super().get_action_choices(request, default_choices=default_choices, action_location=action_location)")),
    (ADMIN + cls("request, default_choices=None", "return super().get_action_choices(request)"),
     ADMIN + cls(f"request, default_choices=None, {LOC}",
                 "return super().get_action_choices(request, action_location=action_location)")),
    # no admin module import: ActionLocation is imported
    ("from django.contrib.admin import ModelAdmin\n\n\n"
     + cls("request, default_choices=None", "return [('', '---')]", base="ModelAdmin"),
     "from django.contrib.admin import ModelAdmin, ActionLocation\n\n\n"
     + cls("request, default_choices=None, action_location=ActionLocation.CHANGE_LIST", "return [('', '---')]",
           base="ModelAdmin")),
])
def test_transformed(before, after):
    check_transformed(ModeladminGetActionChoices, before, after)


@pytest.mark.parametrize("source", [
    ADMIN + cls(f"request, default_choices=None, {LOC}", "return []"),
    ADMIN + cls("request, *args, **kwargs", "return super().get_action_choices(request, *args, **kwargs)"),
    ADMIN + cls("request, default_choices=None", "return []", base="object"),
    "doc = 'get_action_choices'\n",
])
def test_noop(source):
    check_noop(ModeladminGetActionChoices, source)


@pytest.mark.parametrize("source", [
    ADMIN + cls("request, default_choices=None", "action_location = 1\n        return []"),
    "from django.contrib.admin import ModelAdmin\nActionLocation = None\n\n\n"
    + cls("request, default_choices=None", "return []", base="ModelAdmin"),
])
def test_noop_reported(source):
    check_noop(ModeladminGetActionChoices, source, reported=True)


def test_not_in_migrations():
    check_noop(ModeladminGetActionChoices, ADMIN + cls("request, default_choices=None", "return []"),
               filename="app/migrations/0002_x.py")


def test_real_django_6_1_no_warning_after(tmp_path):
    import subprocess

    from codemods.apply import apply_source
    from tests.venvs import make_venv, python_for

    py = make_venv(python_for(django="6.1"), ["django==6.1.3"])
    admin_module = (ADMIN + "class BookAdmin(admin.ModelAdmin):\n"
                    "    def get_action_choices(self, request, default_choices=None):\n"
                    "        return super().get_action_choices(request, default_choices)[1:]\n")
    run = ("import warnings\nimport django\nfrom django.conf import settings\n"
           "settings.configure(INSTALLED_APPS=['django.contrib.admin', 'django.contrib.auth', 'django.contrib.contenttypes',\n"
           "    'django.contrib.sessions', 'django.contrib.messages'], SECRET_KEY='x',\n"
           "    DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}})\n"
           "django.setup()\nwarnings.simplefilter('error')\n"
           "from django.contrib import admin\nfrom django.contrib.auth.models import User\n"
           "from django.test import RequestFactory\nfrom bookadmin import BookAdmin\n"
           "request = RequestFactory().get('/')\nrequest.user = User(is_superuser=True, is_active=True)\n"
           "ma = BookAdmin(User, admin.site)\n"
           "try:\n    print(ma._get_action_choices_with_action_location(request))\n"
           "except Warning as w:\n    print(type(w).__name__)\n")
    (tmp_path / "run.py").write_text(run)
    results = {}
    for label, source in (("before", admin_module),
                          ("after", apply_source(admin_module, "app/admin.py", [ModeladminGetActionChoices()]).new)):
        (tmp_path / "bookadmin.py").write_text(source)
        proc = subprocess.run([str(py), "run.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        results[label] = proc.stdout.strip() or proc.stderr
    assert results["before"] == "RemovedInDjango2028Warning"
    assert results["after"] == "[('delete_selected', 'Delete selected users')]"
