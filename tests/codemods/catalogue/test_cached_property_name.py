from codemods.catalogue.cached_property_name import CachedPropertyName
from tests.codemods.helpers import check_noop, check_transformed


def test_keyword_name():
    check_transformed(
        CachedPropertyName,
        """\
        from django.utils.functional import cached_property


        class Article:
            def get_absolute_url(self):
                return "/a/"

            url = cached_property(get_absolute_url, name="url")
        """,
        """\
        from django.utils.functional import cached_property


        class Article:
            def get_absolute_url(self):
                return "/a/"

            url = cached_property(get_absolute_url)
        """,
    )


def test_positional_name():
    check_transformed(
        CachedPropertyName,
        "from django.utils.functional import cached_property\nclass A:\n    u = cached_property(f, 'u')\n",
        "from django.utils.functional import cached_property\nclass A:\n    u = cached_property(f)\n",
    )


def test_module_attribute():
    check_transformed(
        CachedPropertyName,
        "from django.utils import functional\nclass A:\n    u = functional.cached_property(f, name='u')\n",
        "from django.utils import functional\nclass A:\n    u = functional.cached_property(f)\n",
    )


def test_alias():
    check_transformed(
        CachedPropertyName,
        "from django.utils.functional import cached_property as cp\nclass A:\n    u = cp(f, name=NAME)\n",
        "from django.utils.functional import cached_property as cp\nclass A:\n    u = cp(f)\n",
    )


def test_dotted_import():
    check_transformed(
        CachedPropertyName,
        "import django.utils.functional\nclass A:\n    u = django.utils.functional.cached_property(f, name='u')\n",
        "import django.utils.functional\nclass A:\n    u = django.utils.functional.cached_property(f)\n",
    )


def test_name_none():
    check_transformed(
        CachedPropertyName,
        "from django.utils.functional import cached_property\nclass A:\n    u = cached_property(func=f, name=None)\n",
        "from django.utils.functional import cached_property\nclass A:\n    u = cached_property(func=f)\n",
    )


def test_in_migration():
    check_transformed(
        CachedPropertyName,
        "from django.utils.functional import cached_property\nX = cached_property(f, name='x')\n",
        "from django.utils.functional import cached_property\nX = cached_property(f)\n",
        filename="app/migrations/0002_x.py",
    )


def test_noop_decorator():
    check_noop(CachedPropertyName, "from django.utils.functional import cached_property\n"
                                   "class A:\n    @cached_property\n    def u(self):\n        return 1\n")


def test_noop_functools():
    check_noop(CachedPropertyName, "from functools import cached_property\nclass A:\n    u = cached_property(f, name='u')\n")


def test_noop_computed_name():
    check_noop(CachedPropertyName, "from django.utils.functional import cached_property\n"
                                   "class A:\n    u = cached_property(f, name=make_name())\n", reported=True)


def test_noop_star_import():
    check_noop(CachedPropertyName, "from django.utils.functional import *\nclass A:\n    u = cached_property(f, name='u')\n",
               reported=True)


def test_noop_shadowed():
    check_noop(
        CachedPropertyName,
        "from django.utils.functional import cached_property\n\n"
        "def cached_property(f, name=None):\n    return property(f)\n\nu = cached_property(f, name='u')\n",
        reported=True,
    )


def test_noop_star_args():
    check_noop(CachedPropertyName, "from django.utils.functional import cached_property\nu = cached_property(*a)\n",
               reported=True)
