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
