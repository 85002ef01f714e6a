"""Atomic file writes: a temp file in the same directory, then ``os.replace`` over the target.

A reader (or a crash) sees the old file or the new one, never half of one. Used for every file the
tool writes: rewritten source files, pins, snapshots, caches, the refreshed release data.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path


def write_bytes(path, data: bytes, mode: int | None = None, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; ``mode`` sets the permission bits (default: the
    existing file's, else the umask's)."""
    path = Path(path)
    if mode is None:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            mode = None
    import tempfile  # (a run that writes nothing does without it)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    except FileNotFoundError:  # (a new directory: made only then, not before every write)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode is None:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            _chmod(fh.fileno(), tmp, stat.S_IMODE(mode))
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _chmod(fd: int, path: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # (Windows before Python 3.13)
        os.chmod(path, mode)


def write_text(path, text: str, encoding: str = "utf-8", mode: int | None = None) -> None:
    write_bytes(path, text.encode(encoding), mode=mode)


def write_json(path, obj, fsync: bool = False, **dump_options) -> None:
    write_bytes(path, json.dumps(obj, **dump_options).encode("utf-8"), fsync=fsync)
