"""``ScannedText``: a file's text that remembers which substrings it was asked about, and
``prefilter``: each codemod class's prefilter asked once per text."""

from __future__ import annotations

import pickle

import pytest

from codemods.catalogue.force_text import ForceText
from codemods.scanned_text import ScannedText, prefilter, scanned


def test_it_answers_as_the_str_it_is_and_pickles_to_a_plain_str():
    text = scanned("from django.utils.encoding import force_text\n")
    assert isinstance(text, ScannedText) and scanned(text) is text
    for needle in ("force_text", "force_str", "", "\n", "django.utils"):
        assert (needle in text) is (needle in str(text))
        assert (needle in text) is (needle in str(text))  # (the second answer from the memo)
    assert text == str(text) and hash(text) == hash(str(text)) and text.upper() == str(text).upper()
    assert type(text[1:]) is str and type(pickle.loads(pickle.dumps(text))) is str
    try:
        [1] in text
    except TypeError:
        pass
    else:
        raise AssertionError("a non-string operand must raise as for str")


def test_a_codemods_prefilter_is_asked_once_per_text():
    calls = []

    class Counting(ForceText):
        def prefilter(self, text):
            calls.append(text)
            return super().prefilter(text)

    text = scanned("from django.utils.encoding import force_text\n")
    assert prefilter(Counting(), text) and prefilter(Counting(), text)  # (another instance: the same class)
    assert len(calls) == 1
    plain = "x = 1\n"
    assert not prefilter(Counting(), plain) and not prefilter(Counting(), plain)  # (a plain str: asked each time)
    assert len(calls) == 3


def test_a_long_text_answers_from_its_word_runs_as_str_would():
    """Above ``_BLOB_FROM`` characters the answer comes from the text's distinct word runs first:
    the same answer as ``str`` for words, parts of words, dotted and bracketed strings, non-ASCII."""
    from pathlib import Path

    import codemods.scanned_text as st

    source = Path(st.__file__).read_text(encoding="utf-8")
    text = (source * 2) + "\nnaïve = façade.unité(x)  # ünïcode\nforce_text(\n"
    assert len(text) > st._BLOB_FROM
    asked = ["force_text", "force_text(", "orce_tex", "ScannedText", "Scanned", "scannedtext", "_seen",
             "__contains__", "str.__contains__(self", "def _search", "naïve", "façade.unité", "unité(",
             "ünïcode", "x)  #", "", " ", "\n\n", "zz_not_there", "not.there(", "(x", "0", "4096",
             "0x", "a_b_c_d", "é", "self._blob", ".join(set(", "_RUN.findall(self)"]
    words = {w for line in source.splitlines() for w in line.replace("(", " ").split()}
    asked += sorted(words)[:300] + [w[1:-1] for w in sorted(words)[:300] if len(w) > 2]
    for sub in asked:
        assert (sub in scanned(text)) is (sub in text), sub
    fresh = ScannedText(text)
    assert ("zz_not_there" in fresh) is False and fresh._blob is not None  # (the runs were used)


@pytest.mark.parametrize("text", [
    "def f(x_1):\n\treturn x_1 + 2\n",
    "naïve = 'café'  # ünïcode_ok, 日本語x_y\n",
    "a\x0bb\x0cc\x1cd\x85e\u2028f",  # (separators str.split() would take, and bytes.split() does not see)
    "lone \udc80surrogate_ok",
    "",
    "___ 123 _a1_",
])
def test_the_word_runs_are_the_run_patterns_matches(text):
    from codemods.scanned_text import RUN

    assert ScannedText(text).runs() == frozenset(RUN.findall(text))
