"""A transformer base that reports every use of an old (removed) name that the codemod does not rewrite.

Shared by the codemods that rewrite an old name only in some positions (a class base, an ``except``
clause, a registered admin) and must report any other use of it, outside imports, for the user.

``ImportDepth`` counts how deep the walk is inside ``import`` / ``from ... import`` statements.
``OldNameUses`` reports each ``Name`` / ``Attribute`` that resolves (through the file's
``ImportIndex``) to one of ``olds``, unless it is inside an import, is an attribute's right-hand
name (``x.Old``'s ``Old``), or ``allowed()`` says the codemod handles it. Subclasses fill
``self.allowed`` (node ids) in their ``visit_*`` methods, which run before the nodes below them are
visited, and give ``message()``.
"""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.imports import ImportIndex


class ImportDepth(cst.CSTTransformer):
    """``self.in_import``: how many import statements the walk is inside (0: none)."""

    in_import = 0

    def visit_Import(self, node):
        self.in_import += 1

    def leave_Import(self, original, updated):
        self.in_import -= 1
        return updated

    def visit_ImportFrom(self, node):
        self.in_import += 1

    def leave_ImportFrom(self, original, updated):
        self.in_import -= 1
        return updated


class OldNameUses(ImportDepth):
    """Reports the uses of ``olds`` (qualified names) other than the ``allowed`` ones, with ``message()``."""

    def __init__(self, index: ImportIndex, ctx: FileContext, olds: tuple[str, ...]):
        super().__init__()
        self.index, self.ctx, self.olds = index, ctx, olds
        self.allowed: set[int] = set()  # ids of the old-name expressions the codemod handles itself
        self.skip: set[int] = set()  # attribute names (``x.Old``'s right-hand part)
        self.in_import = 0
        self.changed = False

    def _is_old(self, node) -> bool:
        return isinstance(node, (cst.Name, cst.Attribute)) and self.index.resolve(node) in self.olds

    def is_allowed(self, node) -> bool:
        return id(node) in self.allowed

    def message(self, node) -> str:
        raise NotImplementedError

    def _other_use(self, node) -> bool:
        return not self.in_import and not self.is_allowed(node) and self._is_old(node)

    def visit_Attribute(self, node: cst.Attribute):
        self.skip.add(id(node.attr))
        if self._other_use(node):
            self._report(node)
            return False
        return True

    def visit_Name(self, node: cst.Name):
        if id(node) not in self.skip and self._other_use(node):
            self._report(node)

    def _report(self, node):
        self.ctx.report(node, self.message(node))
