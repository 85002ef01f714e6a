"""``core.heap``: the C heap's free pages go back to the system once a process has grown enough."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from core import heap

linux_glibc = pytest.mark.skipif(not sys.platform.startswith("linux") or heap._trim() is None,
                                 reason="malloc_trim is glibc's")


@linux_glibc
def test_a_process_returns_what_a_large_libcst_parse_freed():
    """libcst's native parser frees what it allocated, and glibc keeps it: the process stays larger
    until ``settle()`` returns it (a fresh interpreter, so the sizes are its own)."""
    code = textwrap.dedent("""
        import libcst
        from core import heap
        text = "".join(f"def f{i}(a, b):\\n    return [a + b * {i} for _ in range(3)]\\n" for i in range(6000))
        heap.settle()  # (the size to grow from)
        before = heap.resident()
        module = libcst.parse_module(text)
        del module
        grown = heap.resident() - before
        assert grown > heap.GROWTH, grown
        assert heap.settle()
        kept = heap.resident() - before
        assert kept < grown / 2, (grown, kept)
        assert not heap.settle()  # (nothing more to return: no trim without growth)
        print("ok", grown, kept)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.startswith("ok"), out.stderr


def test_the_first_call_only_measures_and_a_fork_starts_afresh(monkeypatch):
    calls = []
    monkeypatch.setattr(heap, "_STATE", {"trim": lambda pad: calls.append(pad) or 1})
    sizes = iter([100 << 20, 101 << 20, (100 << 20) + heap.GROWTH + 1, 90 << 20])
    monkeypatch.setattr(heap, "resident", lambda: next(sizes))
    assert not heap.settle() and not heap.settle()  # (the first measures; 1 MB of growth is not enough)
    assert heap.settle() and calls == [0]
    assert heap._STATE["low"] == 90 << 20
    heap.forget()
    assert "low" not in heap._STATE


def test_without_glibc_it_does_nothing(monkeypatch):
    monkeypatch.setattr(heap, "_STATE", {"trim": None})
    assert not heap.settle()


def test_the_first_call_loads_no_ctypes():
    """A run of one small file (a pre-commit hook's) calls ``settle()`` once: it only measures, and
    ``ctypes`` (about 3 ms to import) is loaded when a process first has something to return."""
    code = "import sys\nfrom core import heap\nheap.settle()\nprint('ctypes' in sys.modules, 'low' in heap._STATE)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", str(heap.resident() is not None)]
