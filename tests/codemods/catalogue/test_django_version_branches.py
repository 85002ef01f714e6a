import pytest

from codemods.catalogue.django_version_branches import DjangoVersionBranches
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("import django\n\nif django.VERSION >= (3, 1):\n    from django.db.models import JSONField\nelse:\n"
     "    from django.contrib.postgres.fields import JSONField\n",
     "import django\n\nfrom django.db.models import JSONField\n"),
    ("import django\n\nif django.VERSION < (2, 0):\n    from django.core.urlresolvers import reverse\nelse:\n    from django.urls import reverse\n",
     "import django\n\nfrom django.urls import reverse\n"),
    ("import django\nX = 1\nif django.VERSION < (2, 0):\n    X = 2\nY = 3\n", "import django\nX = 1\nY = 3\n"),
    ("from django import VERSION\n\n\ndef f():\n    if VERSION[:2] >= (2, 0) or True:\n        return 1\n    if VERSION < (3, 0, 0):\n        return 2\n    return 3\n",
     "from django import VERSION\n\n\ndef f():\n    if VERSION[:2] >= (2, 0) or True:\n        return 1\n    return 3\n"),
    ("import django\n\n\ndef f():\n    if django.VERSION < (3, 0):\n        return 2\n",
     "import django\n\n\ndef f():\n    pass\n"),
    ("import django\nif django.VERSION < (2, 2):\n    a = 1\nelif django.VERSION < (5, 0):\n    a = 2\nelse:\n    a = 3\n",
     "import django\nif django.VERSION < (5, 0):\n    a = 2\nelse:\n    a = 3\n"),
    ("import django\nif (3, 0) <= django.VERSION:\n    a = 1\n", "import django\na = 1\n"),
])
def test_transformed(before, after):
    check_transformed(DjangoVersionBranches, before, after, target="3.2")


@pytest.mark.parametrize("source", [
    "import django\nif django.VERSION >= (4, 0):\n    a = 1\nelse:\n    a = 2\n",
    "import django\nif django.VERSION >= (3, 2, 5):\n    a = 1\n",
    "import django\nif django.VERSION >= (3, 0) and X:\n    a = 1\n",
    "import django\na = 1 if django.VERSION >= (3, 0) else 2\n",
    "import mylib as django\nif django.VERSION >= (3, 0):\n    a = 1\n",
    "VERSION = (1, 0)\nif VERSION >= (1, 0):\n    a = 1\n",
    "doc = 'VERSION'\n",
])
def test_noop(source):
    check_noop(DjangoVersionBranches, source, target="3.2")


def test_noop_without_target():
    check_noop(DjangoVersionBranches, "import django\nif django.VERSION >= (3, 0):\n    a = 1\n")


def test_noop_one_line_body():
    check_noop(DjangoVersionBranches, "import django\nif django.VERSION >= (3, 0): a = 1\n", target="3.2")
