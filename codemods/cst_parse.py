"""libcst's parse of a large text, a piece at a time: the same tree, a fraction of the memory.

While it parses, libcst's native parser holds about 450 bytes of memory per byte of text (its
tokens and memo tables; the tree it hands back is a tenth of that), and its time grows faster than
the text. Measured on a 1 MB generated module: 3.2 s and 440 MB more at the peak parsed whole;
2.1 s and 45 MB in pieces of 16 KB. A 5 MB module took 2 GB for its parse alone.

So a text over ``PIECE_BYTES`` is cut between top-level statements into pieces of about that
size; each piece is parsed on its own, and their statements are put into one ``Module``, the tree
a parse of the whole text gives (``Module.deep_equals``; checked on real code in the tests). A cut
is made only where that holds:

* between two statements on different lines, the second starting its line, and with only empty
  lines and comments at the start of a line between them (a comment indented further belongs to
  the block above it, a blank line with spaces may too);
* a piece's leading lines (its ``Module.header``) become its first statement's ``leading_lines``,
  as in the whole text; the first piece's header and the last one's footer are the module's;
* libcst stores a block's indentation only where it differs from the module's default, the first
  INDENT token of the text (``codemods.indentation``): a piece with a compound statement must have
  found the same one, or the text is parsed whole.

A text with ``\\r`` (a newline other than libcst's default) is parsed whole, and so is one with a
syntax error (the error then names the whole text's line). ``DJANGO_UPGRADE_PARSE_PIECE`` sets the
piece size in bytes (the tests cut at every statement).
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import first_line, line_starts
from codemods.indentation import compound, first_indent
from core.env import env_int

PIECE_BYTES = 16 * 1024


def piece_bytes() -> int:
    return env_int("DJANGO_UPGRADE_PARSE_PIECE", PIECE_BYTES)


def parse_module(text: str, tree: ast.Module | None = None) -> cst.Module:
    """``libcst.parse_module(text)``; ``tree``, the ``ast`` of ``text``, says where it may be cut."""
    size = piece_bytes()
    cuts = _cuts(text, tree, size) if tree is not None and len(text) > size and "\r" not in text else None
    if not cuts:
        return cst.parse_module(text)
    default_indent = first_indent(text, tree) or "    "  # (libcst's fallback)
    body: list[cst.BaseStatement] = []
    first = last = None
    for k, (start, end, has_block) in enumerate(cuts):
        try:
            part = cst.parse_module(text[start:end])
        except cst.ParserSyntaxError:
            return cst.parse_module(text)  # (raises the whole text's error, with its line numbers)
        if (has_block and part.default_indent != default_indent) or part.default_newline != "\n" \
                or (k < len(cuts) - 1 and part.footer) or not part.body:
            return cst.parse_module(text)
        statements = list(part.body)
        if first is None:
            first = part
        elif part.header:
            statements[0] = statements[0].with_changes(leading_lines=[*part.header, *statements[0].leading_lines])
        body.extend(statements)
        last = part
    return cst.Module(body=body, header=first.header, footer=last.footer, encoding=first.encoding,
                      default_indent=default_indent, default_newline="\n",
                      has_trailing_newline=last.has_trailing_newline)


def _cuts(text: str, tree: ast.Module, size: int) -> list[tuple[int, int, bool]] | None:
    """The pieces, as (start, end, holds a compound statement) offsets; None when there is one."""
    nodes = tree.body
    if len(nodes) < 2:
        return None
    lines = text.split("\n")
    starts = line_starts(text)
    pieces, start, has_block = [], 0, False
    for before, node in zip(nodes, nodes[1:]):
        has_block = has_block or compound(before)
        end_line, next_line = before.end_lineno, first_line(node)  # (1-based)
        cut = starts[end_line]  # (the start of the line after ``before``)
        if cut - start < size or not _clean_gap(lines, end_line, next_line):
            continue
        pieces.append((start, cut, has_block))
        start, has_block = cut, False
    if not pieces:
        return None
    pieces.append((start, len(text), has_block or compound(nodes[-1])))
    return pieces


def _clean_gap(lines: list[str], end_line: int, next_line: int) -> bool:
    """Whether a cut after line ``end_line`` gives the lines up to ``next_line`` (the next
    statement's first, which must start its line) to that statement, as the whole parse does."""
    if next_line <= end_line or lines[next_line - 1][:1] in ("", " ", "\t", "\f"):
        return False
    return all(line == "" or line[0] == "#" for line in lines[end_line:next_line - 1])

