import pytest

from codemods.catalogue.abspathu import Abspathu
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.utils._os import abspathu\nx = abspathu(p)\n',
     'from os.path import abspath\nx = abspath(p)\n'),
    ('from django.utils._os import abspathu as Alias\nx = Alias(p)\n',
     'from os.path import abspath as Alias\nx = Alias(p)\n'),
    ('from django.utils import _os\nx = _os.abspathu(p)\n',
     'from django.utils import _os\nfrom os.path import abspath\nx = abspath(p)\n'),
    ('import django.utils._os\nx = django.utils._os.abspathu(p)\n',
     'import django.utils._os\nfrom os.path import abspath\nx = abspath(p)\n'),
    ('from django.utils._os import abspathu\nthings = [abspathu, None]\n',
     'from os.path import abspath\nthings = [abspath, None]\n'),
    ('from django.utils._os import abspathu, safe_join\nroot = abspathu(safe_join(a, b))\n',
     'from django.utils._os import safe_join\nfrom os.path import abspath\nroot = abspath(safe_join(a, b))\n'),
])
def test_transformed(before, after):
    check_transformed(Abspathu, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import abspathu\nx = abspathu(p)\n',
    'x = helpers.abspathu(p)\n',
    "doc = 'abspathu is gone'\n",
])
def test_noop(source):
    check_noop(Abspathu, source)


def test_in_migration():
    check_transformed(Abspathu, 'from django.utils._os import abspathu\nVALUE = abspathu\n',
                      'from os.path import abspath\nVALUE = abspath\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(Abspathu, 'try:\n    from django.utils._os import abspathu\nexcept ImportError:\n    abspathu = None\n', reported=True)


def test_noop_shadowed():
    check_noop(Abspathu, 'from django.utils._os import abspathu\n\n\ndef abspathu(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(Abspathu, 'from django.utils._os import *\nx = abspathu(p)\n', reported=True)
