import pytest

from codemods.catalogue.request_headers import RequestHeaders
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('agent = request.META["HTTP_USER_AGENT"]\n', 'agent = request.headers["User-Agent"]\n'),
    ("ip = request.META.get('HTTP_X_FORWARDED_FOR', '')\n", "ip = request.headers.get('X-Forwarded-For', '')\n"),
    ("ref = self.request.META.get('HTTP_REFERER')\n", "ref = self.request.headers.get('Referer')\n"),
    ("ajax = 'HTTP_X_REQUESTED_WITH' in request.META\n", "ajax = 'X-Requested-With' in request.headers\n"),
    ("no = 'HTTP_DNT' not in request.META\n", "no = 'Dnt' not in request.headers\n"),
])
def test_transformed(before, after):
    check_transformed(RequestHeaders, before, after, target="2.2")


@pytest.mark.parametrize("source", [
    "ip = request.META['REMOTE_ADDR']\n",
    "request.META['HTTP_HOST'] = 'x'\n",
    "del request.META['HTTP_HOST']\n",
    "v = request.META[key]\n",
    "v = environ.META['HTTP_HOST']\n",
    "v = request.META.get(f'HTTP_{name}')\n",
    "doc = 'META HTTP_'\n",
])
def test_noop(source):
    check_noop(RequestHeaders, source, target="2.2")
