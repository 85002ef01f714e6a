"""Editing the top-level statements of a settings module, keeping its comments and layout.

    module = remove_statement(module, index)                 # keeps the comments above it
    module = replace_statement(module, index, "NEW = 1\\n")  # keeps leading comments / blank lines
    module = insert_statement(module, index, "NEW = 1\\n")
"""

from __future__ import annotations

import libcst as cst


def _comment_lines(stmt) -> list[cst.EmptyLine]:
    return [line for line in stmt.leading_lines if line.comment is not None]


def remove_statement(module: cst.Module, index: int) -> cst.Module:
    """Drop ``module.body[index]``; comment lines above it move to the next statement (or the footer)."""
    body = list(module.body)
    stmt = body.pop(index)
    carry = _comment_lines(stmt)
    if carry:
        if index < len(body):
            nxt = body[index]
            body[index] = nxt.with_changes(leading_lines=[*stmt.leading_lines, *nxt.leading_lines])
        else:
            return module.with_changes(body=body, footer=[*stmt.leading_lines, *module.footer])
    if not body and not module.header and not module.footer:
        return module.with_changes(body=body, has_trailing_newline=False)
    return module.with_changes(body=body)


def parse_statements(source: str) -> list[cst.BaseStatement]:
    return list(cst.parse_module(source).body)


def replace_statement(module: cst.Module, index: int, source: str, keep_trailing_comment: bool = True) -> cst.Module:
    """Replace ``module.body[index]`` with the statement(s) in ``source``, keeping the old
    statement's leading lines (comments, blank lines) and, optionally, its trailing comment."""
    body = list(module.body)
    old = body[index]
    new = parse_statements(source)
    new[0] = new[0].with_changes(leading_lines=[*old.leading_lines, *new[0].leading_lines])
    if keep_trailing_comment and isinstance(old, cst.SimpleStatementLine) and old.trailing_whitespace.comment is not None \
            and isinstance(new[-1], cst.SimpleStatementLine) and new[-1].trailing_whitespace.comment is None:
        new[-1] = new[-1].with_changes(trailing_whitespace=old.trailing_whitespace)
    body[index:index + 1] = new
    return module.with_changes(body=body)


def insert_statement(module: cst.Module, index: int, source: str) -> cst.Module:
    body = list(module.body)
    body[index:index] = parse_statements(source)
    return module.with_changes(body=body)
