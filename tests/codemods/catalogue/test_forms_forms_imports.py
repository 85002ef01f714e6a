import pytest

from codemods.catalogue.forms_forms_imports import FormsFormsImports
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.forms.forms import BoundField\nx = BoundField(form, field, 'name')\n",
     "from django.forms.boundfield import BoundField\nx = BoundField(form, field, 'name')\n"),
    ("from django.forms.forms import BoundField as Alias\nx = Alias(form, field, 'name')\n",
     "from django.forms.boundfield import BoundField as Alias\nx = Alias(form, field, 'name')\n"),
    ("from django.forms import forms\nx = forms.BoundField(form, field, 'name')\n",
     "from django.forms import forms\nfrom django.forms.boundfield import BoundField\nx = BoundField(form, field, 'name')\n"),
    ("import django.forms.forms\nx = django.forms.forms.BoundField(form, field, 'name')\n",
     "import django.forms.forms\nx = django.forms.boundfield.BoundField(form, field, 'name')\n"),
    ('from django.forms.forms import BoundField\nthings = [BoundField, None]\n',
     'from django.forms.boundfield import BoundField\nthings = [BoundField, None]\n'),
    ("from django.forms.forms import BoundField, pretty_name\nlabel = pretty_name('first_name')\n",
     "from django.forms.boundfield import BoundField\nfrom django.forms.utils import pretty_name\nlabel = pretty_name('first_name')\n"),
    ("from django.forms.forms import Form, pretty_name\nlabel = pretty_name('x')\n",
     "from django.forms.forms import Form\nfrom django.forms.utils import pretty_name\nlabel = pretty_name('x')\n"),
])
def test_transformed(before, after):
    check_transformed(FormsFormsImports, before, after)


@pytest.mark.parametrize("source", [
    "from mylib.compat import BoundField\nx = BoundField(form, field, 'name')\n",
    "x = helpers.BoundField(form, field, 'name')\n",
    "doc = 'BoundField is gone'\n",
    "from django.forms.utils import pretty_name\nlabel = pretty_name('x')\n",
])
def test_noop(source):
    check_noop(FormsFormsImports, source)


def test_in_migration():
    check_transformed(FormsFormsImports, 'from django.forms.forms import BoundField\nVALUE = BoundField\n',
                      'from django.forms.boundfield import BoundField\nVALUE = BoundField\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(FormsFormsImports, 'try:\n    from django.forms.forms import BoundField\nexcept ImportError:\n    BoundField = None\n', reported=True)


def test_noop_shadowed():
    check_noop(FormsFormsImports, 'from django.forms.forms import BoundField\n\n\ndef BoundField(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(FormsFormsImports, "from django.forms.forms import *\nx = BoundField(form, field, 'name')\n", reported=True)
