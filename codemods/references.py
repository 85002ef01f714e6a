"""How often a module uses a bare name (outside its import statements), for "is this import still
used?": ``count_references(module, "force_text")``. For a whole module one walk counts every name,
memoised on the module object (``codemods.import_state``); a module whose ast tree the pipeline
hinted is counted from that tree (``codemods.astnames``), and the definitions ``codemods.elide`` hid
from libcst are added (``import_state.hidden``).
"""

from __future__ import annotations

import libcst as cst

from codemods.import_state import hidden, hinted_tree, memoized


class RefCounter(cst.CSTVisitor):
    """Counts bare-name uses of ``name`` (or of every name, in ``counts``, when ``name`` is None)."""

    prunable = False  # reference counts are about the whole module

    def __init__(self, name: str | None):
        self.name = name
        self.count = 0
        self.counts: dict[str, int] = {}

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def visit_Attribute(self, node: cst.Attribute):
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg):
        node.value.visit(self)
        return False

    def visit_Name(self, node: cst.Name):
        if self.name is None:
            self.counts[node.value] = self.counts.get(node.value, 0) + 1
        elif node.value == self.name:
            self.count += 1


def count_references(module: cst.CSTNode, name: str) -> int:
    """Uses of the bare name ``name`` outside import statements (attribute names and keywords excluded).

    For a whole module one walk counts every name, memoised on the module object."""
    if isinstance(module, cst.Module):
        def compute():
            tree = hinted_tree(module)
            if tree is not None:  # the same counts from the ast tree (tests/codemods/test_elide.py)
                from codemods.astnames import ast_name_counts

                return ast_name_counts(tree)
            counter = RefCounter(None)
            module.visit(counter)
            return counter.counts

        count = memoized("names", module, compute).get(name, 0)
        hidden_parts = hidden()
        return count + hidden_parts.count(name) if hidden_parts is not None else count
    counter = RefCounter(name)
    module.visit(counter)
    return counter.count
