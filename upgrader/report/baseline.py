"""The baseline ratchet: record today's deprecations, report only what is new tomorrow.

A baseline file is JSON: ``{"schema": "django-upgrade-baseline", "version": 1, "entries": [{"key", "change",
"category", "file", "message", "count"}]}``, sorted by key. Keys are stable across machines and edits
that move lines: change id (or category), project-relative file (or the path inside site-packages), and a
hash of the normalised message - never a line number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core import atomic
from core.errors import UsageError

SCHEMA = "django-upgrade-baseline"
VERSION = 1


@dataclass
class Comparison:
    new: list  # WarningGroup
    known: list  # WarningGroup
    fixed: list  # baseline entries (dicts) that no longer occur


def write_baseline(path: str | Path, groups) -> int:
    entries = {}
    for g in groups:
        e = entries.setdefault(g.key, {"key": g.key, "change": g.change_id, "category": g.category,
                                       "file": g.file or None, "message": g.message.splitlines()[0] if g.message else "",
                                       "count": 0})
        e["count"] += g.count
    doc = {"schema": SCHEMA, "version": VERSION, "entries": [entries[k] for k in sorted(entries)]}
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(target, json.dumps(doc, indent=2) + "\n")
    except OSError as exc:
        raise UsageError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    return len(entries)


def read_baseline(path: str | Path) -> list[dict]:
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"baseline not found: {path}") from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read baseline {path}: {exc}") from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or not isinstance(doc.get("entries"), list):
        raise UsageError(f"{path} is not a django-upgrade baseline file")
    if doc.get("version") != VERSION:
        raise UsageError(f"{path}: unsupported baseline version {doc.get('version')!r}")
    return [e for e in doc["entries"] if isinstance(e, dict) and e.get("key")]


def compare(groups, entries: list[dict]) -> Comparison:
    known_keys = {e["key"] for e in entries}
    current = {g.key for g in groups}
    new, known = [], []
    for g in groups:
        if g.key in known_keys:
            g.status = "known"
            known.append(g)
        else:
            g.status = "new"
            new.append(g)
    fixed = [e for e in entries if e["key"] not in current]
    return Comparison(new=new, known=known, fixed=fixed)
