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


def test_the_searches_written_word_first_match_what_their_word_boundary_forms_match():
    """``\\bNAME`` is written ``NAME(?<!\\wNAME)`` where it starts a search (``may_call``'s regex, the
    detect items' shapes, two codemods' signs): the engine can then skip from one possible first
    letter to the next. Both spellings find the same matches on real code and on the edge cases."""
    import re

    from codemods.calls import _call_re
    from codemods.catalogue.delete_view_form_valid import _DEF_DELETE
    from codemods.catalogue.index_together_migrations import _SIGNS
    from codemods.detect.spec import Item, item_shapes

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in _corpus()]
    texts += ["include(", "xinclude(", "a.include (", "include as x", "_url(", "url(", "éurl(", "url\\\n(",
              "name=1", "xname=1", "éname=1", "name==1", "f(name\n  = 1)", "remote_field.to",
              "x_remote_field.to", ".remote_field )\n . to", "old_fields", "xold_fields", "def delete(",
              "undef delete(", "def  delete  (", "_def delete("]
    shapes = [item_shapes(Item("call", "f", {"keyword": "name"}))[0],  # (the keyword's; the call's follows)
              *item_shapes(Item("attribute_name", "to", {"after": "remote_field"}))]
    pairs = [(re.compile(rf"\b(?:include|url)\b(?:[\s\\]*\(|\s+as\s)"), _call_re(("include", "url"))),
             (re.compile(r"\bname(?:[ \t\f\r\n\\]|#[^\n]*\n)*=(?!=)"), re.compile(shapes[0])),
             (re.compile(r"\bremote_field(?:[ \t\f\r\n\\)]|#[^\n]*\n)*\.(?:[ \t\f\r\n\\]|#[^\n]*\n)*to\b"),
              re.compile(shapes[1])),
             (re.compile(r"index_together|AlterIndexTogether|\bold_fields\b"), _SIGNS),
             (re.compile(r"\bdef\s+delete\s*\("), _DEF_DELETE)]
    for boundary_first, word_first in pairs:
        assert boundary_first.pattern != word_first.pattern
        found = 0
        for text in texts:
            spans = [m.span() for m in boundary_first.finditer(text)]
            assert [m.span() for m in word_first.finditer(text)] == spans, (word_first.pattern, text[:60])
            found += len(spans)
        assert found
