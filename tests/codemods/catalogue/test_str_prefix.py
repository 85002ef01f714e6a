import pytest

from codemods.catalogue.str_prefix import StrPrefix
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.test.utils import str_prefix\nx = str_prefix(\"%(_)s'a'\")\n", "x = (\"%(_)s'a'\" % {\"_\": \"\"})\n"),
    ("from django.test.utils import override_settings, str_prefix\nx = str_prefix(MSG).strip()\n",
     "from django.test.utils import override_settings\nx = (MSG % {\"_\": \"\"}).strip()\n"),
    ("from django.test.utils import str_prefix\nx = str_prefix(a + b)\n", "x = ((a + b) % {\"_\": \"\"})\n"),
    ("from django.test import utils\nx = utils.str_prefix('%(_)s')\n", "from django.test import utils\nx = ('%(_)s' % {\"_\": \"\"})\n"),
])
def test_transformed(before, after):
    check_transformed(StrPrefix, before, after, filename="app/tests.py")


@pytest.mark.parametrize("source", [
    "from mylib import str_prefix\nx = str_prefix('a')\n",
    "doc = 'str_prefix'\n",
    "x = 'a' % {'_': ''}\n",
])
def test_noop(source):
    check_noop(StrPrefix, source, filename="app/tests.py")


@pytest.mark.parametrize("source", [
    "from django.test.utils import str_prefix\nx = str_prefix(*a)\n",
    "from django.test.utils import str_prefix\nx = str_prefix(s=1)\n",
    "from django.test.utils import *\nx = str_prefix('a')\n",
])
def test_noop_reported(source):
    check_noop(StrPrefix, source, filename="app/tests.py", reported=True)
