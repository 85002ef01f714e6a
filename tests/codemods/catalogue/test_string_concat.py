import pytest

from codemods.catalogue.string_concat import StringConcat
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.utils.translation import string_concat\nlabel = string_concat(_("Name"), ":")\n',
     'from django.utils.text import format_lazy\nlabel = format_lazy("{}{}", _("Name"), ":")\n'),
    ('from django.utils.translation import gettext_lazy as _, string_concat\nx = string_concat(a)\n',
     'from django.utils.translation import gettext_lazy as _\nfrom django.utils.text import format_lazy\nx = format_lazy("{}", a)\n'),
    ('from django.utils.translation import string_concat\nx = string_concat()\n',
     'from django.utils.text import format_lazy\nx = format_lazy("")\n'),
    ('from django.utils.translation import string_concat\nx = string_concat(\n    a,\n    b,\n)\n',
     'from django.utils.text import format_lazy\nx = format_lazy(\n    "{}{}",\n    a,\n    b,\n)\n'),
])
def test_transformed(before, after):
    check_transformed(StringConcat, before, after)


@pytest.mark.parametrize("source", [
    'from django.utils.text import format_lazy\nx = format_lazy("{}", a)\n',
    'from mylib import string_concat\nx = string_concat(a, b)\n',
    "doc = 'string_concat'\n",
])
def test_noop(source):
    check_noop(StringConcat, source)


@pytest.mark.parametrize("source", [
    'from django.utils.translation import string_concat\nx = string_concat(*parts)\n',
    'from django.utils.translation import string_concat\nformat_lazy = None\nx = string_concat(a)\n',
    'from django.utils.translation import *\nx = string_concat(a)\n',
])
def test_noop_reported(source):
    check_noop(StringConcat, source, reported=True)
