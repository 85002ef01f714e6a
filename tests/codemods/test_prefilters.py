"""Narrow prefilters (``may_call``, ``RenameCodemod.text_may_match``, the keyword and class regexes)
only save parsing: on real code the result is the same as with the plain trigger-string test."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from codemods import registry
from codemods.apply import apply_source
from codemods.calls import may_call

ROOT = Path(__file__).resolve().parents[2]


def _corpus() -> list[Path]:
    django = pytest.importorskip("django")
    base = Path(django.__file__).parent
    files = list((ROOT / "examples" / "legacy_shop").rglob("*.py"))
    for sub in ("contrib/staticfiles", "contrib/postgres", "contrib/admin", "db", "core", "template", "utils", "test", "forms"):
        files += sorted((base / sub).rglob("*.py"))
    return files


def _trigger_only(codemod):
    codemod.prefilter = lambda text: any(t in text for t in codemod.triggers)
    return codemod


def test_narrow_prefilters_change_no_result():
    warnings.simplefilter("ignore")
    narrow = [c() for c in registry.select(target="6.1")]
    broad = [_trigger_only(c()) for c in registry.select(target="6.1") if c.triggers]
    narrow = [c for c in narrow if c.triggers]
    rejected = 0
    files = _corpus()
    assert len(files) > 300
    for path in files:
        text = path.read_text(encoding="utf-8")
        a = apply_source(text, str(path), narrow, target="6.1")
        b = apply_source(text, str(path), broad, target="6.1")
        assert (a.new, a.applied, [(f.line, f.message) for f in a.findings]) == \
               (b.new, b.applied, [(f.line, f.message) for f in b.findings]), path
        rejected += sum(1 for n, w in zip(narrow, broad) if w.prefilter(text) and not n.prefilter(text))
    assert rejected > 50  # the narrow prefilters do skip files the trigger strings let through


@pytest.mark.parametrize("text, expected", [
    ("x = format_html('<hr>')", True),
    ("x = html.format_html (a)", True),
    ("x = format_html \\\n  ('a')", True),
    ("from django.utils.html import format_html as fh", True),
    ("# format_html is documented elsewhere", False),
    ("from django.utils.html import format_html", False),  # imported, never called: nothing to do
    ("x = format_html_join('', '{}', rows)", False),
])
def test_may_call(text, expected):
    assert may_call(text, "format_html") is expected
