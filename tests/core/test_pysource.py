"""``core.pysource``: parsing a user's Python file."""

from __future__ import annotations

import ast
import sys

import pytest

from core.pysource import PARSE_ERRORS, parse

DEEP = "x = a" + ".b" * 2900 + "\n"  # (2,900 levels: CPython parses it at the top of the stack)


def _at_depth(frames: int, fn):
    return fn() if frames == 0 else _at_depth(frames - 1, fn)


def test_whether_a_deep_file_parses_does_not_depend_on_the_callers_stack():
    """CPython 3.11 builds a tree three times as deep as the frames left below the recursion limit:
    ``ast.parse`` of the same text fails 400 frames down the stack (in a pool's worker, a test
    runner); ``parse`` does not, and leaves the limit as it was."""
    limit = sys.getrecursionlimit()
    assert isinstance(_at_depth(400, lambda: parse(DEEP)), ast.Module)
    assert sys.getrecursionlimit() == limit
    if sys.version_info[:2] == (3, 11):  # (the dependence this removes; 3.12 counts C frames apart)
        with pytest.raises(RecursionError):
            _at_depth(400, lambda: ast.parse(DEEP))


@pytest.mark.parametrize("text", ["def f(:\n", "x = 1\0\n", "x = " + " + ".join(["1"] * 20000) + "\n"])
def test_what_does_not_parse_raises_one_of_the_parse_errors(text):
    with pytest.raises(PARSE_ERRORS):
        parse(text)


def test_the_newer_python_hint():
    """Counted: the files whose error says they did not parse for their syntax (``fix``'s and
    ``step``'s messages, ``plan``'s bare "cannot parse"), not those too deep or holding a null byte."""
    from core.pysource import newer_python_hint

    ours = f"{sys.version_info[0]}.{sys.version_info[1]}"
    newer = f"{sys.version_info[0]}.{sys.version_info[1] + 1}.2"
    failed = ["cannot parse: SyntaxError: f-string: unmatched '[' (<unknown>, line 3)", "cannot parse",
              "cannot parse: IndentationError: unexpected indent", "cannot parse: RecursionError: maximum",
              "cannot parse: ValueError: source code string cannot contain null bytes", "not UTF-8", None]
    hint = newer_python_hint(failed, newer)
    assert hint.startswith(f"3 files did not parse with the Python django-upgrade runs on ({ours}), older than")
    assert hint.endswith(f"run django-upgrade with Python {newer[:-2]} or newer")
    assert newer_python_hint(failed[:1], newer).startswith("1 file did not parse")
    assert newer_python_hint(failed[3:], newer) is None  # (none for its syntax)
    assert newer_python_hint(failed, ours) is None and newer_python_hint(failed, "3.8.10") is None  # (not newer)
    assert newer_python_hint(failed, None) is None and newer_python_hint(failed, "unknown") is None


def test_the_users_syntax_warnings_are_not_shown():
    import warnings

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        parse('x = "\\d"\nassert (x, "message")\n')  # (an invalid escape; an assert that is always true)
        ast.parse('y = "\\d"\n')  # (the same through ast.parse does warn: the check can fail)
    assert [str(w.message) for w in seen] == ["invalid escape sequence '\\d'"]


# -- a large text, in pieces ------------------------------------------------------------------------

TRAPS = '''\
"""A module docstring
def not_a_function():
    at column 0, inside a string
"""
import os

x = [
1,
2]
y = 1 + \\
2

@decorator
def f():
    return 1
if x:
    pass
else:
    pass
try:
    pass
except ValueError:
    pass
finally:
    pass
s = f"""{x}
class NotAClass:
"""
class C:
    """doc"""

    def m(self):
        return """
text
"""
# a comment at column 0
) if False else None
'''.replace(") if False else None\n", "z = (1\n) if False else None\n")


def _same(text: str, piece: int) -> None:
    from core.pysource import in_pieces

    want = ast.dump(ast.parse(text), include_attributes=True)
    assert ast.dump(in_pieces(text, piece), include_attributes=True) == want


@pytest.mark.parametrize("piece", [1, 16, 64, 10 ** 6])
def test_a_text_in_pieces_is_the_same_tree_wherever_it_is_cut(piece):
    """Cut at every line that could start a statement (a piece of 1 character): the cuts inside a
    string, a bracket, after a decorator or a backslash leave a piece that does not parse, and it
    is joined with the next; the lines are the text's."""
    from core import pysource

    real = pysource._RETRIES
    try:
        pysource._RETRIES = 10 ** 6  # (every trap joined, none giving up: the joins themselves are checked)
        _same(TRAPS * 3, piece)
    finally:
        pysource._RETRIES = real
    _same(TRAPS * 3, piece)  # (and with the retries the module allows)


def test_a_text_that_does_not_parse_raises_what_ast_parse_raises():
    from core.pysource import in_pieces

    broken = TRAPS * 2 + "def g(:\n    pass\n" + TRAPS
    with pytest.raises(SyntaxError) as whole:
        ast.parse(broken)
    with pytest.raises(SyntaxError) as pieces:
        in_pieces(broken, 16)
    assert (pieces.value.msg, pieces.value.lineno) == (whole.value.msg, whole.value.lineno)


def test_carriage_returns_are_parsed_whole(monkeypatch):
    from core import pysource

    calls = []
    real = ast.parse
    monkeypatch.setattr(pysource.ast, "parse", lambda text: calls.append(len(text)) or real(text))
    text = "x = 1\ry = 2\r" * 100
    assert ast.dump(pysource.in_pieces(text, 16)) == ast.dump(real(text)) and calls == [len(text)]


def test_a_large_module_in_pieces_peaks_at_half_the_memory():
    """The measure the pieces are for: CPython's C tree and the Python tree are in memory together
    only for one piece (a 1 MB module: 132 MB at the peak whole, 60 MB in pieces)."""
    import tracemalloc

    text = "".join(f"def f{i}(a, b):\n    return [a + b * {i} for _ in range(3)]\n\n\n" for i in range(4000))

    def peak(fn) -> int:
        tracemalloc.start()
        try:
            tree = fn()
            return tracemalloc.get_traced_memory()[1], tree
        finally:
            tracemalloc.stop()

    whole, a = peak(lambda: ast.parse(text))
    pieces, b = peak(lambda: parse(text))
    assert ast.dump(a, include_attributes=True) == ast.dump(b, include_attributes=True)
    assert pieces < whole * 0.7, (whole, pieces)
