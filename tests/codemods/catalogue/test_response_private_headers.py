import pytest

from codemods.catalogue.response_private_headers import ResponsePrivateHeaders
from tests.codemods.helpers import check_noop, check_transformed

TEST = "from django.test import TestCase\n\n\n"


@pytest.mark.parametrize("before, after", [
    # django-guardian 2.3's test_decorators.py
    ("self.assertTrue(response._headers['location'][1].startswith(\n    settings.LOGIN_URL))\n",
     "self.assertTrue(response['location'].startswith(\n    settings.LOGIN_URL))\n"),
    # django-cms 3.7's pageadmin.py
    ("if response.status_code == 302 and response._headers['location'][1] == request.path_info:\n    pass\n",
     "if response.status_code == 302 and response['location'] == request.path_info:\n    pass\n"),
    ('value = self.client.get("/")._headers["content-type"][1]\n',
     'value = self.client.get("/")["content-type"]\n'),
    ('assert "x-frame-options" in response._headers\n', 'assert response.has_header("x-frame-options")\n'),
    ('assert "x-frame-options" not in response._headers\n', 'assert not response.has_header("x-frame-options")\n'),
    ('ok = flag and ("vary" not in r._headers)\n', 'ok = flag and (not r.has_header("vary"))\n'),
])
def test_transformed(before, after):
    check_transformed(ResponsePrivateHeaders, TEST + before, TEST + after)


@pytest.mark.parametrize("source", [
    # the (name, value) tuple itself, .get(), a store: the detection reports them
    TEST + "location = response._headers['location']\n",
    TEST + "location = response._headers.get('location')\n",
    TEST + "response._headers['location'] = ('Location', '/')\n",
    # a name that is not lowercase (never a key of _headers), or not a literal
    TEST + "value = response._headers['Location'][1]\n",
    TEST + "value = response._headers[name][1]\n",
    TEST + "value = response._headers[b'location'][1]\n",
    TEST + "value = response._headers['location'][0]\n",
    TEST + "ok = 'a' in x in response._headers\n",
    TEST + "self.assertIn('etag', response._headers)\n",
    # no import from django: the receiver may be anything (an email message's _headers is a list)
    "import email\nvalue = message._headers['subject'][1]\nok = 'subject' in message._headers\n",
    "from .django import x\nvalue = response._headers['location'][1]\n",
    "doc = \"response._headers['location'][1]\"\n",
])
def test_noop(source):
    check_noop(ResponsePrivateHeaders, source)


@pytest.mark.parametrize("source", [
    TEST + "class Fake:\n    def __init__(self):\n        self._headers = {}\n\n\nvalue = Fake()._headers['location'][1]\n",
    TEST + "class Fake:\n    _headers = {}\n\n\nok = 'etag' in Fake._headers\n",
])
def test_noop_reported(source):
    check_noop(ResponsePrivateHeaders, source, reported=True)


def test_migrations_are_left_alone():
    check_noop(ResponsePrivateHeaders, "from django.db import migrations\nx = r._headers['location'][1]\n",
               filename="app/migrations/0001_initial.py")
