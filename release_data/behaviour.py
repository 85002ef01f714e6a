"""Behaviour changes: what a release changes with no deprecation warning, and how a test that hits it
fails (``behaviour.json`` beside this file; docs/behaviour.md). ``release_data.load()`` attaches them
to their releases (``Release.incompatible``); its classes and ``load_behaviour`` are importable from
``release_data``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Signature:
    """How a behaviour change shows when a test hits it (``behaviour.json`` ``signatures`` item).

    ``exception`` (short class name, e.g. ``ValueError``) or ``warning`` (category) or ``check`` (system
    check id) plus ``message`` (regex over the exception/warning text). ``needs_context``: the message
    alone proves nothing (an ``AssertionError``): it counts only when the failure's traceback or test
    also points at code the change's detector found.
    """

    message: str
    exception: str | None = None
    warning: str | None = None
    check: str | None = None
    example: str | None = None
    source: dict | None = None  # {"file": "django/...", "contains": "literal"} in the Django release ``verified``
    verified: str | None = None
    needs_context: bool = False

    def matches(self, exc_type: str | None, text: str) -> bool:
        short = (exc_type or "").rsplit(".", 1)[-1]
        want = self.exception or self.warning
        if want and short and short != want and not (self.check and short == "SystemCheckError"):
            return False
        return bool(re.search(self.message, text or "", re.S))


@dataclass(frozen=True)
class BackwardsIncompatible:
    """A change a release makes with no deprecation warning (behaviour change, dropped database...).

    Loaded from ``behaviour.json`` (kind ``behaviour``): what changed, ``detect`` (the declarative
    detector spec, see docs/behaviour.md), ``signatures`` (:class:`Signature`), ``fix`` (``{"codemod":
    name}`` and/or ``{"recipe": text}``, with ``link``) and ``change`` (the id in ``changes.json`` when
    the same break is also a removal of the deprecation timeline).
    """

    id: str
    release: str
    summary: str
    pattern: str | None = None  # regex over an exception message that identifies this change
    link: str = ""
    title: str = ""
    kind: str = "behaviour"
    frequency: str = "medium"  # high / medium / low: how often real projects hit it
    detect: tuple = ()
    signatures: tuple = ()  # Signature items
    fix: dict = field(default_factory=dict)
    change: str | None = None
    detect_custom: tuple = ()  # detectors of upgrader.behaviour (e.g. "unsaved_related_manager")

    def matches(self, text: str) -> bool:
        return bool(self.pattern and re.search(self.pattern, text, re.S))


def _behaviour_from_json(obj: dict) -> BackwardsIncompatible:
    sigs = tuple(
        Signature(message=s["message"], exception=s.get("exception"), warning=s.get("warning"), check=s.get("check"),
                  example=s.get("example"), source=s.get("source"), verified=s.get("verified"),
                  needs_context=bool(s.get("needs_context")))
        for s in obj.get("signatures") or ()
    )
    # ``pattern`` (the older, message-only matching): the exception signatures that stand on their own
    plain = [s.message for s in sigs if not s.needs_context and not s.warning]
    return BackwardsIncompatible(
        id=obj["id"], release=obj["release"], summary=obj["summary"],
        pattern="|".join(f"(?:{m})" for m in plain) or None, link=obj.get("link", ""),
        title=obj.get("title") or obj["summary"], kind=obj.get("kind", "behaviour"),
        frequency=obj.get("frequency", "medium"), detect=tuple(obj.get("detect") or ()), signatures=sigs,
        fix=dict(obj.get("fix") or {}), change=obj.get("change"), detect_custom=tuple(obj.get("detect_custom") or ()),
    )


def load_behaviour() -> list[BackwardsIncompatible]:
    """The behaviour changes of ``behaviour.json``, in file order (release, then most frequent first)."""
    path = Path(__file__).resolve().parent / "behaviour.json"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as fh:
        return [_behaviour_from_json(o) for o in json.load(fh)["changes"]]
