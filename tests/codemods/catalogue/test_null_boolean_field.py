from codemods.catalogue.null_boolean_field import NullBooleanField as C
from tests.codemods.helpers import check_noop, check_statements_hidden, check_transformed


def test_models_attribute_no_args():
    check_transformed(
        C,
        "from django.db import models\n\nclass A(models.Model):\n    ok = models.NullBooleanField()\n",
        "from django.db import models\n\nclass A(models.Model):\n    ok = models.BooleanField(null=True, blank=True)\n",
        filename="app/models.py",
    )


def test_keeps_args_and_kwargs():
    check_transformed(
        C,
        "from django.db import models\nok = models.NullBooleanField('approved?', default=None, help_text='x')\n",
        "from django.db import models\nok = models.BooleanField('approved?', null=True, blank=True, default=None, help_text='x')\n",
    )


def test_explicit_null_true_kept():
    check_transformed(
        C,
        "from django.db import models\nok = models.NullBooleanField(null=True, db_index=True)\n",
        "from django.db import models\nok = models.BooleanField(blank=True, null=True, db_index=True)\n",
    )


def test_bare_import():
    check_transformed(
        C,
        "from django.db.models import Model, NullBooleanField\n\nclass A(Model):\n    ok = NullBooleanField(default=True)\n",
        "from django.db.models import Model, BooleanField\n\nclass A(Model):\n    ok = BooleanField(null=True, blank=True, default=True)\n",
    )


def test_bare_import_from_fields_module():
    check_transformed(
        C,
        "from django.db.models.fields import NullBooleanField\nok = NullBooleanField()\n",
        "from django.db.models import BooleanField\nok = BooleanField(null=True, blank=True)\n",
    )


def test_multiline_layout():
    check_transformed(
        C,
        "from django.db import models\nok = models.NullBooleanField(\n    'x',\n    default=None,\n)\n",
        "from django.db import models\nok = models.BooleanField(\n    'x',\n    null=True,\n    blank=True,\n    default=None,\n)\n",
    )


def test_multiline_positional_last():
    check_transformed(
        C,
        "from django.db import models\nok = models.NullBooleanField(\n    'x'\n)\n",
        "from django.db import models\nok = models.BooleanField(\n    'x', null=True, blank=True\n)\n",
    )


def test_noop_forms_field():
    check_noop(C, "from django import forms\n\nclass F(forms.Form):\n    ok = forms.NullBooleanField()\n")


def test_noop_forms_field_bare():
    check_noop(C, "from django.forms import NullBooleanField\nok = NullBooleanField()\n")


def test_noop_migration():
    check_noop(
        C,
        "from django.db import migrations, models\nF = models.NullBooleanField()\n",
        filename="app/migrations/0001_initial.py",
    )


def test_noop_kwargs():
    check_noop(C, "from django.db import models\nok = models.NullBooleanField(**opts)\n", reported=True)


def test_noop_null_false():
    check_noop(C, "from django.db import models\nok = models.NullBooleanField(blank=False)\n", reported=True)


def test_noop_star_import():
    check_noop(C, "from django.db.models import *\nok = NullBooleanField()\n", reported=True)


def test_noop_booleanfield_name_taken():
    check_noop(
        C,
        "from django.db.models import NullBooleanField\nfrom myapp.fields import BooleanField\nok = NullBooleanField()\n",
        reported=True,
    )


# a function body's statements without a needle are hidden from libcst (local_statements); what they
# bind still counts, as in the whole-file run check_noop compares with
BOUND_IN_HIDDEN_STATEMENT = """\
from django.db.models import NullBooleanField


def make():
    BooleanField = object
    total = 0
    return NullBooleanField(default=None)
"""


def test_a_binding_in_a_hidden_statement_still_counts():
    check_statements_hidden(C, BOUND_IN_HIDDEN_STATEMENT, filename="app/models.py")
    check_noop(C, BOUND_IN_HIDDEN_STATEMENT, filename="app/models.py", reported=True)


def test_hidden_statements_come_back_unchanged():
    source = BOUND_IN_HIDDEN_STATEMENT.replace("    BooleanField = object\n", "")
    check_statements_hidden(C, source, filename="app/models.py")
    check_transformed(C, source, source.replace(
        "from django.db.models import NullBooleanField", "from django.db.models import BooleanField").replace(
        "NullBooleanField(default=None)", "BooleanField(null=True, blank=True, default=None)"), filename="app/models.py")
