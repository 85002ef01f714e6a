from codemods.catalogue.postgres_jsonfield import PostgresJSONField as C
from tests.codemods.helpers import check_noop, check_transformed


def test_model_field():
    check_transformed(
        C,
        """\
        from django.contrib.postgres.fields import ArrayField, JSONField
        from django.db import models

        class Doc(models.Model):
            data = JSONField(default=dict)
        """,
        """\
        from django.contrib.postgres.fields import ArrayField
        from django.db import models
        from django.db.models import JSONField

        class Doc(models.Model):
            data = JSONField(default=dict)
        """,
        filename="app/models.py",
    )


def test_jsonb_module():
    check_transformed(
        C,
        "from django.contrib.postgres.fields.jsonb import JSONField\nf = JSONField()\n",
        "from django.db.models import JSONField\nf = JSONField()\n",
    )


def test_form_field():
    check_transformed(
        C,
        "from django import forms\nfrom django.contrib.postgres.forms import JSONField\nclass F(forms.Form):\n    data = JSONField()\n",
        "from django import forms\nfrom django.forms import JSONField\nclass F(forms.Form):\n    data = JSONField()\n",
    )


def test_key_transforms():
    check_transformed(
        C,
        "from django.contrib.postgres.fields.jsonb import KeyTextTransform, KeyTransform\n"
        "qs = qs.annotate(a=KeyTextTransform('a', 'data'), b=KeyTransform('b', 'data'))\n",
        "from django.db.models.fields.json import KeyTransform, KeyTextTransform\n"
        "qs = qs.annotate(a=KeyTextTransform('a', 'data'), b=KeyTransform('b', 'data'))\n",
    )


def test_alias_kept():
    check_transformed(
        C,
        "from django.contrib.postgres.fields import JSONField as PgJSON\nf = PgJSON()\n",
        "from django.db.models import JSONField as PgJSON\nf = PgJSON()\n",
    )


def test_module_attribute():
    check_transformed(
        C,
        "from django.contrib.postgres import fields as pg\nf = pg.JSONField(null=True)\ng = pg.ArrayField(x)\n",
        "from django.contrib.postgres import fields as pg\nfrom django.db.models import JSONField\nf = JSONField(null=True)\ng = pg.ArrayField(x)\n",
    )


def test_noop_in_migration():
    check_noop(
        C,
        "import django.contrib.postgres.fields.jsonb\nfrom django.db import migrations\n"
        "F = django.contrib.postgres.fields.jsonb.JSONField(default=dict)\n",
        filename="app/migrations/0003_doc.py",
    )


def test_noop_builtin_already():
    check_noop(C, "from django.db.models import JSONField\nf = JSONField()\n")


def test_noop_third_party_jsonfield():
    check_noop(C, "from jsonfield import JSONField\nf = JSONField()\n")


def test_noop_both_model_and_form():
    check_noop(
        C,
        "from django.contrib.postgres.fields import JSONField\nfrom django.contrib.postgres.forms import JSONField\n",
        reported=True,
    )


def test_noop_try_import():
    check_noop(
        C,
        """\
        try:
            from django.contrib.postgres.fields import JSONField
        except ImportError:
            from django.db.models import JSONField
        """,
        reported=True,
    )


def test_metadata():
    assert C.migrations is False and C.changes_model_state is True and C.available_from == "3.1"
