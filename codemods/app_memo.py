"""One answer per app, for the codemods that reason about all of an app's migrations at once.

    memo = AppMemo()
    result = memo.get(directory, label, given, compute)   # compute(given) runs once per app state

``index_together_migrations`` runs on every migration that names ``index_together``, and each run
needs the whole app's history (``codemods.index_together_history.rewrite_app``): in an app of 1,500
migrations with 150 such, that was the history read, parsed and ordered 150 times. The answer
depends on the app's migrations only, so it is remembered by what they are: each file's name, size
and mtime, and the texts given instead of the files on disk (a text equal to its file's counts as the
file). The last few apps are kept; the answer is shared, so treat it as read-only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from core.files import modules_in

KEEP = 8  # apps remembered (files of several apps are interleaved in one worker)


class AppMemo:
    def __init__(self, keep: int = KEEP):
        self.keep = keep
        self._answers: dict = {}

    def get(self, directory: Path, label: str, given: dict, compute):
        """``compute(given)``'s answer for the app in ``directory`` with ``given`` ({path: text}),
        remembered; ``given`` is passed without the texts that equal their files."""
        given = {p: t for p, t in given.items() if not _on_disk(p, t)}
        key = _key(directory, label, given)
        found = self._answers.get(key) if key is not None else None
        if found is None:
            found = compute(given)
            if key is not None:
                if len(self._answers) >= self.keep:
                    self._answers.pop(next(iter(self._answers)))
                self._answers[key] = found
        return found

    def clear(self) -> None:
        self._answers.clear()


def _on_disk(path: Path, text: str) -> bool:
    """Whether ``path`` holds ``text`` already (then it is read from disk like the others)."""
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def _key(directory: Path, label: str, given: dict) -> tuple | None:
    parts = []
    for path in modules_in(directory):
        if path in given:
            continue
        try:
            st = path.stat()
        except OSError:
            return None
        parts.append((path.name, st.st_size, st.st_mtime_ns))
    for path, text in given.items():
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        parts.append((str(path), digest))
    try:
        where = str(Path(directory).resolve())
    except OSError:
        return None
    return where, label, tuple(sorted(parts))
