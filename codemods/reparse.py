"""The ``ast`` tree of a module a codemod changed, parsing only the statements it changed.

    tree = reparsed(old_tree, old_module, new_module, old_codes, new_codes)   # or None: parse it all

After a codemod changes a file, the next codemod's pruning, import index and line lookup read the
``ast`` tree of the new code. On a large module most top-level statements come back from the
transform as the very same objects, with the same code at the same lines: their ``ast`` statements
are taken from the old tree, and only the changed statements' code (the renderer has it,
``codemods.render``) is parsed, its line numbers moved to where the statement stands. This holds
while no statement changes its number of lines and none is added or removed (an import added at the
top shifts every line below it) and the changed statements are a small part of the code (moving
their line numbers is a Python walk, CPython's parser is C): otherwise, and whenever anything does
not line up, None, and the caller parses the whole code, as before.
"""

from __future__ import annotations

import ast
import warnings

import libcst as cst

from codemods.prune import Mismatch, paired_statements
from core.pysource import PARSE_ERRORS

SHARE = 2  # changed statements holding more than 1/SHARE of the code: the whole code is parsed


def reparsed(old_tree: ast.Module | None, old: cst.Module, new: cst.Module, old_codes: dict,
             new_codes: dict) -> ast.Module | None:
    """``ast.parse(new.code)``, from ``old_tree`` (the tree of ``old.code``) and the changed
    statements' code; ``old_codes`` / ``new_codes``: ``{id(statement): (statement, its code)}`` of
    the renders of ``old`` and ``new``. None when it cannot be done so."""
    if old_tree is None or len(old.body) != len(new.body) or len(new.header) != len(old.header):
        return None  # (the header: comment and blank lines, one line each; what they say is no ast's)
    changed = total = 0
    for before, after in zip(old.body, new.body):
        hit = new_codes.get(id(after))
        if hit is None or hit[0] is not after:
            return None
        total += len(hit[1])
        if after is not before:
            changed += len(hit[1])
    if changed * SHARE > total:
        return None  # (moving the line numbers of much code costs more than CPython's parse of it all)
    try:
        pairs = list(paired_statements(old.body, old_tree.body))
    except Mismatch:
        return None
    body: list[ast.stmt] = []
    line = 1 + len(new.header)  # (a header line is one EmptyLine)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (the user's SyntaxWarnings)
            for (before, group), after in zip(pairs, new.body):
                code = new_codes[id(after)][1]
                if after is before:
                    body.extend(group)
                else:
                    was = old_codes.get(id(before))
                    if was is None or was[0] is not before or was[1].count("\n") != code.count("\n"):
                        return None
                    part = ast.parse(code).body
                    for node in part:
                        ast.increment_lineno(node, line - 1)
                    body.extend(part)
                line += code.count("\n")
    except PARSE_ERRORS:  # (the whole text is parsed then, and judged)
        return None
    return ast.Module(body=body, type_ignores=[])
