"""codemods/templatelex.py: Django's template lexing, with offsets and lines, comments and verbatim
blocks marked; the template codemods of one file share one tokenization of the same text."""

from __future__ import annotations

from codemods import templatelex
from codemods.templatelex import BLOCK, COMMENT, TEXT, VAR, replace_tokens, tokenize

TEMPLATE = """{% load staticfiles %}
<p>{{ user.name|length_is:"3" }}</p>
{# a note #}{% comment %}{% ifequal a b %}{% endcomment %}
{% verbatim %}{% ifequal a b %}{% endverbatim %}
"""


def test_tokens_kinds_offsets_lines_and_skipped():
    tokens = tokenize(TEMPLATE)
    assert "".join(t.raw for t in tokens) == TEMPLATE
    assert all(TEMPLATE[t.start:t.end] == t.raw for t in tokens)
    kinds = [(t.kind, t.raw, t.lineno, t.skipped) for t in tokens if t.kind != TEXT or t.skipped]
    assert kinds == [
        (BLOCK, "{% load staticfiles %}", 1, False),
        (VAR, '{{ user.name|length_is:"3" }}', 2, False),
        (COMMENT, "{# a note #}", 3, True),
        (BLOCK, "{% comment %}", 3, True),
        (BLOCK, "{% ifequal a b %}", 3, True),
        (BLOCK, "{% endcomment %}", 3, True),
        (BLOCK, "{% verbatim %}", 4, True),
        (TEXT, "{% ifequal a b %}", 4, True),
        (BLOCK, "{% endverbatim %}", 4, True),
    ]
    load = tokens[0]
    assert load.bits() == ["load", "staticfiles"]
    assert replace_tokens(TEMPLATE, {load: load.with_content("load static")}).startswith("{% load static %}\n")


def test_one_tokenization_per_text(monkeypatch):
    """The three template codemods ask for the same text in turn: it is split once, each gets a list
    of its own, and a changed text is split again."""
    calls = []
    split = templatelex._tokenize
    monkeypatch.setattr(templatelex, "_tokenize", lambda text: calls.append(text) or split(text))
    templatelex.forget()
    first = tokenize(TEMPLATE)
    first.clear()  # (a caller's own list)
    second = tokenize(str(TEMPLATE))  # (an equal text, not the same object)
    assert len(calls) == 1 and second == split(TEMPLATE)
    changed = TEMPLATE.replace("staticfiles", "static")
    assert tokenize(changed)[0].raw == "{% load static %}" and len(calls) == 2
    templatelex.forget()
    tokenize(changed)
    assert len(calls) == 3
