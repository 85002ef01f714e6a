"""Failure explanation on recorded outcomes (no Django needed): signature + frame, context-only
signatures, unexplained failures with their raising line, the summary-line fallback."""

from __future__ import annotations

import textwrap

import pytest

import release_data
from upgrader import explain
from upgrader.testresults import Frame, TestOutcome
from upgrader.testrun import Failure, RunResult

DJ = "/venv/lib/python3.10/site-packages/django/db/models/fields/related_descriptors.py"


@pytest.fixture(scope="module")
def data():
    return release_data.load(use_refreshed=False)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "logic.py").write_text(textwrap.dedent("""\
        def total(Order):
            order = Order(number=1)
            return order.line_set.count()
        """))
    (tmp_path / "shop" / "other.py").write_text("def boom():\n    raise KeyError('x')\n")
    return tmp_path


def _result(*outcomes, warnings=()):
    return RunResult(returncode=1, tests=list(outcomes), structured=True, warnings=list(warnings))


def test_signature_and_frame_name_the_project_line(project, data):
    out = TestOutcome(test="shop.tests.T.test_total", outcome="error", exc_type="ValueError",
                      message="'Order' instance needs to have a primary key value before this relationship can be used.",
                      frames=[Frame(str(project / "shop" / "logic.py"), 3, "total", "return order.line_set.count()"),
                              Frame(DJ, 691, "get_queryset", "raise ValueError(")])
    [e] = explain.explain_run(_result(out), project, data, "4.0", "4.1")
    assert (e.change_id, e.location, e.matched_by) == ("4.1-unsaved-reverse-fk", "shop/logic.py:3", ["signature", "frame"])
    assert e.raised_at == f"{DJ}:691"
    # outside the step's span the same failure is not blamed on 4.1
    [e] = explain.explain_run(_result(out), project, data, "4.1", "4.2")
    assert not e.explained and "unexplained ValueError" in e.headline()


def test_unexplained_failure_keeps_exception_and_raising_line(project, data):
    out = TestOutcome(test="shop.tests.T.test_boom", outcome="error", exc_type="KeyError", message="'x'",
                      frames=[Frame(str(project / "shop" / "other.py"), 2, "boom", "raise KeyError('x')")])
    [e] = explain.explain_run(_result(out), project, data, "3.2", "6.1")
    assert not e.explained
    assert e.raised_at.endswith("shop/other.py:2") and e.raised_source == "raise KeyError('x')"
    assert e.to_json()["explained"] is False


def test_context_signature_alone_explains_nothing(project, data):
    # an AssertionError matches the DeleteView change's context-only signature, but no warning, frame
    # or test reference ties it to a DeleteView here
    out = TestOutcome(test="shop.tests.T.test_x", outcome="failed", exc_type="AssertionError", message="1 != 2",
                      frames=[Frame(str(project / "shop" / "other.py"), 2, "boom", "")])
    [e] = explain.explain_run(_result(out), project, data, "3.2", "4.0")
    assert not e.explained


def test_summary_line_fallback_and_removal_error_regex(project, data):
    run = RunResult(returncode=1, failures=[
        Failure("tests/test_a.py::test_import", "ImportError: cannot import name 'force_text' from 'django.utils.encoding' (/v/x.py)", "error"),
        Failure("tests/test_a.py::test_utc", "AttributeError: module 'django.utils.timezone' has no attribute 'utc'", "failure"),
    ])
    got = {e.test: e for e in explain.explain_run(run, project, data, "3.2", "5.0", findings={})}
    assert got["tests/test_a.py::test_import"].change_id == "force-text"
    assert got["tests/test_a.py::test_import"].exc_type == "ImportError"
    assert got["tests/test_a.py::test_utc"].change_id == "5.0-timezone-utc-removed"
    assert got["tests/test_a.py::test_utc"].fix["codemod"] == "timezone_utc"
    assert any("force-text" in line for line in explain.render_text(list(got.values())))
    assert explain.render_markdown(list(got.values()))[0].startswith("| Test |")


def test_annotate_step_failure_entries(project, data):
    out = TestOutcome(test="shop.tests.T.test_total", outcome="error", exc_type="ValueError",
                      message="'Order' instance needs to have a primary key value before this relationship can be used.",
                      frames=[Frame(str(project / "shop" / "logic.py"), 3, "total", "return order.line_set.count()")])
    entries = [{"test": "shop.tests.T.test_total", "message": "ValueError: ...", "kind": "error",
                "matches": [{"kind": "incompatible", "id": "4.1-unsaved-reverse-fk", "release": "4.1", "summary": "s",
                             "link": "l"}]},
               {"test": "other", "message": "x", "kind": "error", "matches": []}]
    explain.annotate_failures(entries, _result(out), project, data, "4.0", "4.1")
    first = entries[0]
    assert first["explanation"]["location"] == "shop/logic.py:3"
    assert [m["id"] for m in first["matches"]] == ["4.1-unsaved-reverse-fk"]
    assert "shop/logic.py:3" in first["matches"][0]["summary"] and first["matches"][0]["kind"] == "incompatible"
    assert "explanation" not in entries[1]
    # never raises
    assert explain.annotate_failures(entries, object(), project, None, "4.0", "4.1") is entries


def test_a_check_test_whose_diff_cuts_the_w042_message_is_explained(project, data):
    """unittest's list diff cuts the warning's repr (django-debug-toolbar 2.2's check tests on 3.2): the
    text left of models.W042 is "Auto-created pri[313 chars]" or "...used when not d[590 chars]"."""
    cut = [
        "Lists differ: [<War[15 chars] msg=\"Auto-created primary key used when not d[590 chars]03'>] != "
        "[<War[15 chars] msg='debug_toolbar.middleware.DebugToolbarMid[230 chars]03'>]",
        "Lists differ: [<Warning: level=30, msg=\"Auto-created pri[313 chars]42'>] != []",
    ]
    outs = [TestOutcome(test=f"tests.test_integration.T.test_{i}", outcome="failed", exc_type="AssertionError",
                        message=m, frames=[]) for i, m in enumerate(cut)]
    got = explain.explain_run(_result(*outs), project, data, "3.1", "3.2")
    assert [e.change_id for e in got] == ["3.2-default-auto-field"] * 2


def test_a_response_without_its_private_headers_is_explained(project, data):
    out = TestOutcome(test="shop.tests.T.test_location", outcome="error", exc_type="AttributeError",
                      message="'HttpResponseRedirect' object has no attribute '_headers'", frames=[])
    [e] = explain.explain_run(_result(out), project, data, "3.1", "3.2")
    assert e.change_id == "response-private-headers" and e.fix["codemod"] == "response_private_headers"
    assert "by hand: HttpResponse._headers" in e.fix_text(frozenset({"response_private_headers"}))
    other = TestOutcome(test="shop.tests.T.test_mail", outcome="error", exc_type="AttributeError",
                        message="'Message' object has no attribute '_headers'", frames=[])
    [e] = explain.explain_run(_result(other), project, data, "3.1", "3.2")
    assert not e.explained
