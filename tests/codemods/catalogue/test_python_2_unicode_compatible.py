import pytest

from codemods.catalogue.python_2_unicode_compatible import Python2UnicodeCompatible
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.utils.encoding import python_2_unicode_compatible\n\n\n@python_2_unicode_compatible\nclass Book(models.Model):\n    def __str__(self):\n        return self.title\n',
     'class Book(models.Model):\n    def __str__(self):\n        return self.title\n'),
    ('from django.db import models\nfrom django.utils.encoding import force_str, python_2_unicode_compatible\n\n\n# A book.\n@python_2_unicode_compatible\nclass Book(models.Model):\n    pass\n',
     'from django.db import models\nfrom django.utils.encoding import force_str\n\n\n# A book.\nclass Book(models.Model):\n    pass\n'),
    ('from django.utils.encoding import python_2_unicode_compatible\n\n\n@python_2_unicode_compatible\n@total_ordering\nclass A:\n    pass\n\n\n@python_2_unicode_compatible\nclass B:\n    pass\n',
     '@total_ordering\nclass A:\n    pass\n\n\nclass B:\n    pass\n'),
    ('from django.utils import encoding\n\n\n@encoding.python_2_unicode_compatible\nclass A:\n    pass\n',
     'from django.utils import encoding\n\n\nclass A:\n    pass\n'),
    ('from django.utils.six import python_2_unicode_compatible\n\n\n@python_2_unicode_compatible\nclass A:\n    pass\n',
     'class A:\n    pass\n'),
    ('from django.utils.encoding import python_2_unicode_compatible as p2\n\n\n@p2\nclass A:\n    pass\n',
     'class A:\n    pass\n'),
])
def test_transformed(before, after):
    check_transformed(Python2UnicodeCompatible, before, after)


@pytest.mark.parametrize("source", [
    'from six import python_2_unicode_compatible\n\n\n@python_2_unicode_compatible\nclass A:\n    pass\n',
    '@python_2_unicode_compatible\nclass A:\n    pass\n',
    'from django.utils.encoding import force_str\n\n\n@dataclass\nclass A:\n    pass\n',
    'from mylib import python_2_unicode_compatible\n\n\n@python_2_unicode_compatible\nclass A:\n    pass\n',
])
def test_noop(source):
    check_noop(Python2UnicodeCompatible, source)


def test_in_migration():
    check_transformed(Python2UnicodeCompatible, 'from django.utils.encoding import python_2_unicode_compatible\n\n\n@python_2_unicode_compatible\nclass Migration(migrations.Migration):\n    pass\n',
                      'class Migration(migrations.Migration):\n    pass\n', filename='shop/migrations/0001_initial.py')


def test_noop_try_import():
    check_noop(Python2UnicodeCompatible, 'try:\n    from django.utils.encoding import python_2_unicode_compatible\nexcept ImportError:\n    def python_2_unicode_compatible(c):\n        return c\n\n\n@python_2_unicode_compatible\nclass A:\n    pass\n', reported=True)


def test_noop_star_import():
    check_noop(Python2UnicodeCompatible, 'from django.utils.encoding import *\n\n\n@python_2_unicode_compatible\nclass A:\n    pass\n', reported=True)


def test_module_import():
    check_transformed(Python2UnicodeCompatible,
                      'from django.utils import encoding\n\n\n@encoding.python_2_unicode_compatible\nclass A:\n    pass\n',
                      'from django.utils import encoding\n\n\nclass A:\n    pass\n')


def test_noop_unsure_import_without_a_decorated_class_reported():
    check_noop(Python2UnicodeCompatible, 'try:\n    from django.utils.encoding import python_2_unicode_compatible\n'
                                         'except ImportError:\n    pass\n', reported=True)


@pytest.mark.parametrize("source, expected", [
    ('from six import python_2_unicode_compatible\n\n\n@python_2_unicode_compatible\nclass A:\n    pass\n', False),
    ('from django.contrib import admin\n\n\n@admin.register(A)\nclass B:\n    pass\n', False),
    ('from django.utils.encoding import python_2_unicode_compatible\n', True),
    ('from django.utils.six import *\n', True),
    ('import django.utils.encoding as e\n\n\n@e.python_2_unicode_compatible\nclass A:\n    pass\n', True),
])
def test_confirm(source, expected):
    import ast

    from codemods.apply import make_context

    assert Python2UnicodeCompatible().confirm(ast.parse(source), source,
                                              make_context("shop/models.py", source, None)) is expected
