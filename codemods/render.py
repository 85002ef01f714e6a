"""The code of a libcst module, re-rendering only the top-level statements that changed.

    renderer = Renderer()
    renderer.code(module)       # == module.code
    renderer.code(new_module)   # the statements ``new_module`` shares with ``module`` are not rendered again

The pipeline renders the module after every codemod that changed it (its ``ast`` tree, the next
codemod's pruning and line lookup come from that code). On a large module most top-level statements
of a pruned transform come back as the very same objects (``codemods.prune``), so their code, kept
from the last render, is reused; the rest is libcst's own code generation, statement by statement,
in the same order, so the result is ``module.code`` byte for byte (tests/codemods/test_render.py).

``seed(module, text, tree)`` spares the first render too: each top-level statement's code is taken
from the parsed text itself (its lines, by the ``ast`` tree's line numbers, cut where libcst cuts:
comment lines indented after a block stay with it, the rest of the comments and blank lines go
with the statement after them, those before the first statement are the header). Whenever a
statement of the seeded module is no longer in a module rendered (a codemod replaced or removed
it), libcst's code for it is compared with its cut once: a difference (a cut libcst does not make,
a statement libcst would not print back exactly) raises ``SeedMismatch``, and the caller renders
whole. So the unchanged statements are the text's own bytes, and the statements around a change
are cut exactly where libcst cuts them.
"""

from __future__ import annotations

import ast
import re

import libcst as cst
from libcst._nodes.internal import CodegenState

from codemods.prune import Mismatch, line_span, paired_statements


class SeedMismatch(Exception):
    """A statement of the seeded module is not cut or printed as libcst would: render whole."""


class Renderer:
    """``module.code``, with the code of each top-level statement kept from the last render."""

    def __init__(self):
        self._style: tuple[str, str] | None = None
        self._codes: dict[int, tuple[cst.CSTNode, str]] = {}  # id(statement) -> (statement, its code)
        self._seed: dict[int, tuple[cst.CSTNode, str]] = {}  # the seeded statements not yet checked
        self._ends: tuple | None = None  # (seeded header, its text, seeded footer, its text)
        self._previous: dict[int, tuple[cst.CSTNode, str]] = {}  # the codes before the last render

    def seed(self, module: cst.Module, text: str, tree: ast.Module | None) -> bool:
        """Take the code of ``module`` (parsed from ``text``, whose ``ast`` is ``tree``) from ``text``;
        False (nothing seeded) when the statements cannot be cut by the tree's lines."""
        self.clear()
        cut = _cut(module, text, tree)
        if cut is None:
            return False
        header, codes, footer = cut
        self._style = (module.default_indent, module.default_newline)
        self._seed = {id(stmt): (stmt, code) for stmt, code in zip(module.body, codes)}
        self._codes = dict(self._seed)
        self._ends = (module.header, header, module.footer, footer)
        return True

    def code(self, module: cst.Module) -> str:
        if self._seed or self._ends is not None:
            self._check_seed(module)  # (raises SeedMismatch)
        try:
            return self._code(module)
        except Exception:  # noqa: BLE001 - (libcst's code generation state is not public API)
            self.clear()
            return module.code

    def _check_seed(self, module: cst.Module) -> None:
        present = {id(stmt) for stmt in module.body}
        for key in [k for k in self._seed if k not in present]:
            stmt, code = self._seed.pop(key)
            if _alone(stmt, self._style) != code:
                self.clear()
                raise SeedMismatch
        header, header_text, footer, footer_text = self._ends
        if (module.header is not header and _lines(header, self._style) != header_text) or \
                (module.footer is not footer and _lines(footer, self._style) != footer_text):
            self.clear()
            raise SeedMismatch

    def _code(self, module: cst.Module) -> str:
        style = (module.default_indent, module.default_newline)
        if style != self._style:
            self._style, self._codes, self._seed, self._ends = style, {}, {}, None
        state = CodegenState(default_indent=module.default_indent, default_newline=module.default_newline)
        tokens = state.tokens
        ends = self._ends
        if ends is not None and module.header is ends[0]:
            tokens.append(ends[1])
        else:
            for line in module.header:
                line._codegen(state)
        known, fresh = self._codes, {}
        self._previous = known
        last = len(module.body) - 1
        # (the last statement's own newline token is popped below when the module has no final newline)
        last = last if not module.has_trailing_newline else -1
        for i, stmt in enumerate(module.body):
            hit = known.get(id(stmt))
            if hit is not None and hit[0] is stmt and i != last:
                tokens.append(hit[1])
                fresh[id(stmt)] = hit
                continue
            start = len(tokens)
            stmt._codegen(state)
            if i != last:
                code = "".join(tokens[start:])
                del tokens[start:]
                tokens.append(code)
                fresh[id(stmt)] = (stmt, code)
        if ends is not None and module.footer is ends[2]:
            tokens.append(ends[3])
        else:
            for line in module.footer:
                line._codegen(state)
        if module.has_trailing_newline:
            if not tokens:
                tokens.append(state.default_newline)
        else:
            state.pop_trailing_newline()
        self._codes = fresh
        return "".join(tokens)

    def clear(self) -> None:
        self._style, self._codes, self._seed, self._ends, self._previous = None, {}, {}, None, {}

    def codes(self) -> dict:
        """``{id(statement): (statement, its code)}`` of the last render (``codemods.reparse``)."""
        return self._codes

    def previous_codes(self) -> dict:
        """The same, of the render before it."""
        return self._previous

    def rollback(self) -> None:
        """Forget the last render (its module is discarded): the codes kept are the ones before it."""
        self._codes = self._previous


def _alone(stmt: cst.CSTNode, style) -> str:
    """libcst's code for one top-level statement (as ``Module.code`` prints it, not the last one)."""
    state = CodegenState(default_indent=style[0], default_newline=style[1])
    stmt._codegen(state)
    return "".join(state.tokens)


def _lines(lines, style) -> str:
    state = CodegenState(default_indent=style[0], default_newline=style[1])
    for line in lines:
        line._codegen(state)
    return "".join(state.tokens)


_INDENTED_COMMENT = re.compile(r"[ \t]+#")


def _cut(module: cst.Module, text: str, tree: ast.Module | None):
    """(header, the code of each top-level statement, footer) cut from ``text``, or None. Only for
    a text with ``\n`` line ends, a final newline and no form feed, whose libcst and ``ast``
    statements pair up (``prune.paired_statements``)."""
    if tree is None or not module.body or not text.endswith("\n") or "\r" in text or "\f" in text \
            or module.default_newline != "\n" or not module.has_trailing_newline:
        return None
    try:
        spans = [line_span(group) for _stmt, group in paired_statements(module.body, tree.body)]
    except Mismatch:
        return None
    starts, ends = [start for start, _ in spans], [end for _, end in spans]
    lines = text.split("\n")  # (the last item is the empty string after the final newline)
    cuts = []
    for i, end in enumerate(ends):
        limit = starts[i + 1] - 1 if i + 1 < len(starts) else len(lines) - 1
        cut = at = end
        while at < limit:  # comment lines indented after the statement (blank lines between) go with it
            line = lines[at]
            if _INDENTED_COMMENT.match(line):
                cut = at = at + 1
            elif not line.strip(" \t"):
                at += 1
            else:
                break
        if cut <= (cuts[-1] if cuts else starts[0] - 2):
            return None
        cuts.append(cut)
    header_end = starts[0] - 1
    codes, prev = [], header_end
    for cut in cuts:
        codes.append("".join(line + "\n" for line in lines[prev:cut]))
        prev = cut
    header = "".join(line + "\n" for line in lines[:header_end])
    footer = "".join(line + "\n" for line in lines[prev:-1])
    return header, codes, footer

