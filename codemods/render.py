"""The code of a libcst module, re-rendering only the top-level statements that changed.

    renderer = Renderer()
    renderer.code(module)       # == module.code
    renderer.code(new_module)   # the statements ``new_module`` shares with ``module`` are not rendered again

The pipeline renders the module after every codemod that changed it (its ``ast`` tree, the next
codemod's pruning and line lookup come from that code). On a large module most top-level statements
of a pruned transform come back as the very same objects (``codemods.prune``), so their code, kept
from the last render, is reused; the rest is libcst's own code generation, statement by statement,
in the same order, so the result is ``module.code`` byte for byte (tests/codemods/test_render.py).

Inside a statement rendered again, the statements of its body that it shares with the statement it
replaced (the lines of a function a codemod did not touch, a method of a class) are not generated
again either: their code, kept from the render that generated them, is taken when they stand at the
same indentation (``_NestedCodes``). On a large module where each definition is changed by several
codemods in turn, only the changed lines are generated each time.

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
import functools
import inspect
import re
from contextlib import contextmanager

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
        self._nested: dict[int, tuple] = {}  # id(statement) -> (statement, its nested statements' entries)
        self._previous_nested: dict[int, tuple] = {}

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
        memo = _NestedCodes()
        with memo.installed():
            for key in [k for k in self._seed if k not in present]:
                stmt, code = self._seed.pop(key)
                alone, entries = _alone(stmt, self._style, memo)
                if alone != code:
                    self.clear()
                    raise SeedMismatch
                self._nested[key] = (stmt, entries)  # (what the statement replacing it shares is not generated again)
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
        nested, fresh_nested = self._nested, {}
        self._previous_nested = nested
        present = {id(stmt) for stmt in module.body}
        replaced = [entries for key, (_, entries) in nested.items() if key not in present]
        memo = _NestedCodes(replaced)
        with memo.installed():
            for i, stmt in enumerate(module.body):
                hit = known.get(id(stmt))
                if hit is not None and hit[0] is stmt and i != last:
                    tokens.append(hit[1])
                    fresh[id(stmt)] = hit
                    kept = nested.get(id(stmt))
                    if kept is not None and kept[0] is stmt:
                        fresh_nested[id(stmt)] = kept
                    continue
                start = len(tokens)
                if i == last:  # (libcst's own code generation: its last newline token is popped below)
                    stmt._codegen(state)
                    continue
                fresh_nested[id(stmt)] = (stmt, memo.render(stmt, state))
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
        self._codes, self._nested = fresh, fresh_nested
        return "".join(tokens)

    def clear(self) -> None:
        self._style, self._codes, self._seed, self._ends, self._previous = None, {}, {}, None, {}
        self._nested, self._previous_nested = {}, {}

    def codes(self) -> dict:
        """``{id(statement): (statement, its code)}`` of the last render (``codemods.reparse``)."""
        return self._codes

    def previous_codes(self) -> dict:
        """The same, of the render before it."""
        return self._previous

    def rollback(self) -> None:
        """Forget the last render (its module is discarded): the codes kept are the ones before it."""
        self._codes, self._nested = self._previous, self._previous_nested


class _NestedCodes:
    """The code of the statements nested in top-level statements, kept between renders.

    An entry is ``(statement, indentation, code, the entries of the statements nested in it)``. While
    ``installed``, libcst's code generation of every statement class goes through ``_codegen``, and
    in a top-level statement rendered by ``render`` a statement found among the entries of the
    top-level statements replaced since the last render (the very same object, at the same
    indentation) appends its kept code instead of being generated. libcst's code for a statement
    depends on nothing else (the module's indentation and newline are the renderer's style, and an
    ``elif`` - generated with an argument - is never taken from here). ``render`` returns the entries
    of the statement it rendered, to be looked up when that statement is replaced in turn."""

    def __init__(self, replaced: list[list] = ()):
        self.lookup: dict[int, tuple] = {}
        stack = [e for entries in replaced for e in entries]
        while stack:
            entry = stack.pop()
            self.lookup[id(entry[0])] = entry
            stack.extend(entry[3])
        self.collected: list[list] = []
        self.originals: dict[type, object] = {}

    @contextmanager
    def installed(self):
        """libcst's statement classes generate their code through ``_codegen`` meanwhile (not inside
        another ``installed``: then libcst's own code generation runs, and nothing is kept)."""
        if _ACTIVE[0] is not None:
            yield
            return
        saved = {}
        for cls in _statement_classes():
            saved[cls] = cls.__dict__.get("_codegen", _UNSET)
            self.originals[cls] = cls._codegen
            cls._codegen = _codegen
        _ACTIVE[0] = self
        try:
            yield
        finally:
            _ACTIVE[0] = None
            for cls, own in saved.items():
                if own is _UNSET:
                    del cls._codegen
                else:
                    cls._codegen = own

    def render(self, stmt: cst.CSTNode, state) -> list:
        """Generate ``stmt``'s code into ``state``; the entries of the statements it holds (itself)."""
        mine: list = []
        if _ACTIVE[0] is not self:
            stmt._codegen(state)
            return mine
        self.collected.append(mine)
        try:
            stmt._codegen(state)
        finally:
            self.collected.pop()
        return mine


_ACTIVE: list = [None]  # the _NestedCodes rendering now
_UNSET = object()


def _codegen(self, state, **kwargs) -> None:
    """A statement's ``_codegen`` while ``_NestedCodes.render`` runs (see there)."""
    memo = _ACTIVE[0]
    original = memo.originals[type(self)]
    collected = memo.collected
    if kwargs or not collected:  # (an elif: its own code differs from an if's; outside ``render``)
        return original(self, state, **kwargs)
    indent = "".join(state.indent_tokens)
    hit = memo.lookup.get(id(self))
    if hit is not None and hit[0] is self and hit[1] == indent:
        state.tokens.append(hit[2])
        collected[-1].append(hit)
        return None
    tokens = state.tokens
    start = len(tokens)
    mine: list = []
    collected.append(mine)
    try:
        original(self, state)
    finally:
        collected.pop()
    code = "".join(tokens[start:])
    del tokens[start:]
    tokens.append(code)
    collected[-1].append((self, indent, code, mine))
    return None


@functools.lru_cache(maxsize=1)
def _statement_classes() -> tuple[type, ...]:
    """libcst's concrete statement classes (what an indented block holds)."""
    return tuple(c for c in vars(cst).values() if isinstance(c, type) and issubclass(c, cst.BaseStatement)
                 and not inspect.isabstract(c))


def _alone(stmt: cst.CSTNode, style, memo: _NestedCodes) -> tuple[str, list]:
    """libcst's code for one top-level statement (as ``Module.code`` prints it, not the last one), and
    the ``_NestedCodes`` entries of the statements it holds."""
    state = CodegenState(default_indent=style[0], default_newline=style[1])
    entries = memo.render(stmt, state)
    return "".join(state.tokens), entries


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

