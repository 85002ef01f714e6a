"""A per-file cache of detector findings, so a warm ``fix`` / ``plan`` needs no parse (and no codemod).

    cache = FindingsCache(fingerprint(detectors))   # one JSON file per fingerprint in the user cache
    cache.get(key, path)        # findings (list of [change, line, text, fixable_by]) or None
    cache.put(key, path, found)
    cache.close()               # writes it back when something was added

An entry is keyed by the file's absolute path and role (settings / migration) and trusted while the
file's size and mtime are unchanged (files modified in the last two seconds are not stored: their
mtime may not move on the next edit); text that is not on disk (a codemod's output) is keyed by its
hash. The fingerprint covers the detectors (items, codemods) and the sources of the detector and
codemod code, so an edited detector never reuses old findings.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from core.files import modules_in

SCHEMA = 1
KEEP = 24  # cache files kept (one per set of detectors: plan ranges, fix targets); the oldest go


def fingerprint(detectors, extra: str = "") -> str:
    """What the findings depend on: this package, the codemods, the detectors; ``extra``: the
    caller's custom detectors (``find_in_files(custom_key=...)``)."""
    from codemods.cache import sources_digest

    parts = [f"schema={SCHEMA}", f"codemods={sources_digest()}", *([f"extra={extra}"] if extra else [])]
    here = Path(__file__).resolve().parent
    for path in modules_in(here):
        try:
            parts.append(path.name + ":" + hashlib.blake2b(path.read_bytes(), digest_size=12).hexdigest())
        except OSError:
            continue
    for d in detectors:
        parts.append(json.dumps([d.change_id, [(i.form, i.value, sorted(map(str, i.opts.items()))) for i in d.items],
                                 [e.name for e in d.codemods]], default=str))
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


class FindingsCache:
    def __init__(self, fp: str, directory: Path | None = None):
        if directory is None:
            from release_data import user_cache_dir

            directory = user_cache_dir() / "detect"
        self.path = Path(directory) / f"{fp}.json"
        self.dirty = False
        try:
            self.data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(self.data, dict):
                raise ValueError
        except (OSError, ValueError):
            self.data = {}

    @staticmethod
    def stat_key(path: Path, role: str) -> tuple[str, list] | None:
        try:
            st = os.stat(path)
        except OSError:
            return None
        return f"{os.path.abspath(path)}|{role}", [st.st_size, st.st_mtime_ns]

    @staticmethod
    def text_key(text: str, rel: str, role: str) -> str:
        return "text:" + hashlib.blake2b(f"{rel}|{role}|{text}".encode("utf-8", "surrogateescape"),
                                         digest_size=20).hexdigest()

    def get(self, key: str, stamp: list | None = None):
        hit = self.data.get(key)
        if hit is None or (stamp is not None and hit.get("stamp") != stamp):
            return None
        return hit.get("found")

    def put(self, key: str, found: list, stamp: list | None = None) -> None:
        if stamp is not None and stamp[1] > (time.time() - 2) * 1e9:
            return  # too fresh to trust its mtime
        self.data[key] = {"stamp": stamp, "found": found}
        self.dirty = True

    def close(self) -> None:
        if not self.dirty:
            return
        try:
            from core import atomic

            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_text(str(self.path), json.dumps(self.data))
            from core.files import files_in

            olds = sorted(files_in(self.path.parent, (".json",)), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in olds[KEEP:]:
                old.unlink()
        except OSError:
            pass  # a read-only cache only costs time
