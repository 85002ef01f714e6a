import pytest

from codemods.catalogue.action_checkbox_name import ActionCheckboxName
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.contrib.admin import ACTION_CHECKBOX_NAME\nx = ACTION_CHECKBOX_NAME\n',
     'from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME\nx = ACTION_CHECKBOX_NAME\n'),
    ('from django.contrib.admin import ACTION_CHECKBOX_NAME as Alias\nx = Alias\n',
     'from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME as Alias\nx = Alias\n'),
    ('from django.contrib import admin\nx = admin.ACTION_CHECKBOX_NAME\n',
     'from django.contrib import admin\nfrom django.contrib.admin.helpers import ACTION_CHECKBOX_NAME\nx = ACTION_CHECKBOX_NAME\n'),
    ('import django.contrib.admin\nx = django.contrib.admin.ACTION_CHECKBOX_NAME\n',
     'import django.contrib.admin\nx = django.contrib.admin.helpers.ACTION_CHECKBOX_NAME\n'),
    ('from django.contrib.admin import ACTION_CHECKBOX_NAME\nthings = [ACTION_CHECKBOX_NAME, None]\n',
     'from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME\nthings = [ACTION_CHECKBOX_NAME, None]\n'),
    ('from django.contrib import admin\nselected = request.POST.getlist(admin.ACTION_CHECKBOX_NAME)\n',
     'from django.contrib import admin\nfrom django.contrib.admin.helpers import ACTION_CHECKBOX_NAME\nselected = request.POST.getlist(ACTION_CHECKBOX_NAME)\n'),
])
def test_transformed(before, after):
    check_transformed(ActionCheckboxName, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import ACTION_CHECKBOX_NAME\nx = ACTION_CHECKBOX_NAME\n',
    'x = helpers.ACTION_CHECKBOX_NAME\n',
    "doc = 'ACTION_CHECKBOX_NAME is gone'\n",
    'from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME\nx = ACTION_CHECKBOX_NAME\n',
])
def test_noop(source):
    check_noop(ActionCheckboxName, source)


def test_in_migration():
    check_transformed(ActionCheckboxName, 'from django.contrib.admin import ACTION_CHECKBOX_NAME\nVALUE = ACTION_CHECKBOX_NAME\n',
                      'from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME\nVALUE = ACTION_CHECKBOX_NAME\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(ActionCheckboxName, 'try:\n    from django.contrib.admin import ACTION_CHECKBOX_NAME\nexcept ImportError:\n    ACTION_CHECKBOX_NAME = None\n', reported=True)


def test_noop_shadowed():
    check_noop(ActionCheckboxName, 'from django.contrib.admin import ACTION_CHECKBOX_NAME\n\n\ndef ACTION_CHECKBOX_NAME(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(ActionCheckboxName, 'from django.contrib.admin import *\nx = ACTION_CHECKBOX_NAME\n', reported=True)
