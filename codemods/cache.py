"""The per-file result cache of ``fix`` (one sqlite database in ``user_cache_dir()/fix-cache/``).

Two tables:

* ``stat(path, size, mtime_ns, hash)``: the fast first level. A file whose (size, mtime_ns) match
  the row costs one ``os.stat``: its content hash is known without reading it.
* ``result(key, data)``: key = blake2b(content hash + path + the run's fingerprint: tool version, the
  codemod set, the target, and a hash of the codemod sources so an edited codemod never
  reuses old results). A result holds the codemods applied, the findings, a parse/decode error,
  and for a file that changes its rewritten text: a no-change hit never needs the file's text, and a
  change hit reads the file only to diff or write it (no libcst).

Only the main process of a run touches the database; it is opened in WAL mode with a busy timeout,
so several ``fix`` processes at once (pre-commit runs hooks in parallel batches) are safe. Any
sqlite error disables the cache for the run instead of failing it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1
RACY_SECONDS = 2.0
FLUSH_BYTES = 1024 * 1024  # results waiting for the database: written once they exceed this  # a file modified this recently may change again within the same mtime tick


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


@functools.lru_cache(maxsize=1)
def sources_digest() -> str:
    """A hash of the tool version and of every codemod source (the engine's, the catalogue's, core's), so
    an edited codemod never reuses old results or metadata."""
    import core
    from core import __version__
    from core.walk import modules_in

    parts = [f"tool={__version__}"]
    base = Path(__file__).resolve().parent
    # core too: its file layer decides what a migration, a template, a settings module is
    # (each source by its size and modification time, not its bytes: an edit changes them, and a
    # checkout that only touches a file costs one cold run)
    for path in [*modules_in(base), *modules_in(base / "catalogue"), *modules_in(Path(core.__file__).parent)]:
        try:
            st = os.stat(path)
        except OSError:
            continue
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def fingerprint(codemod_names, target: str | None) -> str:
    parts = [f"schema={SCHEMA_VERSION}", f"sources={sources_digest()}", f"target={target}", *sorted(codemod_names)]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


@dataclass
class CacheStats:
    stat_hits: int = 0  # known content hash from (path, size, mtime) - file not read
    result_hits: int = 0  # cached "no change" result used
    misses: int = 0
    stored: int = 0
    disabled_reason: str | None = None

    def as_dict(self) -> dict:
        return dict(vars(self))


class ResultCache:
    def __init__(self, fp: str, directory: Path | None = None):
        from release_data import user_cache_dir

        self.fp = fp
        self.stats = CacheStats()
        self.directory = Path(directory) if directory else user_cache_dir() / "fix-cache"
        self._db: sqlite3.Connection | None = None
        self._stat: dict[str, tuple[int, int, str]] = {}
        self._results: dict[str, dict] = {}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.directory / "cache.sqlite3"), timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS stat (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT)")
            self._db.execute("CREATE TABLE IF NOT EXISTS result (key TEXT PRIMARY KEY, fp TEXT, data TEXT)")
            self._db.execute("CREATE INDEX IF NOT EXISTS result_fp ON result (fp)")
            self._stat = {p: (s, m, h) for p, s, m, h in self._db.execute("SELECT path, size, mtime_ns, hash FROM stat")}
            self._results = {k: json.loads(d) for k, d in self._db.execute("SELECT key, data FROM result WHERE fp = ?", (fp,))}
        except (sqlite3.Error, OSError, ValueError) as exc:
            self._disable(exc)
        self._pending_stat: list[tuple] = []
        self._pending_result: list[tuple] = []
        self._pending_bytes = 0
        self._stored: set[str] = set()  # keys recorded by this run (their data is on its way to the database)

    def _disable(self, exc) -> None:
        self.stats.disabled_reason = f"{type(exc).__name__}: {exc}"
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
        self._stat, self._results = {}, {}

    def key(self, path: str, chash: str) -> str:
        # the path is part of the key: a file's kind (migration, settings, template) depends on it
        return hashlib.blake2b(f"{chash}:{path}:{self.fp}".encode(), digest_size=20).hexdigest()

    def known_hash(self, path: str, st: os.stat_result) -> str | None:
        row = self._stat.get(path)
        if row and row[0] == st.st_size and row[1] == st.st_mtime_ns:
            return row[2]
        return None

    def lookup(self, path: str, st: os.stat_result) -> dict | None:
        """The cached no-change result for this file, found with a stat only; None on a miss."""
        chash = self.known_hash(path, st)
        if chash is None:
            return None
        self.stats.stat_hits += 1
        data = self._results.get(self.key(path, chash))
        if data is not None:
            self.stats.result_hits += 1
        return data

    def by_hash(self) -> dict[str, dict]:
        """{result key: data} for the workers, which check a file's hash after reading it."""
        return self._results

    def record(self, path: str, size: int, mtime_ns: int, chash: str, data: dict | None) -> None:
        if self._db is None:
            return
        if time.time() - mtime_ns / 1e9 > RACY_SECONDS:
            if self._stat.get(path) != (size, mtime_ns, chash):
                self._pending_stat.append((path, size, mtime_ns, chash))
        if data is not None:
            key = self.key(path, chash)
            if key not in self._results and key not in self._stored:
                # not kept in memory (a rewrite holds the file's whole new text): written in batches
                self._stored.add(key)
                encoded = json.dumps(data)
                self._pending_result.append((key, self.fp, encoded))
                self._pending_bytes += len(encoded)
                self.stats.stored += 1
                if self._pending_bytes > FLUSH_BYTES:
                    self.flush()

    def flush(self) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                if self._pending_stat:
                    self._db.executemany("INSERT OR REPLACE INTO stat VALUES (?, ?, ?, ?)", self._pending_stat)
                if self._pending_result:
                    self._db.executemany("INSERT OR REPLACE INTO result VALUES (?, ?, ?)", self._pending_result)
            self._pending_stat, self._pending_result, self._pending_bytes = [], [], 0
        except sqlite3.Error as exc:
            self._disable(exc)

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
