import pytest

from codemods.catalogue.staticfiles_static_function import StaticfilesStaticFunction
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.contrib.staticfiles.templatetags.staticfiles import static\nx = static('a.css')\n",
     "from django.templatetags.static import static\nx = static('a.css')\n"),
    ("from django.contrib.staticfiles.templatetags.staticfiles import static as Alias\nx = Alias('a.css')\n",
     "from django.templatetags.static import static as Alias\nx = Alias('a.css')\n"),
    ("from django.contrib.staticfiles.templatetags import staticfiles\nx = staticfiles.static('a.css')\n",
     "from django.templatetags.static import static\nx = static('a.css')\n"),
    ('from django.contrib.staticfiles.templatetags.staticfiles import static\nthings = [static, None]\n',
     'from django.templatetags.static import static\nthings = [static, None]\n'),
    ("from django.contrib.staticfiles.templatetags.staticfiles import static\nfrom django.templatetags.static import static as s2\nx = static('a.css')\n",
     "from django.templatetags.static import static as s2, static\nx = static('a.css')\n"),
])
def test_transformed(before, after):
    check_transformed(StaticfilesStaticFunction, before, after)


@pytest.mark.parametrize("source", [
    "from mylib.compat import static\nx = static('a.css')\n",
    "x = helpers.static('a.css')\n",
    "doc = 'static is gone'\n",
])
def test_noop(source):
    check_noop(StaticfilesStaticFunction, source)


def test_in_migration():
    check_transformed(StaticfilesStaticFunction, 'from django.contrib.staticfiles.templatetags.staticfiles import static\nVALUE = static\n',
                      'from django.templatetags.static import static\nVALUE = static\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(StaticfilesStaticFunction, 'try:\n    from django.contrib.staticfiles.templatetags.staticfiles import static\nexcept ImportError:\n    static = None\n', reported=True)


def test_noop_shadowed():
    check_noop(StaticfilesStaticFunction, 'from django.contrib.staticfiles.templatetags.staticfiles import static\n\n\ndef static(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(StaticfilesStaticFunction, "from django.contrib.staticfiles.templatetags.staticfiles import *\nx = static('a.css')\n", reported=True)


def test_noop_dotted_import_of_removed_module():
    check_noop(StaticfilesStaticFunction, "import django.contrib.staticfiles.templatetags.staticfiles\nx = django.contrib.staticfiles.templatetags.staticfiles.static('a.css')\n", reported=True)
