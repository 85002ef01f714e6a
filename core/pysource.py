"""Parsing a project's Python file: what a parse raises when the file cannot be parsed, a parse that
does not depend on the caller and holds half the memory (``parse``), and the line for files written
for a newer Python (``newer_python_hint``).

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
import re
import sys
import warnings

PARSE_ERRORS = (SyntaxError, ValueError, RecursionError)


def parse(text: str) -> ast.Module:
    """``ast.parse(text)``, allowing the tree the same depth whatever the caller's (see above), and
    without the SyntaxWarnings of the user's code (not the tool's to show). A large text is parsed in
    pieces (``in_pieces``): the same tree, with half the memory at the peak."""
    depth, frame = 0, sys._getframe(1)
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + depth)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return in_pieces(text)
    finally:
        sys.setrecursionlimit(limit)


# CPython's parser builds the whole file's tree in C first, then converts it to Python objects: at the
# peak both are in memory, twice the tree (a 1 MB module: 132 MB, for a tree of 63 MB). Parsed in
# pieces of top-level statements, only one piece is ever held twice.
PIECE = 32 * 1024  # characters in a piece at least
PIECES = 32  # pieces at most (each is parsed behind blank lines that keep its line numbers: see in_pieces)
# where a top-level statement may start: a line that starts with neither a blank nor a comment, nor
# a closing bracket, nor the clause of a compound statement before it
_CUT = re.compile(r"^(?=[^\s#)\]}])(?!(?:else|elif|except|finally)\b)", re.M)
_RETRIES = 2  # pieces that may fail to parse (a cut inside a string) before the text is parsed whole


def in_pieces(text: str, piece: int | None = None) -> ast.Module:
    """``ast.parse(text)``, piece by piece: the text is cut at lines that look like the start of a
    top-level statement, and each piece is parsed after as many blank lines as come before it, so
    its line numbers are the text's. A cut that was not between two statements (inside a string, a
    bracket, after a decorator or a line ending in a backslash) leaves a piece that does not parse:
    it is joined with the next one. When that happens more than ``_RETRIES`` times, when the file
    does not parse, or for a text with carriage returns (whose lines ``\n`` does not count), the
    text is parsed whole - the same tree, or the same error, as ``ast.parse``."""
    size = max(PIECE if piece is None else piece, len(text) // PIECES + 1)
    if len(text) < 2 * size or "\r" in text:
        return ast.parse(text)
    cuts, at = [0], size
    while at < len(text):
        found = _CUT.search(text, at)
        if found is None:
            break
        cuts.append(found.start())
        at = found.start() + size
    cuts.append(len(text))
    body: list[ast.stmt] = []
    line, start, failures = 0, 0, 0
    for end in cuts[1:]:
        part = text[start:end]
        try:
            body.extend(ast.parse("\n" * line + part).body)
        except SyntaxError:
            failures += 1
            if failures > _RETRIES or end == len(text):
                return ast.parse(text)
            continue  # (joined with the next piece)
        line += part.count("\n")
        start = end
    return ast.Module(body=body, type_ignores=[])


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
