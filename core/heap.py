"""Give the memory a file's work freed back to the system.

libcst's parser (native code) and CPython's own parser allocate with the C library's ``malloc``, and
the C library keeps what they free for later use instead of returning it: after one large file, a
process stays that much larger for the rest of the run, and the garbage of the files after it comes
on top (a migration whose app history libcst reads left a worker 9 MB larger, 7 MB of it free heap).
``settle()`` asks glibc to return its free pages (``malloc_trim``) when the process has grown by
``GROWTH`` since it last did, so each process stays near its size at the start plus the file at
hand. It costs a read of ``/proc/self/statm`` (about 15 us) and, when it trims, a few milliseconds;
elsewhere (macOS, musl, no ``/proc``) it does nothing.
"""

from __future__ import annotations

import os

GROWTH = 4 * 1024 * 1024  # bytes the resident size may grow by before the free heap is returned
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_STATE: dict = {}  # "trim": libc's malloc_trim (None: not available), "low": resident bytes after the last trim


def _trim():
    if "trim" not in _STATE:
        import ctypes  # (here, not at start-up: a run that parses nothing never loads it)

        try:
            libc = ctypes.CDLL("libc.so.6")
            _STATE["trim"] = libc.malloc_trim
        except (OSError, AttributeError):
            _STATE["trim"] = None
    return _STATE["trim"]


def resident() -> int | None:
    """This process's resident size in bytes (None without ``/proc``)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def settle() -> bool:
    """Return the C heap's free pages to the system if the process grew by ``GROWTH`` since the last
    time; whether it did."""
    if _STATE.get("trim", True) is None:
        return False
    now = resident()
    if now is None:
        return False
    low = _STATE.get("low")
    if low is not None and now - low < GROWTH:
        return False
    if low is None:  # (the first call: the size to grow from; a one-file run loads no ctypes)
        _STATE["low"] = now
        return False
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    _STATE["low"] = resident() or now
    return True


def forget() -> None:
    """Start afresh (a forked worker measures its own growth)."""
    _STATE.pop("low", None)
