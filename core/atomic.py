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
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            mode = None
    import tempfile  # (a run that writes nothing does without it)

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text(path, text: str, encoding: str = "utf-8", mode: int | None = None) -> None:
    write_bytes(path, text.encode(encoding), mode=mode)


def write_json(path, obj, fsync: bool = False, **dump_options) -> None:
    write_bytes(path, json.dumps(obj, **dump_options).encode("utf-8"), fsync=fsync)
