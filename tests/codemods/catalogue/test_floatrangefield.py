import pytest

from codemods.catalogue.floatrangefield import FloatRangeField as C
from tests.codemods.helpers import check_elided, check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.contrib.postgres.fields import FloatRangeField\nweight = FloatRangeField()\n",
     "from django.contrib.postgres.fields import DecimalRangeField\nweight = DecimalRangeField()\n"),
    ("from django.contrib.postgres.fields import ArrayField, FloatRangeField\nw = FloatRangeField(blank=True)\n",
     "from django.contrib.postgres.fields import ArrayField, DecimalRangeField\nw = DecimalRangeField(blank=True)\n"),
    ("from django.contrib.postgres.forms import FloatRangeField\nclass F:\n    w = FloatRangeField(required=False)\n",
     "from django.contrib.postgres.forms import DecimalRangeField\nclass F:\n    w = DecimalRangeField(required=False)\n"),
    ("from django.contrib.postgres.fields.ranges import FloatRangeField\nw = FloatRangeField()\n",
     "from django.contrib.postgres.fields.ranges import DecimalRangeField\nw = DecimalRangeField()\n"),
    ("from django.contrib.postgres import fields\nw = fields.FloatRangeField()\n",
     "from django.contrib.postgres import fields\nw = fields.DecimalRangeField()\n"),
    ("from django.contrib.postgres import forms as pg_forms\nw = pg_forms.FloatRangeField()\n",
     "from django.contrib.postgres import forms as pg_forms\nw = pg_forms.DecimalRangeField()\n"),
    # an alias is kept
    ("from django.contrib.postgres.fields import FloatRangeField as FRF\nw = FRF()\n",
     "from django.contrib.postgres.fields import DecimalRangeField as FRF\nw = FRF()\n"),
    # the model field imported beside the new name already
    ("from django.contrib.postgres.fields import DecimalRangeField, FloatRangeField\na = FloatRangeField()\nb = DecimalRangeField()\n",
     "from django.contrib.postgres.fields import DecimalRangeField\na = DecimalRangeField()\nb = DecimalRangeField()\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after)


def test_historical_migration():
    check_transformed(C, """\
        import django.contrib.postgres.fields.ranges
        from django.db import migrations


        class Migration(migrations.Migration):
            operations = [
                migrations.AddField(
                    model_name='item',
                    name='weight',
                    field=django.contrib.postgres.fields.ranges.FloatRangeField(blank=True, null=True),
                ),
            ]
        """, """\
        import django.contrib.postgres.fields.ranges
        from django.db import migrations


        class Migration(migrations.Migration):
            operations = [
                migrations.AddField(
                    model_name='item',
                    name='weight',
                    field=django.contrib.postgres.fields.ranges.DecimalRangeField(blank=True, null=True),
                ),
            ]
        """, filename="shop/migrations/0002_item_weight.py")


@pytest.mark.parametrize("source", [
    "from mylib.fields import FloatRangeField\nw = FloatRangeField()\n",
    "from django.contrib.postgres.fields import DecimalRangeField\nw = DecimalRangeField()\n",
    "doc = 'FloatRangeField of django.contrib.postgres'\n",
    "w = postgres_fields.FloatRangeField()\n",
])
def test_noop(source):
    check_noop(C, source)


@pytest.mark.parametrize("source", [
    # the model field renamed would collide with the form field's name
    "from django.contrib.postgres.fields import FloatRangeField\nfrom django.contrib.postgres.forms import DecimalRangeField\n"
    "a = FloatRangeField()\nb = DecimalRangeField()\n",
    "try:\n    from django.contrib.postgres.fields import FloatRangeField\nexcept ImportError:\n    FloatRangeField = None\n",
    "from django.contrib.postgres.fields import *\nw = FloatRangeField()\n",
    "from django.contrib.postgres.fields import FloatRangeField\n\n\ndef FloatRangeField():\n    return 1\n",
])
def test_noop_reported(source):
    check_noop(C, source, reported=True)


# elided (a rename: prunable): definitions without 'FloatRangeField' are hidden from libcst; an alias
# is a needle too (check_elided compares the output and findings with the whole-file run's)
@pytest.mark.parametrize("before, after", [
    ("from django.contrib.postgres.fields import FloatRangeField\nfrom django.db import models\n\n\n"
     "def other(v):\n    return v\n\n\nclass M(models.Model):\n    r = FloatRangeField()\n",
     "from django.contrib.postgres.fields import DecimalRangeField\nfrom django.db import models\n\n\n"
     "def other(v):\n    return v\n\n\nclass M(models.Model):\n    r = DecimalRangeField()\n"),
    ("from django.contrib.postgres.fields import FloatRangeField as FRF\nfrom django.db import models\n\n\n"
     "def other(v):\n    return v\n\n\nclass M(models.Model):\n    r = FRF()\n",
     "from django.contrib.postgres.fields import DecimalRangeField as FRF\nfrom django.db import models\n\n\n"
     "def other(v):\n    return v\n\n\nclass M(models.Model):\n    r = FRF()\n"),
])
def test_elided(before, after):
    check_elided(C, before, after)
