import pytest

from codemods.catalogue.is_safe_url_host import IsSafeUrlHost
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.utils.http import is_safe_url\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "ok = is_safe_url(url, host=request.get_host())\n", IMP + "ok = is_safe_url(url, allowed_hosts={request.get_host()})\n"),
    (IMP + "ok = is_safe_url(url, request.get_host())\n", IMP + "ok = is_safe_url(url, allowed_hosts={request.get_host()})\n"),
    (IMP + "ok = is_safe_url(url=u, host=h, require_https=True)\n", IMP + "ok = is_safe_url(url=u, allowed_hosts={h}, require_https=True)\n"),
    (IMP + "ok = is_safe_url(url, host=None)\n", IMP + "ok = is_safe_url(url)\n"),
    ("from django.utils import http\nok = http.is_safe_url(url, host=h)\n", "from django.utils import http\nok = http.is_safe_url(url, allowed_hosts={h})\n"),
])
def test_transformed(before, after):
    check_transformed(IsSafeUrlHost, before, after)


@pytest.mark.parametrize("source", [
    IMP + "ok = is_safe_url(url, allowed_hosts={h})\n",
    IMP + "ok = is_safe_url(url)\n",
    "from mylib import is_safe_url\nok = is_safe_url(url, host=h)\n",
    "doc = 'is_safe_url'\n",
])
def test_noop(source):
    check_noop(IsSafeUrlHost, source)


@pytest.mark.parametrize("source", [
    IMP + "ok = is_safe_url(url, host=h, allowed_hosts=hs)\n",
    IMP + "ok = is_safe_url(url, **kw)\n",
    "from django.utils.http import *\nok = is_safe_url(url, host=h)\n",
])
def test_noop_reported(source):
    check_noop(IsSafeUrlHost, source, reported=True)
