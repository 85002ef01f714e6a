"""PyPIClient and ``plan --refresh`` against a local HTTP server serving recorded PyPI answers."""

from __future__ import annotations

import io
import json

import pytest

import release_data
from upgrader.refresh import build_overlay, refresh, refresh_with_fallback
from tests.pypi_server import DATA, pypi_server  # noqa: F401
from upgrader import pypi
from upgrader.pypi import PyPIClient, PyPIUnavailable


def client_for(server, **kw) -> PyPIClient:
    kw.setdefault("retries", 0)
    kw.setdefault("backoff", 0)
    kw.setdefault("timeout", 5)
    return PyPIClient(index_url=server.url, **kw)


# ------------------------------------------------------------------------------------ the client
def test_project_document_and_release_lookup(pypi_server):
    client = client_for(pypi_server)
    doc = client.project("Django")
    assert doc["info"]["name"].lower() == "django"
    assert "3.2.25" in doc["releases"]
    rel = client.release("django", "3.2.25")
    assert rel["info"]["version"] == "3.2.25"
    assert rel["info"]["requires_python"] == ">=3.6"
    assert client.release("django", "0.0.1") is None
    vs = client.versions("django")
    assert "3.2.25" in vs and not any("a" in v or "rc" in v for v in vs)
    assert "6.1a1" in client.versions("django", pre=True)
    assert client.latest_version("djangorestframework")


def test_unknown_project_is_none(pypi_server):
    assert client_for(pypi_server).project("no-such-project-xyz") is None


def test_conditional_request_uses_cache_on_304(pypi_server, tmp_path):
    client = client_for(pypi_server, cache_dir=tmp_path / "c")
    first = client.project("django")
    assert list((tmp_path / "c").glob("*.json")), "the answer was not cached"
    second = client.project("django")
    assert second == first
    sent = pypi_server.requests[-1][1]
    assert sent.get("If-None-Match", "").startswith('"')
    assert sent.get("If-Modified-Since")
    assert client.stats["not_modified"] == 1


def test_server_304_mode_serves_the_cached_copy(pypi_server, tmp_path):
    client = client_for(pypi_server, cache_dir=tmp_path / "c")
    doc = client.project("django-filter")
    pypi_server.mode = "304"
    assert client.project("django-filter") == doc


def test_no_validators_no_cache(pypi_server, tmp_path):
    pypi_server.mode = "no-validators"
    client = client_for(pypi_server, cache_dir=tmp_path / "c")
    assert client.project("django")
    assert not list((tmp_path / "c").glob("*.json"))


@pytest.mark.parametrize("mode,needle", [("500", "HTTP 500"), ("garbage", "not JSON"), ("bad-json", "not a PyPI")])
def test_bad_answers_raise_unavailable(pypi_server, mode, needle):
    pypi_server.mode = mode
    with pytest.raises(PyPIUnavailable) as info:
        client_for(pypi_server).project("django")
    assert needle in info.value.reason


def test_404_mode_is_unknown_project(pypi_server):
    pypi_server.mode = "404"
    assert client_for(pypi_server).project("django") is None


def test_retries_after_5xx(pypi_server):
    pypi_server.fail_first = 2
    client = client_for(pypi_server, retries=2)
    assert client.project("django")["info"]["name"]
    assert len(pypi_server.requests) == 3


def test_retries_exhausted(pypi_server):
    pypi_server.fail_first = 5
    with pytest.raises(PyPIUnavailable) as info:
        client_for(pypi_server, retries=1).project("django")
    assert "2 attempts" in info.value.reason
    assert len(pypi_server.requests) == 2


def test_timeout_is_unavailable(pypi_server):
    pypi_server.mode = "slow"
    with pytest.raises(PyPIUnavailable) as info:
        client_for(pypi_server, timeout=0.2).project("django")
    assert "timed out" in info.value.reason


def test_connection_refused_is_unavailable():
    client = PyPIClient(index_url="http://127.0.0.1:9/pypi", retries=0, timeout=2)
    with pytest.raises(PyPIUnavailable) as info:
        client.project("django")
    assert "cannot connect" in info.value.reason


# ------------------------------------------------------------------------------------ index URLs
def test_index_url_mapping(monkeypatch, tmp_path):
    assert pypi.json_api_for_index("https://pypi.org/simple") == "https://pypi.org/pypi"
    assert pypi.json_api_for_index("https://pypi.org/simple/") == "https://pypi.org/pypi"
    assert pypi.json_api_for_index("https://mirror.example/root/simple/") == "https://mirror.example/root/pypi"
    assert pypi.json_api_for_index("file:///opt/pypi/simple") is None
    assert pypi.json_api_for_index("https://devpi.example/root/pypi/+simple/") is None
    monkeypatch.setenv("PIP_INDEX_URL", "https://mirror.example/simple")
    assert PyPIClient().api == "https://mirror.example/pypi"
    monkeypatch.setenv("PIP_INDEX_URL", "file:///opt/pypi/simple")
    assert PyPIClient().api == pypi.DEFAULT_JSON_API
    monkeypatch.delenv("PIP_INDEX_URL")
    conf = tmp_path / "pip.conf"
    conf.write_text("[global]\nindex-url = https://corp.example/api/simple/\n")
    monkeypatch.setenv("PIP_CONFIG_FILE", str(conf))
    assert pypi.pip_configured_index() == "https://corp.example/api/simple/"
    assert PyPIClient().api == "https://corp.example/api/pypi"
    assert PyPIClient(index_url="https://other.example/simple").api == "https://other.example/pypi"


def test_simple_url_of_local_server_maps_to_json_api(pypi_server):
    client = PyPIClient(index_url=pypi_server.simple_url, retries=0)
    assert client.api == pypi_server.url
    assert client.project("django")


# ---------------------------------------------------------------------------------------- refresh
def test_build_overlay_from_recorded_answer():
    doc = json.loads((DATA / "django.json").read_text())
    overlay = build_overlay(doc, ["3.2", "6.1", "6.2", "2028"])
    rel = overlay["releases"]
    assert rel["3.2"]["latest_patch"] == "3.2.25"
    assert rel["3.2"]["release_date"] == "2021-04-06"
    assert rel["3.2"]["prereleases"] == ["3.2a1", "3.2b1", "3.2rc1"]
    assert rel["3.2"]["patches"][0] == "3.2" and rel["3.2"]["patches"][-1] == "3.2.25"
    assert rel["6.1"]["status"] == "released"
    assert "2028" not in rel  # nothing on PyPI yet


def test_build_overlay_calendar_and_prereleases():
    doc = {
        "info": {"name": "Django"},
        "releases": {
            "6.2a1": [{"upload_time_iso_8601": "2027-01-20T10:00:00Z"}],
            "6.2": [{"upload_time_iso_8601": "2027-04-07T10:00:00Z"}],
            "6.2.1": [{"upload_time_iso_8601": "2027-05-04T10:00:00Z"}],
            "2028.0a1": [{"upload_time_iso_8601": "2027-10-01T10:00:00Z"}],
            "2028.0": [{"upload_time_iso_8601": "2028-01-12T10:00:00Z"}],
            "2028.1": [{"upload_time_iso_8601": "2028-02-02T10:00:00Z", "yanked": False}],
            "2028.2": [{"upload_time_iso_8601": "2028-03-02T10:00:00Z", "yanked": True}],
        },
    }
    rel = build_overlay(doc, ["6.2", "2028"])["releases"]
    assert rel["6.2"] == {
        "prereleases": ["6.2a1"], "status": "released", "patches": ["6.2", "6.2.1"], "latest_patch": "6.2.1",
        "latest_patch_date": "2027-05-04", "release_date": "2027-04-07",
    }
    assert rel["2028"]["latest_patch"] == "2028.1"  # the yanked 2028.2 does not count
    assert rel["2028"]["release_date"] == "2028-01-12"
    assert rel["2028"]["prereleases"] == ["2028.0a1"]


def test_refresh_writes_overlay_that_load_uses(pypi_server):
    newer = json.loads((DATA / "django.json").read_text())
    newer["releases"]["3.2.26"] = [{"upload_time_iso_8601": "2027-01-01T00:00:00Z", "yanked": False}]
    newer["releases"]["6.2a1"] = [{"upload_time_iso_8601": "2027-01-20T00:00:00Z", "yanked": False}]
    pypi_server.overrides["django"] = newer
    overlay = refresh(client_for(pypi_server))
    assert release_data.refreshed_path().is_file()
    assert overlay["releases"]["3.2"]["latest_patch"] == "3.2.26"
    data = release_data.load()
    assert data.source == "refreshed"
    assert data.release("3.2").latest_patch == "3.2.26"
    assert data.release("6.2").prereleases == ("6.2a1",)
    assert release_data.load(use_refreshed=False).release("3.2").latest_patch == "3.2.25"


@pytest.mark.parametrize("mode", ["500", "garbage", "slow", "404"])
def test_refresh_offline_fallback_keeps_embedded_data(pypi_server, mode):
    pypi_server.mode = mode
    err = io.StringIO()
    assert refresh_with_fallback(client_for(pypi_server, timeout=0.2), stream=err) is None
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and "PyPI unavailable" in lines[0] and "embedded release data" in lines[0]
    assert not release_data.refreshed_path().exists()
    assert release_data.load().source == "embedded"


def test_refresh_failure_keeps_earlier_refresh(pypi_server):
    refresh(client_for(pypi_server))
    before = release_data.refreshed_path().read_text()
    pypi_server.mode = "500"
    err = io.StringIO()
    assert refresh_with_fallback(client_for(pypi_server), stream=err) is None
    assert "refreshed earlier" in err.getvalue()
    assert release_data.refreshed_path().read_text() == before
