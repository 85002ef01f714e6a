"""``ScannedText``: a file's text that remembers which substrings it was asked about, and
``prefilter``: each codemod class's prefilter asked once per text."""

from __future__ import annotations

import pickle

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
