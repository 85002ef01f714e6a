import pytest

from codemods.catalogue.allow_lazy import AllowLazy
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.utils.functional import allow_lazy\n\n\ndef shout(s):\n    return s.upper()\n\n\nshout = allow_lazy(shout, str)\n",
     "from django.utils.functional import keep_lazy\n\n\ndef shout(s):\n    return s.upper()\n\n\nshout = keep_lazy(str)(shout)\n"),
    ("from django.utils.functional import allow_lazy, lazy\nf = allow_lazy(f, str, bytes)\n",
     "from django.utils.functional import lazy, keep_lazy\nf = keep_lazy(str, bytes)(f)\n"),
    ("from django.utils.functional import allow_lazy, keep_lazy\nf = allow_lazy(f, str)\ng = keep_lazy(str)(g)\n",
     "from django.utils.functional import keep_lazy\nf = keep_lazy(str)(f)\ng = keep_lazy(str)(g)\n"),
    ("from django.utils import functional\nf = functional.allow_lazy(f, str)\n",
     "from django.utils import functional\nfrom django.utils.functional import keep_lazy\nf = keep_lazy(str)(f)\n"),
])
def test_transformed(before, after):
    check_transformed(AllowLazy, before, after)


@pytest.mark.parametrize("source", [
    "from django.utils.functional import keep_lazy\nf = keep_lazy(str)(f)\n",
    "from mylib import allow_lazy\nf = allow_lazy(f, str)\n",
    "doc = 'allow_lazy'\n",
])
def test_noop(source):
    check_noop(AllowLazy, source)


@pytest.mark.parametrize("source", [
    "from django.utils.functional import allow_lazy\nf = allow_lazy(f, *classes)\n",
    "from django.utils.functional import allow_lazy\nf = allow_lazy(f)\n",
    "from django.utils.functional import allow_lazy\nkeep_lazy = None\nf = allow_lazy(f, str)\n",
    "from django.utils.functional import *\nf = allow_lazy(f, str)\n",
])
def test_noop_reported(source):
    check_noop(AllowLazy, source, reported=True)
