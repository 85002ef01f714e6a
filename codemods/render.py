"""The code of a libcst module, re-rendering only the top-level statements that changed.

    renderer = Renderer()
    renderer.code(module)       # == module.code
    renderer.code(new_module)   # the statements ``new_module`` shares with ``module`` are not rendered again

The pipeline renders the module after every codemod that changed it (its ``ast`` tree, the next
codemod's pruning and line lookup come from that code). On a large module most top-level statements
of a pruned transform come back as the very same objects (``codemods.prune``), so their code, kept
from the last render, is reused; the rest is libcst's own code generation, statement by statement,
in the same order, so the result is ``module.code`` byte for byte (tests/codemods/test_render.py).
"""

from __future__ import annotations

import libcst as cst
from libcst._nodes.internal import CodegenState


class Renderer:
    """``module.code``, with the code of each top-level statement kept from the last render."""

    def __init__(self):
        self._style: tuple[str, str] | None = None
        self._codes: dict[int, tuple[cst.CSTNode, str]] = {}  # id(statement) -> (statement, its code)

    def code(self, module: cst.Module) -> str:
        try:
            return self._code(module)
        except Exception:  # noqa: BLE001 - (libcst's code generation state is not public API)
            self.clear()
            return module.code

    def _code(self, module: cst.Module) -> str:
        style = (module.default_indent, module.default_newline)
        if style != self._style:
            self._style, self._codes = style, {}
        state = CodegenState(default_indent=module.default_indent, default_newline=module.default_newline)
        tokens = state.tokens
        for line in module.header:
            line._codegen(state)
        known, fresh = self._codes, {}
        last = len(module.body) - 1
        for i, stmt in enumerate(module.body):
            hit = known.get(id(stmt))
            if hit is not None and hit[0] is stmt and i != last:
                tokens.append(hit[1])
                fresh[id(stmt)] = hit
                continue
            start = len(tokens)
            stmt._codegen(state)
            if i != last:  # (the last statement's own newline token may be popped below)
                code = "".join(tokens[start:])
                del tokens[start:]
                tokens.append(code)
                fresh[id(stmt)] = (stmt, code)
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
        self._style, self._codes = None, {}

