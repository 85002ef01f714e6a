"""What a parse of a project's Python file raises when the file cannot be parsed.

    try:
        tree = ast.parse(text)
    except PARSE_ERRORS as exc:   # the file is reported as not parsing; the run goes on
        ...

* ``SyntaxError`` (and its subclasses): not valid Python for this interpreter;
* ``ValueError``: a null byte in the source;
* ``RecursionError``: nesting deeper than CPython builds a tree for ("maximum recursion depth
  exceeded during ast construction"), e.g. a sum of thousands of terms in a generated module. The
  interpreter that raised it cannot compile the file either.

Every ``ast.parse`` of a user's file catches these, so one such file is reported as not parsing and
never ends a run with an internal error.

``parse(text)`` is ``ast.parse(text)`` as deep as at the top of the stack: CPython 3.11 builds a tree
three times as deep as the frames left below the recursion limit, so without it whether a file of
2,900 nested levels parses would depend on the caller (a pool's worker, a test runner).
"""

from __future__ import annotations

import ast
import sys
import warnings

PARSE_ERRORS = (SyntaxError, ValueError, RecursionError)


def parse(text: str) -> ast.Module:
    """``ast.parse(text)``, allowing the tree the same depth whatever the caller's (see above), and
    without the SyntaxWarnings of the user's code (not the tool's to show)."""
    depth, frame = 0, sys._getframe(1)
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + depth)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text)
    finally:
        sys.setrecursionlimit(limit)


SYNTAX_ERRORS = ("SyntaxError", "IndentationError", "TabError")


def syntax_failures(messages) -> int:
    """How many of the files' errors say they did not parse for their syntax: "cannot parse:
    SyntaxError: ..." (``fix``, ``step``) or the bare "cannot parse" of a scan (``plan``)."""
    return sum(1 for m in messages if m and (m == "cannot parse" or (
        m.startswith("cannot parse: ") and m.split(":", 2)[1].strip() in SYNTAX_ERRORS)))


def newer_python_hint(messages, project_python: str | None) -> str | None:
    """One line for the files whose error (``messages``) says they did not parse for their syntax, when
    the project's Python is newer than the one the tool runs on, whose parser cannot read the newer
    syntax (3.12's f-strings nesting the same quotes, ``type`` statements, generic ``def f[T]``);
    None otherwise."""
    try:
        theirs = tuple(int(x) for x in (project_python or "").split(".")[:2])
    except ValueError:
        return None
    ours = sys.version_info[:2]
    if len(theirs) != 2 or theirs <= ours:
        return None
    failed = syntax_failures(messages)
    if not failed:
        return None
    return (f"{failed} file{'s' if failed != 1 else ''} did not parse with the Python django-upgrade runs on "
            f"({ours[0]}.{ours[1]}), older than the project's ({theirs[0]}.{theirs[1]}), whose newer syntax it "
            f"cannot read: run django-upgrade with Python {theirs[0]}.{theirs[1]} or newer")
