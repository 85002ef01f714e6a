import pytest

from codemods.catalogue.core_urlresolvers import CoreUrlresolvers
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.core.urlresolvers import reverse\nurl = reverse("home")\n',
     'from django.urls import reverse\nurl = reverse("home")\n'),
    ('from django.core.urlresolvers import reverse, NoReverseMatch\n\ntry:\n    reverse("x")\nexcept NoReverseMatch:\n    pass\n',
     'from django.urls import reverse, NoReverseMatch\n\ntry:\n    reverse("x")\nexcept NoReverseMatch:\n    pass\n'),
    ('from django.core.urlresolvers import reverse_lazy as rl\nSUCCESS = rl("done")\n',
     'from django.urls import reverse_lazy as rl\nSUCCESS = rl("done")\n'),
])
def test_transformed(before, after):
    check_transformed(CoreUrlresolvers, before, after)


def test_in_migration():
    check_transformed(CoreUrlresolvers, 'from django.core.urlresolvers import reverse\nX = reverse\n',
                      'from django.urls import reverse\nX = reverse\n', filename='shop/migrations/0002_auto.py')


@pytest.mark.parametrize("source", [
    'from django.urls import reverse\nurl = reverse("home")\n',
    "doc = 'django.core.urlresolvers is gone'\n",
    'from myproject.urlresolvers import reverse\nx = reverse("a")\n',
])
def test_noop(source):
    check_noop(CoreUrlresolvers, source)


def test_noop_regex_classes_reported():
    check_noop(CoreUrlresolvers, 'from django.core.urlresolvers import RegexURLPattern\nP = RegexURLPattern\n', reported=True)


def test_noop_try_import():
    check_noop(CoreUrlresolvers, 'try:\n    from django.urls import reverse\nexcept ImportError:\n'
                                 '    from django.core.urlresolvers import reverse\n', reported=True)


def test_noop_star_import():
    check_noop(CoreUrlresolvers, 'from django.core.urlresolvers import *\nx = reverse("a")\n', reported=True)


def test_noop_shadowed():
    check_noop(CoreUrlresolvers, 'from django.core.urlresolvers import reverse\n\n\ndef reverse(v):\n    return v\n', reported=True)


def test_module_import_from_parent():
    check_transformed(CoreUrlresolvers, 'from django.core import urlresolvers\nx = urlresolvers.reverse("a")\n',
                      'from django.urls import reverse\nx = reverse("a")\n')


def test_mixed_import_keeps_the_regex_class_and_reports():
    check_transformed(CoreUrlresolvers,
                      'from django.core.urlresolvers import reverse, RegexURLPattern\nx = reverse("a")\n',
                      'from django.core.urlresolvers import RegexURLPattern\nfrom django.urls import reverse\nx = reverse("a")\n',
                      reported=True)


def test_noop_dotted_import():
    check_noop(CoreUrlresolvers, 'import django.core.urlresolvers\nx = django.core.urlresolvers.reverse("a")\n', reported=True)


def test_module_attribute_and_from_import_of_the_same_name_in_one_pass():
    """Idempotence regression (wagtail 1.13): both spellings of django.core.urlresolvers.reverse."""
    check_transformed(CoreUrlresolvers,
                      'from django.core import urlresolvers\nfrom django.core.urlresolvers import reverse\n'
                      'a = urlresolvers.reverse("a")\nb = reverse("b")\n',
                      'from django.urls import reverse\na = reverse("a")\nb = reverse("b")\n')
