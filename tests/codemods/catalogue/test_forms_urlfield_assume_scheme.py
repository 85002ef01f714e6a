from codemods.catalogue.forms_urlfield_assume_scheme import FormsUrlfieldAssumeScheme
from tests.codemods.helpers import check_noop, check_transformed


def test_form_field():
    check_transformed(
        FormsUrlfieldAssumeScheme,
        """\
        from django import forms


        class ProfileForm(forms.Form):
            website = forms.URLField(required=False)
            blog = forms.URLField()
        """,
        """\
        from django import forms


        class ProfileForm(forms.Form):
            website = forms.URLField(assume_scheme="http", required=False)
            blog = forms.URLField(assume_scheme="http")
        """,
        target="5.2",
    )


def test_direct_import_and_alias():
    check_transformed(
        FormsUrlfieldAssumeScheme,
        "from django.forms import URLField\nfrom django.forms.fields import URLField as U\n"
        "a = URLField(label='A')\nb = U(max_length=10)\n",
        "from django.forms import URLField\nfrom django.forms.fields import URLField as U\n"
        "a = URLField(assume_scheme=\"http\", label='A')\nb = U(assume_scheme=\"http\", max_length=10)\n",
    )


def test_positional_args_keep_order():
    check_transformed(
        FormsUrlfieldAssumeScheme,
        "from django import forms\nf = forms.URLField(max_length=200, min_length=None)\n",
        "from django import forms\nf = forms.URLField(assume_scheme=\"http\", max_length=200, min_length=None)\n",
    )


def test_dotted_import():
    check_transformed(
        FormsUrlfieldAssumeScheme,
        "import django.forms\nf = django.forms.URLField()\n",
        "import django.forms\nf = django.forms.URLField(assume_scheme=\"http\")\n",
    )


def test_project_without_opt_in(tmp_path):
    (tmp_path / "manage.py").write_text("")
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "settings.py").write_text("FORMS_URLFIELD_ASSUME_HTTPS = False\n")
    check_transformed(
        FormsUrlfieldAssumeScheme,
        "from django import forms\nf = forms.URLField()\n",
        "from django import forms\nf = forms.URLField(assume_scheme=\"http\")\n",
        filename=str(tmp_path / "app" / "forms.py"),
    )


def test_noop_project_opted_into_https(tmp_path):
    (tmp_path / "manage.py").write_text("")
    (tmp_path / "proj" / "settings").mkdir(parents=True)
    (tmp_path / "proj" / "settings" / "base.py").write_text("DEBUG = False\nFORMS_URLFIELD_ASSUME_HTTPS = True\n")
    check_noop(FormsUrlfieldAssumeScheme, "from django import forms\nf = forms.URLField()\n",
               filename=str(tmp_path / "app" / "forms.py"), reported=True)


def test_noop_target_60():
    check_noop(FormsUrlfieldAssumeScheme, "from django import forms\nf = forms.URLField()\n", target="6.0")


def test_noop_model_urlfield():
    check_noop(FormsUrlfieldAssumeScheme, "from django.db import models\nclass A(models.Model):\n"
                                          "    url = models.URLField()\n", target="5.2")


def test_noop_already_passed():
    check_noop(FormsUrlfieldAssumeScheme, "from django import forms\nf = forms.URLField(assume_scheme='https')\n")


def test_noop_kwargs():
    check_noop(FormsUrlfieldAssumeScheme, "from django import forms\nf = forms.URLField(**opts)\n", reported=True)


def test_noop_star_import():
    check_noop(FormsUrlfieldAssumeScheme, "from django.forms import *\nf = URLField()\n", reported=True)


def test_noop_try_import():
    check_noop(
        FormsUrlfieldAssumeScheme,
        """\
        try:
            from django.forms import URLField
        except ImportError:
            URLField = None
        f = URLField()
        """,
        reported=True,
    )


def test_noop_other_library():
    check_noop(FormsUrlfieldAssumeScheme, "from rest_framework.serializers import URLField\nf = URLField()\n")
