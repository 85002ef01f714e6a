import pytest

from codemods.catalogue.forms_extras import FormsExtras
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.forms.extras import SelectDateWidget\nW = SelectDateWidget()\n',
     'from django.forms.widgets import SelectDateWidget\nW = SelectDateWidget()\n'),
    ('from django.forms.extras.widgets import SelectDateWidget as SDW\nW = SDW(years=range(2000, 2010))\n',
     'from django.forms.widgets import SelectDateWidget as SDW\nW = SDW(years=range(2000, 2010))\n'),
])
def test_transformed(before, after):
    check_transformed(FormsExtras, before, after)


def test_in_migration():
    check_transformed(FormsExtras, 'from django.forms.extras import SelectDateWidget\nX = SelectDateWidget\n',
                      'from django.forms.widgets import SelectDateWidget\nX = SelectDateWidget\n',
                      filename="shop/migrations/0001_initial.py")


@pytest.mark.parametrize("source", [
    'from django.forms.widgets import SelectDateWidget\nW = SelectDateWidget()\n',
    'from mylib.forms.extras import SelectDateWidget\nW = SelectDateWidget()\n',
    "doc = 'django.forms.extras'\n",
])
def test_noop(source):
    check_noop(FormsExtras, source)


def test_noop_try_import():
    check_noop(FormsExtras, 'try:\n    from django.forms.widgets import SelectDateWidget\nexcept ImportError:\n'
                            '    from django.forms.extras.widgets import SelectDateWidget\n', reported=True)


def test_noop_star_import():
    check_noop(FormsExtras, 'from django.forms.extras import *\nW = SelectDateWidget()\n', reported=True)


def test_noop_shadowed():
    check_noop(FormsExtras, 'from django.forms.extras import SelectDateWidget\nSelectDateWidget = None\n', reported=True)


def test_module_attribute():
    check_transformed(FormsExtras, 'from django.forms.extras import widgets\nW = widgets.SelectDateWidget()\n',
                      'from django.forms.widgets import SelectDateWidget\nW = SelectDateWidget()\n')


def test_noop_dotted_import():
    check_noop(FormsExtras, 'import django.forms.extras\nW = django.forms.extras.SelectDateWidget()\n', reported=True)
