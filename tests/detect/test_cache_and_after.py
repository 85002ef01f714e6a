"""The findings cache (a warm run parses nothing; an edited file is looked at again) and the mapping of
what the codemods leave back to the lines on disk."""

from __future__ import annotations

import os

import release_data
from codemods.detect import find_in_files
from codemods.detect.after import line_map

DATA = release_data.load(use_refreshed=False)


def test_line_map_follows_inserted_and_removed_lines():
    old = "a\nb\nc\nd\n"
    new = "x\ny\na\nc\nd\n"  # two lines inserted at the top, b removed
    m = line_map(old, new)
    assert [m(3), m(4), m(5)] == [1, 3, 4]


def test_warm_cache_answers_without_parsing_and_sees_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_UPGRADE_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "app" / "views.py"
    path.parent.mkdir()
    path.write_text("from django.utils import datetime_safe\n")
    os.utime(path, (1_600_000_000, 1_600_000_000))  # an mtime old enough to be trusted
    changes = [DATA.change("datetime-safe")]
    first = find_in_files([path], changes, tmp_path, use_cache=True)
    assert [(f.path, f.line) for f in first] == [("app/views.py", 1)]

    import codemods.detect as detect

    def no_parse(*a, **k):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(detect, "find_in_text", no_parse)
    assert find_in_files([path], changes, tmp_path, use_cache=True) == first
    monkeypatch.undo()
    monkeypatch.setenv("DJANGO_UPGRADE_CACHE_DIR", str(tmp_path / "cache"))
    path.write_text("import os\n\nfrom django.utils import datetime_safe\n")
    os.utime(path, (1_600_000_100, 1_600_000_100))
    assert [(f.path, f.line) for f in find_in_files([path], changes, tmp_path, use_cache=True)] == [("app/views.py", 3)]


def test_a_parallel_scan_finds_what_a_serial_one_does(tmp_path):
    """``find_in_files`` shares the files the cache does not answer with forked workers: the same
    findings, errors and settings answers, in the same order, as one process finds."""
    import shutil
    from pathlib import Path

    import django

    for sub in ("utils", "contrib/postgres", "contrib/gis/db"):
        shutil.copytree(Path(django.__file__).parent / sub, tmp_path / sub, ignore=shutil.ignore_patterns("*.pyc"))
    (tmp_path / "broken.py").write_text("from django.utils.encoding import force_text\ndef f(:\n")
    (tmp_path / "settings.py").write_text("INSTALLED_APPS = []\nUSE_L10N = True\n")
    files = sorted(tmp_path.rglob("*.py"))
    changes = list(DATA.changes)
    runs = []
    for jobs in (1, 2):
        errors: list = []
        found = find_in_files(files, changes, tmp_path, settings_files={tmp_path / "settings.py"}, errors=errors,
                              jobs=jobs)
        runs.append((found, errors))
    assert len(files) > 100 and len(runs[0][0]) > 10 and runs[0][1]
    assert runs[0] == runs[1]
