import pytest

from codemods import registry
from codemods.catalogue.middlewaremixin_import import MiddlewareMixinImport as C
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.utils.deprecation import MiddlewareMixin\n\n\nclass M(MiddlewareMixin):\n    pass\n",
     "from django.middleware import MiddlewareMixin\n\n\nclass M(MiddlewareMixin):\n    pass\n"),
    ("from django.utils.deprecation import MiddlewareMixin as Base\n\n\nclass M(Base):\n    pass\n",
     "from django.middleware import MiddlewareMixin as Base\n\n\nclass M(Base):\n    pass\n"),
    ("from django.utils.deprecation import MiddlewareMixin, RemovedInDjango70Warning\n\n\nclass M(MiddlewareMixin):\n    pass\n",
     "from django.utils.deprecation import RemovedInDjango70Warning\nfrom django.middleware import MiddlewareMixin\n\n\n"
     "class M(MiddlewareMixin):\n    pass\n"),
    ("from django.utils import deprecation\n\n\nclass M(deprecation.MiddlewareMixin):\n    pass\n",
     "from django.utils import deprecation\nfrom django.middleware import MiddlewareMixin\n\n\nclass M(MiddlewareMixin):\n    pass\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after, target="6.2")


def test_in_migration():
    check_transformed(C, "from django.utils.deprecation import MiddlewareMixin\nBASE = MiddlewareMixin\n",
                      "from django.middleware import MiddlewareMixin\nBASE = MiddlewareMixin\n",
                      filename="app/migrations/0002_x.py", target="6.2")


@pytest.mark.parametrize("source", [
    "from django.middleware import MiddlewareMixin\n\n\nclass M(MiddlewareMixin):\n    pass\n",
    "from mylib.compat import MiddlewareMixin\n\n\nclass M(MiddlewareMixin):\n    pass\n",
    "doc = 'MiddlewareMixin'\n",
])
def test_noop(source):
    check_noop(C, source, target="6.2")


@pytest.mark.parametrize("source", [
    "try:\n    from django.middleware import MiddlewareMixin\nexcept ImportError:\n"
    "    from django.utils.deprecation import MiddlewareMixin\n",
    "from django.utils.deprecation import *\n\n\nclass M(MiddlewareMixin):\n    pass\n",
    "from django.utils.deprecation import MiddlewareMixin\n\n\nclass MiddlewareMixin(MiddlewareMixin):\n    pass\n",
    "from django.utils.deprecation import MiddlewareMixin\nfrom mylib import MiddlewareMixin\n",
])
def test_noop_reported(source):
    check_noop(C, source, target="6.2", reported=True)


@pytest.mark.parametrize("target, chosen", [("5.2", False), ("6.1", False), ("6.2", True), ("2028", True)])
def test_only_for_targets_that_have_django_middleware_mixin(target, chosen):
    assert ("middlewaremixin_import" in {c.name for c in registry.select(target=target)}) is chosen
