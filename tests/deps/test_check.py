"""``evaluate`` against the local PyPI server serving recorded answers of real packages."""

from __future__ import annotations

import pytest

from tests.deps.conftest import by_name, pinned
from upgrader import deps
from upgrader.deps.model import BLOCKED, MOVE_FIRST, MOVE_WITH_DJANGO, NOT_DECLARED, UNKNOWN, YES, Dependency
from upgrader.pypi import PyPIClient

PROJECT = pinned(
    ("djangorestframework", "3.12.4"), ("django-filter", "2.4.0"), ("django-crispy-forms", "1.14.0"),
    ("wagtail", "2.15.6"), ("django-allauth", "0.50.0"), ("django-celery-beat", "2.2.1"), ("django-cte", "1.1.5"),
    ("requests", "2.32.3"), ("django-private-widgets", "1.0"),
)


def run(client, steps=("4.0", "4.1", "4.2"), python="3.9", current="3.2.25", project=PROJECT):
    targets = [deps.step_target(v, python) for v in steps]
    return deps.evaluate([Dependency(d.name, version=d.version, version_source=d.version_source, source=d.source)
                          for d in project], targets, client, current_django=current, current_python=python)


def test_statuses_and_suggestions_per_step(client):
    report = run(client)
    s40, s41, s42 = (by_name(report.steps[k]) for k in ("4.0.10", "4.1.13", "4.2.30"))
    # a hard <4 pin blocks 4.0; the first release declaring 4.0 runs on 3.2 too: upgrade it first
    assert (s40["django-celery-beat"].status, s40["django-celery-beat"].suggest, s40["django-celery-beat"].move) == (
        BLOCKED, "2.3.0", MOVE_FIRST)
    assert s40["django-celery-beat"].requires_django == "<4.0,>=2.2"
    assert (s40["wagtail"].status, s40["wagtail"].suggest) == (BLOCKED, "2.16.3")
    assert (s42["wagtail"].status, s42["wagtail"].suggest) == (BLOCKED, "5.0.5")
    # declared, not declared, and the smallest release that declares the step
    assert s40["django-allauth"].status == YES and s40["django-allauth"].suggest is None
    assert s40["django-crispy-forms"].status == YES
    assert (s40["djangorestframework"].status, s40["djangorestframework"].suggest) == (NOT_DECLARED, "3.13.0")
    assert s41["djangorestframework"].suggest == "3.14.0"
    assert (s41["django-filter"].suggest, s41["django-filter"].move) == ("22.1", MOVE_FIRST)
    assert s41["django-allauth"].suggest == "0.54.0"
    # crispy-forms 2.1 requires Django>=4.2: it has to move together with Django
    assert (s42["django-crispy-forms"].suggest, s42["django-crispy-forms"].move) == ("2.1", MOVE_WITH_DJANGO)
    # no version classifiers at all (only "Framework :: Django"): judged, never declared
    assert s40["django-cte"].status == NOT_DECLARED and s40["django-cte"].suggest == "1.2.1"
    assert s42["django-cte"].suggest == "1.3.0"  # 1.2.1's "Django :: 4" predates 4.2
    # not Django-related: left out; missing from the index: unknown, said once
    assert "requests" not in s40 and report.skipped == 1
    assert s40["django-private-widgets"].status == UNKNOWN
    assert "not on the index" in s40["django-private-widgets"].reason
    assert list(report.unknown) == ["django-private-widgets"]
    assert report.notice().count("django-private-widgets") == 1
    # blocked first, then not declared, unknown, yes
    order = [s.status for s in report.steps["4.0.10"]]
    assert order == sorted(order, key=[BLOCKED, NOT_DECLARED, UNKNOWN, YES].index)


def test_json_of_a_status(client):
    report = run(client, steps=("4.0",))
    doc = by_name(report.steps["4.0.10"])["django-celery-beat"].to_json()
    assert doc["name"] == "django-celery-beat" and doc["version"] == "2.2.1"
    assert doc["status"] == "blocked" and doc["suggest"] == "2.3.0" and doc["move"] == "first"
    assert "requires Django<4.0,>=2.2" in doc["message"] and "2.3.0" in doc["message"]
    assert doc["declared"] == ["2.2", "3.0", "3.1"] and doc["source"] == "requirements.txt:6"


def test_python_of_the_step_limits_the_suggestion(client):
    # djangorestframework 3.15.2 declares 4.2/5.0; the first release declaring 5.1 (3.16.0) requires Python
    # >=3.9: on Python 3.8 nothing can be suggested, on 3.9 it can
    project = pinned(("djangorestframework", "3.15.2"))
    (status,) = run(client, steps=("5.1",), python="3.8", current="5.0.14", project=project).steps["5.1.15"]
    assert (status.status, status.suggest) == (NOT_DECLARED, None)
    (status,) = run(client, steps=("5.1",), python="3.9", current="5.0.14", project=project).steps["5.1.15"]
    assert (status.suggest, status.move) == ("3.16.0", MOVE_FIRST)


def test_range_pin_judges_the_newest_release_it_admits(client):
    dep = Dependency("django-celery-beat", specifier=">=2.2,<2.4")
    report = deps.evaluate([dep], [deps.step_target("4.1", "3.9")], client, current_django="4.0.10", current_python="3.9")
    (status,) = report.steps["4.1.13"]
    assert status.version == "2.3.0" and status.version_source == "specifier"
    assert status.status == BLOCKED and status.suggest == "2.4.0"


def test_second_run_uses_the_caches(pypi_server, tmp_path):
    cache = tmp_path / "c"
    first = run(PyPIClient(index_url=pypi_server.url, cache_dir=cache, retries=0, timeout=5))
    n = len(pypi_server.requests)
    again = run(PyPIClient(index_url=pypi_server.url, cache_dir=cache, retries=0, timeout=5))
    later = pypi_server.paths()[n:]
    # release metadata is immutable: never asked again; project documents are revalidated (304)
    assert later and all(p.count("/") == 3 for p in later), later
    assert all(h.get("If-None-Match") for p, h in pypi_server.requests[n:] if "private" not in p)
    assert [s.to_json() for s in again.steps["4.2.30"]] == [s.to_json() for s in first.steps["4.2.30"]]


@pytest.mark.parametrize("mode, needle", [("500", "HTTP 500"), ("garbage", "not JSON"), ("bad-json", "not a PyPI project")])
def test_failing_index_gives_unknown_never_a_crash(pypi_server, client, mode, needle):
    pypi_server.mode = mode
    report = run(client)
    statuses = report.steps["4.0.10"]
    assert statuses and {s.status for s in statuses} == {UNKNOWN}
    assert needle in statuses[0].reason
    assert "requests" not in by_name(statuses)  # not Django-related by name: not listed as unknown
    assert report.notice().startswith("dependency check: status unknown for")


def test_slow_index_times_out_once(pypi_server, tmp_path):
    pypi_server.mode = "slow"
    pypi_server.slow_seconds = 30
    client = PyPIClient(index_url=pypi_server.url, cache_dir=tmp_path / "c", timeout=0.5, retries=1, backoff=0)
    report = run(client)
    assert report.offline and "timed out" in report.offline
    assert {s.status for s in report.steps["4.0.10"]} == {UNKNOWN}
    notice = report.notice()
    assert notice.count("could not be used") == 1 and "timed out" in notice
    # the first timeout marks the index offline: not every package waits for its own timeouts
    assert len(pypi_server.requests) < 2 * len(PROJECT)


def test_retries_recover_from_a_passing_failure(pypi_server, tmp_path):
    pypi_server.fail_first = 1
    client = PyPIClient(index_url=pypi_server.url, cache_dir=tmp_path / "c", timeout=5, retries=2, backoff=0)
    report = run(client, steps=("4.0",), project=pinned(("django-celery-beat", "2.2.1")))
    assert report.steps["4.0.10"][0].status == BLOCKED


def test_offline_index(tmp_path):
    client = PyPIClient(index_url="http://127.0.0.1:9/pypi", cache_dir=tmp_path / "c", timeout=2, retries=0)
    report = run(client, project=pinned(("django-celery-beat", "2.2.1"), ("requests", "2.32.3")))
    assert [s.status for s in report.steps["4.0.10"]] == [UNKNOWN]
    assert report.skipped == 1 and "cannot connect" in report.offline


def test_vcs_install_is_unknown_without_asking(pypi_server, client):
    dep = Dependency("djangorestframework", version="3.12.4", version_source="installed",
                     direct_url="git+https://github.com/encode/django-rest-framework@abc")
    report = deps.evaluate([dep], [deps.step_target("4.0")], client, current_django="3.2.25")
    (status,) = report.steps["4.0.10"]
    assert status.status == UNKNOWN and "git+https" in status.reason
    assert not pypi_server.requests


def test_private_index_from_pip_config(pypi_server, tmp_path, monkeypatch):
    conf = tmp_path / "pip.conf"
    conf.write_text(f"[global]\nindex-url = {pypi_server.simple_url}\n")
    monkeypatch.delenv("PIP_INDEX_URL", raising=False)
    monkeypatch.setenv("PIP_CONFIG_FILE", str(conf))
    client = PyPIClient(cache_dir=tmp_path / "c", retries=0, timeout=5)
    assert client.api == pypi_server.url
    report = run(client, steps=("4.0",), project=pinned(("wagtail", "2.15.6")))
    assert report.steps["4.0.10"][0].suggest == "2.16.3"
