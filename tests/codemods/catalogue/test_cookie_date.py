import pytest

from codemods.catalogue.cookie_date import CookieDate as C
from tests.codemods.helpers import check_elided, check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.utils.http import cookie_date\nexpires = cookie_date(time.time() + 60)\n",
     "from django.utils.http import http_date\nexpires = http_date(time.time() + 60)\n"),
    ("from django.utils.http import cookie_date, urlencode\nx = cookie_date()\n",
     "from django.utils.http import http_date, urlencode\nx = http_date()\n"),
    # the new name imported already: one import left
    ("from django.utils.http import cookie_date, http_date\na = cookie_date(1)\nb = http_date(2)\n",
     "from django.utils.http import http_date\na = http_date(1)\nb = http_date(2)\n"),
    ("from django.utils.http import cookie_date as cd\nx = cd(epoch_seconds=5)\n",
     "from django.utils.http import http_date as cd\nx = cd(epoch_seconds=5)\n"),
    ("from django.utils import http\nx = http.cookie_date(5)\n",
     "from django.utils import http\nx = http.http_date(5)\n"),
    ("import django.utils.http\nx = django.utils.http.cookie_date(5)\n",
     "import django.utils.http\nx = django.utils.http.http_date(5)\n"),
    ("from django.utils.http import cookie_date\nformatters = [cookie_date]\n",
     "from django.utils.http import http_date\nformatters = [http_date]\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after)


def test_in_migration():
    check_transformed(C, "from django.utils.http import cookie_date\nSTAMP = cookie_date(0)\n",
                      "from django.utils.http import http_date\nSTAMP = http_date(0)\n",
                      filename="app/migrations/0002_x.py")


@pytest.mark.parametrize("source", [
    "from mylib.http import cookie_date\nx = cookie_date()\n",
    "x = helpers.cookie_date()\n",
    "doc = 'cookie_date is gone'\n",
    "def cookie_date():\n    return 1\n",
])
def test_noop(source):
    check_noop(C, source)


@pytest.mark.parametrize("source", [
    "from django.utils.http import cookie_date\nfrom mylib import http_date\nx = cookie_date(http_date())\n",
    "try:\n    from django.utils.http import cookie_date\nexcept ImportError:\n    cookie_date = None\n",
    "from django.utils.http import *\nx = cookie_date()\n",
    "from django.utils.http import cookie_date\n\n\ndef cookie_date(x):\n    return x\n",
])
def test_noop_reported(source):
    check_noop(C, source, reported=True)


# elided (a rename: prunable): definitions without 'cookie_date' are hidden from libcst; an alias is a
# needle too (check_elided compares the output and findings with the whole-file run's)
@pytest.mark.parametrize("before, after", [
    ("from django.utils.http import cookie_date\n\n\ndef other(v):\n    return v\n\n\n"
     "def expires(t):\n    return cookie_date(t)\n",
     "from django.utils.http import http_date\n\n\ndef other(v):\n    return v\n\n\n"
     "def expires(t):\n    return http_date(t)\n"),
    ("from django.utils.http import cookie_date as cd\n\n\ndef other(v):\n    return v\n\n\n"
     "def expires(t):\n    return cd(t)\n",
     "from django.utils.http import http_date as cd\n\n\ndef other(v):\n    return v\n\n\n"
     "def expires(t):\n    return cd(t)\n"),
])
def test_elided(before, after):
    check_elided(C, before, after)
