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
