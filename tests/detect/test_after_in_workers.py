"""``fix`` finds what is left inside the engine's workers, on the text the codemods produced, and the
result is the one a separate scan of the files gives (``codemods.detect.after``)."""

from __future__ import annotations

import json
import shutil

import pytest

import release_data
from codemods import engine, registry
from codemods.detect.after import LeftRequest, changes_at, leftovers
from tests.detect.test_plan_fix_agree import TREE, project  # noqa: F401 - the fixture

DATA = release_data.load(use_refreshed=False)


def _run(root, mode, request, jobs, cache_dir=None):
    entries = registry.select_entries(target="5.1")
    return engine.run([str(root)], entries, target="5.1", mode=mode, jobs=jobs, use_cache=cache_dir is not None,
                      cache_dir=cache_dir, settings_files=[root / "proj" / "settings.py"], detect=request)


def _request(root):
    return LeftRequest(changes_at(DATA.changes, "5.1"), root, settings_files=[root / "proj" / "settings.py"])


@pytest.mark.parametrize("mode", ["check", "diff", "write"])
def test_the_workers_find_what_a_separate_scan_finds(project, tmp_path, monkeypatch, mode):  # noqa: F811
    monkeypatch.setenv("DJANGO_UPGRADE_SERIAL_THRESHOLD", "1")  # a real process pool, even for a few files
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    plain = _run(copy, mode, None, jobs=1)
    expected = leftovers(plain.files, changes_at(DATA.changes, "5.1"), copy,
                         settings_files=[copy / "proj" / "settings.py"], map_to_old=mode != "write", use_cache=False)

    request = _request(project)
    summary = _run(project, mode, request, jobs=2)
    assert summary.parallel and all(r.left is not None for r in summary.files)
    got = leftovers(summary.files, (), project, request=request, map_to_old=mode != "write")
    assert got and got == expected
    ids = {x.change_id for x in got}
    assert {"memcachedcache", "baseconv", "cicharfield"} & ids  # by hand, and a setting rewritten in place
    if mode != "write":  # lines of the files as they are on disk
        views = (project / "shop" / "views.py").read_text().splitlines()
        assert all(views[x.line - 1].strip() == x.text for x in got if x.path == "shop/views.py")


def test_a_warm_run_takes_what_is_left_from_the_result_cache(project, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    cold = _run(project, "check", _request(project), jobs=1, cache_dir=cache)
    warm_request = _request(project)
    calls = []
    original = warm_request.__class__.__call__
    warm_request.__class__ = type("Counting", (LeftRequest,), {
        "__call__": lambda self, *a, **k: calls.append(a[0]) or original(self, *a, **k)})
    warm = _run(project, "check", warm_request, jobs=1, cache_dir=cache)
    assert calls == []  # nothing detected again: the rows came back with the cached results
    assert [r.left for r in warm.files] == [r.left for r in cold.files]
    assert leftovers(warm.files, (), project, request=warm_request) == \
        leftovers(cold.files, (), project, request=_request(project))
    json.dumps([r.left for r in warm.files])  # what the cache keeps is plain JSON


def test_another_set_of_changes_is_another_cache_entry(project, tmp_path):  # noqa: F811
    cache = tmp_path / "cache"
    _run(project, "check", _request(project), jobs=1, cache_dir=cache)
    only = LeftRequest([c for c in DATA.changes if c.id == "force-text"], project)
    summary = _run(project, "check", only, jobs=1, cache_dir=cache)
    left = leftovers(summary.files, (), project, request=only)
    assert {x.change_id for x in left} <= {"force-text"}


def test_the_detection_reads_the_tree_of_the_text_it_is_given(project):  # noqa: F811
    """The workers hand the detection the ``ast`` tree ``apply_source`` parsed of the rewritten text
    (of the file itself when unchanged): it is the tree of the text detected, and nothing parses it
    a second time."""
    import ast

    seen = []

    def detect(path, old, new, tree):
        text = new if new is not None else old
        if path.endswith(".py"):  # (templates have no tree)
            seen.append((new is not None, tree is not None and ast.dump(tree) == ast.dump(ast.parse(text))))
        return {"rows": [], "error": None, "sets": None}

    detect.fingerprint = "test"
    _run(project, "check", detect, jobs=1)
    assert any(changed for changed, _ in seen) and any(not changed for changed, _ in seen)
    assert all(same for changed, same in seen if changed)


def test_a_file_that_cannot_be_read_leaves_nothing_and_nothing_is_rescanned(project, monkeypatch):  # noqa: F811
    """A file gone between discovery and its turn is reported; what is left is still gathered from
    the workers' rows, not found by scanning every file again in this process."""
    import codemods.detect

    request = _request(project)
    summary = _run(project, "check", request, jobs=1)
    gone, _ = engine.process_file(str(project / "gone.py"), [], "5.1", "check", detect=request)
    assert gone.error.startswith("cannot read") and gone.left == {"rows": [], "error": None, "sets": None}
    expected = leftovers(summary.files, (), project, request=request)

    def scan(*args, **kwargs):
        raise AssertionError("scanned the files again")

    monkeypatch.setattr(codemods.detect, "find_in_files", scan)
    assert leftovers([*summary.files, gone], (), project, request=request) == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_codemods_are_imported_before_a_fork_and_else_when_a_file_needs_them(project, monkeypatch, jobs):  # noqa: F811
    """Forking workers, the detection imports every codemod first, once (the workers share them); in
    one process, only those a file needs more of than their metadata (``registry.Deferred``). The
    findings are the same."""
    from codemods.detect import _Plan, find_in_files

    monkeypatch.setenv("DJANGO_UPGRADE_SERIAL_THRESHOLD", "1")
    files = sorted(project.rglob("*.py"))
    plan = _Plan(changes_at(DATA.changes, "5.1"))
    found = find_in_files(files, plan, project, settings_files=[project / "proj" / "settings.py"], jobs=jobs)
    loaded = [not isinstance(cm, registry.Deferred) or cm.loaded for cm, _, _ in plan.codemods.values()]
    assert len(loaded) > 50
    if jobs == 2:
        assert all(loaded)
    else:
        assert 0 < sum(loaded) < len(loaded) / 4
    again = find_in_files(files, _Plan(changes_at(DATA.changes, "5.1")), project,
                          settings_files=[project / "proj" / "settings.py"], jobs=3 - jobs)
    assert found and found == again

    request = _request(project)
    summary = _run(project, "check", request, jobs=jobs)
    assert summary.parallel == (jobs == 2)
    loaded = [not isinstance(cm, registry.Deferred) or cm.loaded for cm, _, _ in request.plan.codemods.values()]
    assert all(loaded) if jobs == 2 else 0 < sum(loaded) < len(loaded) / 4
