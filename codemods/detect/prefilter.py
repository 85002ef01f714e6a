"""Which detect items a file's text can match, without trying each one.

An item passes the text prefilter when one of its triggers occurs in the file (an identifier
trigger: as a word of it; any other: as a substring), every one of its required words does
(``Item.triggers()`` / ``Item.required()``) and its shapes match (``spec.item_shapes``). A project
is checked for several hundred items; trying each against each file was a third of the
detection's time. ``TriggerIndex`` turns it around: the
items are indexed by their identifier triggers once per run, and a file looks up the words it
has, so an item is only looked at when one of its triggers is there.
"""

from __future__ import annotations

import re

from codemods.scanned_text import RUN


class TriggerIndex:
    """``entries``: ``(triggers, required)`` pairs, or ``(triggers, required, shapes)`` (regular
    expressions that must all match: ``spec.item_shapes``); ``passing(text, words)`` gives the positions
    of those that pass, in order."""

    def __init__(self, entries) -> None:
        self.required: list[tuple[str, ...]] = []
        self.shapes: dict[int, tuple] = {}
        self.by_word: dict[str, list[int]] = {}
        self.by_text: dict[str, list[int]] = {}
        self.inner: dict[str, frozenset] = {}  # a text trigger -> the words it holds whole (see _inner_words)
        for i, (triggers, required, *shapes) in enumerate(entries):
            self.required.append(tuple(required))
            if shapes and shapes[0]:
                self.shapes[i] = tuple(shapes[0])  # (compiled when a text first gets that far: _pattern)
            for t in dict.fromkeys(triggers):
                (self.by_word if t.isidentifier() else self.by_text).setdefault(t, []).append(i)
        self.inner = {t: _inner_words(t) for t in self.by_text}

    def passing(self, text: str, words: set[str]) -> list[int]:
        hits: set[int] = set()
        by_word = self.by_word
        if len(words) < len(by_word):
            for w in words:
                got = by_word.get(w)
                if got:
                    hits.update(got)
        else:
            for w, got in by_word.items():
                if w in words:
                    hits.update(got)
        inner = self.inner
        for t, got in self.by_text.items():
            if inner[t] <= words and t in text:  # (a word it holds whole is missing: it is not there)
                hits.update(got)
        required, shapes = self.required, self.shapes
        return sorted(i for i in hits if all(w in words for w in required[i])
                      and (i not in shapes or all(_pattern(p).search(text) for p in shapes[i])))


_PATTERNS: dict = {}


def _pattern(source: str) -> re.Pattern:
    """``re.compile(source)``, once per process: most shapes are never needed in a run (a hundred of
    them took a tenth of a one-file ``fix`` to compile up front)."""
    got = _PATTERNS.get(source)
    if got is None:
        got = _PATTERNS[source] = re.compile(source)
    return got


def _inner_words(trigger: str) -> frozenset:
    """The runs of letters, digits and ``_`` of ``trigger`` with a character of another kind on both
    sides within it (``contrib``, ``auth``, ``hashers`` of ``django.contrib.auth.hashers.X``), but
    those starting with a digit: wherever the trigger occurs, each of them is one whole word of the
    file, so a file without one of them cannot hold the trigger."""
    out = set()
    for m in RUN.finditer(trigger):
        if m.start() > 0 and m.end() < len(trigger) and not m.group()[0].isdigit():
            out.add(m.group())
    return frozenset(out)
