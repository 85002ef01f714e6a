"""A file's text that remembers which substrings it was asked about.

Every codemod's prefilter asks ``trigger in text``, and so does the leftover detection after the
codemods ran (``codemods.detect``): on one file that is a few hundred substring searches over the
same text, most of them the same strings twice (a search over a 100 KB module costs about 30 µs).
``ScannedText`` is a ``str`` whose ``in`` answers a string it was already asked about from a memo,
so each trigger is searched for once per file, however many codemods and detectors ask.

It behaves as the ``str`` it is everywhere else (slicing, ``replace``, regexes and the parsers
return or read plain strings); pickled, it is a plain ``str`` again (the memo stays behind), so the
engine's workers send back nothing more than before. The engine wraps each file's text once; the
memo goes with the text when the file is done.
"""

from __future__ import annotations

import re

RUN = re.compile(r"[A-Za-z0-9_]+")  # a word run: what ``runs()`` collects
_BLOB_FROM = 4096  # a text shorter than this is searched directly
# a byte -> itself when ``RUN`` matches it, else a blank (multi-byte UTF-8 characters are bytes >= 0x80)
_WORD_BYTES = bytes(c if RUN.fullmatch(chr(c)) else 0x20 for c in range(256))


class ScannedText(str):
    def __new__(cls, text: str) -> "ScannedText":
        self = super().__new__(cls, text)
        self._seen = {}
        self._runs = self._blob = None
        return self

    def __contains__(self, sub) -> bool:  # (same answer as str's, remembered)
        seen = self._seen
        try:
            return seen[sub]
        except KeyError:
            found = seen[sub] = self._search(sub)
            return found
        except TypeError:  # (an unhashable operand: str's own error)
            return str.__contains__(self, sub)

    def runs(self) -> frozenset[str]:
        """The distinct runs of ASCII letters, digits and ``_`` in the text (found once): ``RUN``'s
        matches, split out of the UTF-8 bytes with every other byte made a blank (a C table lookup,
        twice as fast as the regex)."""
        runs = self._runs
        if runs is None:
            words = self.encode("utf-8", "surrogatepass").translate(_WORD_BYTES)
            runs = self._runs = frozenset(words.decode("ascii").split())
        return runs

    def _search(self, sub) -> bool:
        """``sub in self`` (see ``_found``)."""
        if not isinstance(sub, str):
            return str.__contains__(self, sub)
        return bool(self._found((sub,)))

    def holding(self, strings: tuple[str, ...]) -> list[str]:
        """The ones of ``strings`` that occur in the text, in order: those not asked about before are
        looked for in one loop (and remembered, as ``in`` remembers them). ``codemods.gate`` asks for
        every codemod's triggers at once, instead of one ``in`` per codemod."""
        seen = self._seen
        todo = [s for s in strings if s not in seen] if seen else strings
        if todo:
            found = self._found(todo)
            seen.update(dict.fromkeys(todo, False))
            seen.update(dict.fromkeys(found, True))
        return [s for s in strings if seen[s]]

    def _found(self, strings) -> list[str]:
        """The ones of ``strings`` in the text. A longer text answers from its distinct ASCII word runs
        first (a few times shorter than the text): every run of ASCII letters, digits and ``_`` in a
        string lies inside one such run of the text wherever the string occurs, so a run missing from
        them means the string is not there, and a string that is one run is there exactly when it is
        in them."""
        has = str.__contains__
        if len(self) < _BLOB_FROM:
            return [s for s in strings if has(self, s)]
        blob = self._blob
        if blob is None:
            blob = self._blob = "\n".join(self.runs())
        found = []
        for s in strings:
            whole, runs = _RUNS.get(s) or _runs(s)
            if (s in blob) if whole else (all(r in blob for r in runs) and has(self, s)):
                found.append(s)
        return found

    def __reduce__(self):
        return (str, (str(self),))


_RUNS: dict[str, tuple[bool, tuple[str, ...]]] = {}


def _runs(sub: str) -> tuple[bool, tuple[str, ...]]:
    """(whether ``sub`` is one run, its runs); the strings asked are the codemods' fixed triggers."""
    try:
        return _RUNS[sub]
    except KeyError:
        runs = tuple(RUN.findall(sub))
        found = _RUNS[sub] = (len(runs) == 1 and len(runs[0]) == len(sub), runs)
        if len(_RUNS) > 4096:  # (bounded, should anything ask arbitrary strings)
            _RUNS.clear()
        return found


def scanned(text: str) -> str:
    """``text`` as a ``ScannedText`` (itself when it is one already)."""
    return text if isinstance(text, ScannedText) else ScannedText(text)


def prefilter(codemod, text: str) -> bool:
    """``codemod.prefilter(text)``, asked once per codemod and text: the engine's codemods and
    the leftover detection after them both ask it of every file the codemods left unchanged (a
    prefilter is a function of the text and the class's own attributes)."""
    if not isinstance(text, ScannedText):
        return codemod.prefilter(text)
    memo = text.__dict__.setdefault("_prefilters", {})
    key = type(codemod), codemod.name  # (a ``registry.Deferred`` stands for the codemod of its name)
    try:
        return memo[key]
    except KeyError:
        found = memo[key] = bool(codemod.prefilter(text))
        return found


def word_start(word: str) -> str:
    """A regular expression for ``\\bWORD`` (``word`` an identifier) that finds the same matches
    faster: the word first and the boundary as a look-behind after it, so the engine skips from one
    possible first letter to the next instead of trying every position of the text."""
    return f"{word}(?<!\\w{word})"
