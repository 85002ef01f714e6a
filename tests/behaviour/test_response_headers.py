"""``step`` 3.1 -> 3.2 on a project whose tests read ``response._headers`` (as django-guardian 2.3's and
django-cms 3.7's do): Django 3.2 drops that private dict without a deprecation. Before the bump the
step rewrites the reads that have a public equivalent (``response_private_headers``); the one it must
leave (the ``(name, value)`` tuple) fails on 3.2 and the report explains it as
``response-private-headers``, where it is also listed as left by hand. Real git, a real venv with
Django 3.1, the step's real install of 3.2."""

from __future__ import annotations

import pytest

from tests.behaviour.step31 import step_31_to_32

pytestmark = pytest.mark.integration

HEADERS_TEST = {"shop/tests.py": """
    from django.http import HttpResponseRedirect
    from django.test import SimpleTestCase


    class Headers(SimpleTestCase):
        def test_location(self):
            response = HttpResponseRedirect("/next/")
            self.assertTrue(response._headers["location"][1].startswith("/next"))
            self.assertTrue("location" in response._headers)

        def test_location_tuple(self):
            response = HttpResponseRedirect("/next/")
            self.assertEqual(response._headers.get("location"), ("Location", "/next/"))
    """}


def test_reads_of_response_headers_are_rewritten_and_the_rest_explained(tmp_path):
    project, step, res = step_31_to_32(tmp_path, HEADERS_TEST)
    assert step["tests"]["before"]["passed"] == 2, res.output[-3000:]
    tests = (project / "shop" / "tests.py").read_text()
    assert 'response["location"].startswith' in tests and 'response.has_header("location")' in tests
    assert 'response._headers.get("location")' in tests
    (failure,) = step["left_by_hand"]["failures"]
    assert failure["test"].endswith("test_location_tuple"), failure
    e = failure["explanation"]
    assert e["explained"] and e["change"] == "response-private-headers", e
    # (the codemod ran and left this line: the fix is the recipe, by hand)
    assert "by hand: HttpResponse._headers" in failure["matches"][0]["summary"], failure["matches"][0]
    assert "codemod response_private_headers left this one" in failure["matches"][0]["summary"]
    assert step["tests"]["after"]["passed"] == 1
