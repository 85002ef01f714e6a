"""Which codemods' prefilters a file's text can pass, without asking each codemod.

A codemod's ``prefilter`` passes only a text that holds one of its ``triggers`` (the contract of
``Codemod.triggers``; tests/codemods/test_gate.py checks every codemod's prefilter against it on
real code). The engine runs about a hundred codemods, and asking each one's prefilter of each file
was a tenth of a cold ``fix`` over Django's source: about a hundred Python calls per file, each a
memo lookup and a substring search. ``Gate`` turns it around: the triggers of all the codemods are
looked for in the text in one pass (``ScannedText.holding``), and only the codemods with one of
theirs there are asked.

    gate = gate_for(codemods)          # remembered per list of codemod classes (or their metadata)
    gate.positions(text)               # the indexes of the codemods worth asking, in order
"""

from __future__ import annotations

import functools

from codemods.registry import Deferred
from codemods.scanned_text import scanned


class Gate:
    def __init__(self, classes: tuple):
        self.classes = classes
        self.by_trigger: dict[str, list[int]] = {}
        self.always: list[int] = []  # codemods without triggers: asked of every text
        for i, cls in enumerate(classes):
            if not cls.triggers:
                self.always.append(i)
            for t in dict.fromkeys(cls.triggers):
                self.by_trigger.setdefault(t, []).append(i)
        self.triggers = tuple(self.by_trigger)

    def positions(self, text: str) -> list[int]:
        """The positions of the codemods one of whose triggers ``text`` holds, in order."""
        hits = set(self.always)
        by_trigger = self.by_trigger
        for t in scanned(text).holding(self.triggers):
            hits.update(by_trigger[t])
        return sorted(hits)


@functools.lru_cache(maxsize=16)
def _gate(classes: tuple) -> Gate:
    return Gate(classes)


def _metadata(codemod):
    """What stands for ``codemod`` in a gate (its ``triggers``): a class; an instance's class; a
    ``registry.Deferred``'s ``Entry`` (the gate imports no codemod)."""
    if isinstance(codemod, type):
        return codemod
    return codemod.entry if isinstance(codemod, Deferred) else type(codemod)


_LAST: list = [None, 0, None]  # the last codemods object asked about, its length, its gate


def gate_for(codemods) -> Gate:
    """The ``Gate`` of ``codemods`` (instances, classes or ``Deferred``), made once per list of them. The engine
    passes the same object for every file: its gate is answered without going over the list again
    (so do not change a list of codemods in place between two files)."""
    last = _LAST
    if codemods is last[0] and (not hasattr(codemods, "__len__") or len(codemods) == last[1]):
        return last[2]
    gate = _gate(tuple(_metadata(c) for c in codemods))
    last[:] = [codemods, len(gate.classes), gate]
    return gate
