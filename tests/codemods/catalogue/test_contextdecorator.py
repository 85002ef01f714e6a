import pytest

from codemods.catalogue.contextdecorator import ContextDecoratorImport
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.utils.decorators import ContextDecorator\nx = ContextDecorator()\n',
     'from contextlib import ContextDecorator\nx = ContextDecorator()\n'),
    ('from django.utils.decorators import ContextDecorator as Alias\nx = Alias()\n',
     'from contextlib import ContextDecorator as Alias\nx = Alias()\n'),
    ('from django.utils import decorators\nx = decorators.ContextDecorator()\n',
     'from django.utils import decorators\nfrom contextlib import ContextDecorator\nx = ContextDecorator()\n'),
    ('import django.utils.decorators\nx = django.utils.decorators.ContextDecorator()\n',
     'import django.utils.decorators\nfrom contextlib import ContextDecorator\nx = ContextDecorator()\n'),
    ('from django.utils.decorators import ContextDecorator\nthings = [ContextDecorator, None]\n',
     'from contextlib import ContextDecorator\nthings = [ContextDecorator, None]\n'),
    ('from django.utils.decorators import ContextDecorator, method_decorator\n\n\nclass Timer(ContextDecorator):\n    pass\n',
     'from django.utils.decorators import method_decorator\nfrom contextlib import ContextDecorator\n\n\nclass Timer(ContextDecorator):\n    pass\n'),
])
def test_transformed(before, after):
    check_transformed(ContextDecoratorImport, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import ContextDecorator\nx = ContextDecorator()\n',
    'x = helpers.ContextDecorator()\n',
    "doc = 'ContextDecorator is gone'\n",
])
def test_noop(source):
    check_noop(ContextDecoratorImport, source)


def test_in_migration():
    check_transformed(ContextDecoratorImport, 'from django.utils.decorators import ContextDecorator\nVALUE = ContextDecorator\n',
                      'from contextlib import ContextDecorator\nVALUE = ContextDecorator\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(ContextDecoratorImport, 'try:\n    from django.utils.decorators import ContextDecorator\nexcept ImportError:\n    ContextDecorator = None\n', reported=True)


def test_noop_shadowed():
    check_noop(ContextDecoratorImport, 'from django.utils.decorators import ContextDecorator\n\n\ndef ContextDecorator(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(ContextDecoratorImport, 'from django.utils.decorators import *\nx = ContextDecorator()\n', reported=True)
