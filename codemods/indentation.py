"""The module's default indentation as libcst takes it: the text of the file's first INDENT token.

libcst stores an indented block's indentation only where it differs from the module's default (the
first INDENT token of the file), so a tree built from parts of a text (``codemods.elide``,
``codemods.cst_parse``) must know the whole text's. Tokenizing a whole file in pure Python to find
it costs seconds on a large data module, so the ``ast`` says where to look: only a compound
statement opens a block, and a top-level statement starts a logical line, so the compound
top-level statements are tokenized one at a time, in order, until one yields an INDENT. A module of
simple statements has none, and is not tokenized at all.
"""

from __future__ import annotations

import ast
import io
import tokenize

from codemods.base import first_line

_FAILED = object()


def first_indent(text: str, tree: ast.Module | None = None) -> str | None:
    """The first INDENT token's text in ``text`` (None when it has none); ``tree``: its ``ast``."""
    if tree is None or "\r" in text:  # (ast's lines would not be "\n"-separated)
        return indent_token(text)
    line, at = 1, 0  # (the start of a line, found going down the text as far as asked)

    def start_of(wanted: int) -> int:
        nonlocal line, at
        while line < wanted:
            found = text.find("\n", at)
            if found < 0:
                return len(text)
            line, at = line + 1, found + 1
        return at

    for node in tree.body:
        if not compound(node):
            continue
        found = _indent_in(text[start_of(first_line(node)):start_of(node.end_lineno + 1)])
        if found is _FAILED:  # (a statement that does not tokenize alone: the whole text decides)
            return indent_token(text)
        if found is not None:
            return found
    return None


def indent_token(text: str) -> str | None:
    """The first INDENT token's text, tokenizing ``text`` from its start (None: none, or no tokens)."""
    found = _indent_in(text)
    return None if found is _FAILED else found


def _indent_in(text: str):
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.INDENT:
                return tok.string
    except (tokenize.TokenError, SyntaxError):
        return _FAILED
    return None


def compound(node: ast.stmt) -> bool:
    """Whether a statement may open a block (simple statements never do)."""
    return hasattr(node, "body") or isinstance(node, ast.Match)

