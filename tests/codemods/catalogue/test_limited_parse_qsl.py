import ast

import pytest

from codemods import elide, prune
from codemods.catalogue.limited_parse_qsl import LimitedParseQsl as C
from tests.codemods.helpers import check_elided, check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.utils.http import limited_parse_qsl\npairs = limited_parse_qsl(body)\n",
     "from urllib.parse import parse_qsl\npairs = parse_qsl(body)\n"),
    ("from django.utils.http import limited_parse_qsl\np = limited_parse_qsl(body, True, fields_limit=100)\n",
     "from urllib.parse import parse_qsl\np = parse_qsl(body, True, max_num_fields=100)\n"),
    ("from django.utils.http import limited_parse_qsl, urlencode\n"
     "p = limited_parse_qsl(qs=b, keep_blank_values=True, encoding='latin-1', errors='strict', fields_limit=n)\n",
     "from django.utils.http import urlencode\nfrom urllib.parse import parse_qsl\n"
     "p = parse_qsl(qs=b, keep_blank_values=True, encoding='latin-1', errors='strict', max_num_fields=n)\n"),
    ("from django.utils.http import limited_parse_qsl as lpq\np = lpq(body, fields_limit=None)\n",
     "from urllib.parse import parse_qsl\np = parse_qsl(body, max_num_fields=None)\n"),
    ("from django.utils import http\np = http.limited_parse_qsl(body)\n",
     "from django.utils import http\nfrom urllib.parse import parse_qsl\np = parse_qsl(body)\n"),
    # an existing import is reused
    ("from urllib.parse import parse_qsl, urlsplit\nfrom django.utils.http import limited_parse_qsl\n"
     "a = limited_parse_qsl(x)\nb = parse_qsl(y)\n",
     "from urllib.parse import parse_qsl, urlsplit\na = parse_qsl(x)\nb = parse_qsl(y)\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after)


def test_in_migration():
    check_transformed(C, "from django.utils.http import limited_parse_qsl\nP = limited_parse_qsl('a=1')\n",
                      "from urllib.parse import parse_qsl\nP = parse_qsl('a=1')\n", filename="app/migrations/0002_x.py")


def test_toomanyfieldssent_handler_reported():
    check_transformed(C, """\
        from django.core.exceptions import TooManyFieldsSent
        from django.utils.http import limited_parse_qsl
        try:
            p = limited_parse_qsl(body, fields_limit=10)
        except TooManyFieldsSent:
            p = []
        """, """\
        from django.core.exceptions import TooManyFieldsSent
        from urllib.parse import parse_qsl
        try:
            p = parse_qsl(body, max_num_fields=10)
        except TooManyFieldsSent:
            p = []
        """, reported=True)


@pytest.mark.parametrize("source", [
    "from urllib.parse import parse_qsl\np = parse_qsl(body)\n",
    "from mylib import limited_parse_qsl\np = limited_parse_qsl(body, True, 'utf-8')\n",
    "doc = 'limited_parse_qsl'\n",
])
def test_noop(source):
    check_noop(C, source)


@pytest.mark.parametrize("source", [
    "from django.utils.http import limited_parse_qsl\np = limited_parse_qsl(body, True, 'latin-1')\n",
    "from django.utils.http import limited_parse_qsl\np = limited_parse_qsl(body, **kw)\n",
    "from django.utils.http import limited_parse_qsl\np = limited_parse_qsl(*a)\n",
    "from django.utils.http import limited_parse_qsl\np = limited_parse_qsl(body, fields_limit=0)\n",
    "from django.utils.http import limited_parse_qsl\nparsers = [limited_parse_qsl]\np = limited_parse_qsl(b, True, 'x')\n",
    "from django.utils.http import limited_parse_qsl\nfrom mylib import parse_qsl\np = limited_parse_qsl(parse_qsl(b))\n",
    "try:\n    from django.utils.http import limited_parse_qsl\nexcept ImportError:\n    limited_parse_qsl = None\np = limited_parse_qsl(b)\n",
    "from django.utils.http import *\np = limited_parse_qsl(b)\n",
])
def test_noop_reported(source):
    check_noop(C, source, reported=True)


# elided: the definitions without 'limited_parse_qsl' are hidden from libcst (check_elided compares
# the output with the whole-file run's)
@pytest.mark.parametrize("before, after", [
    ("from django.utils.http import limited_parse_qsl\n\n\ndef other(v):\n    return v\n\n\n"
     "def parse(body):\n    return limited_parse_qsl(body)\n",
     "from urllib.parse import parse_qsl\n\n\ndef other(v):\n    return v\n\n\n"
     "def parse(body):\n    return parse_qsl(body)\n"),
    # TooManyFieldsSent is used in hidden code: still reported
    ("from django.utils.http import limited_parse_qsl\n\n\ndef other(v):\n    raise TooManyFieldsSent(v)\n\n\n"
     "p = limited_parse_qsl(body)\n",
     "from urllib.parse import parse_qsl\n\n\ndef other(v):\n    raise TooManyFieldsSent(v)\n\n\n"
     "p = parse_qsl(body)\n"),
])
def test_elided(before, after):
    check_elided(C, before, after, reported="TooManyFieldsSent" in before or None)


def test_elided_name_bound_in_hidden_code():
    # parse_qsl is defined in a hidden function: left alone and reported, as in the whole-file run
    source = ("from django.utils.http import limited_parse_qsl\n\n\ndef parse_qsl(v):\n    return v\n\n\n"
              "p = limited_parse_qsl(body)\n")
    tree = ast.parse(source)
    assert elide.build(source, tree, prune.needles_for(C(), tree)) is not None
    check_noop(C, source, reported=True)
