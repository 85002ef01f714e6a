"""How often a module uses a bare name (outside its import statements), for "is this import still
used?": ``count_references(module, "force_text")``. For a whole module one walk counts every name,
memoised on the module object (``codemods.import_state``); a module whose ast tree the pipeline
hinted is counted from that tree (``codemods.astnames``), and the definitions ``codemods.elide`` hid
from libcst are added (``import_state.hidden``).
"""

from __future__ import annotations

import dataclasses

import libcst as cst

from codemods.fastvisit import IS_NODE
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


# Fields that hold only whitespace, comments, parentheses or operator tokens: never a Name.
_NO_NAMES = frozenset({"lpar", "rpar", "leading_lines", "lines_after_decorators", "comma", "semicolon",
                       "trailing_whitespace", "newline", "operator", "equal", "colon", "dot", "asynchronous",
                       "header", "footer"})
_FIELDS: dict[type, tuple[str, ...]] = {}


def name_fields(cls: type) -> tuple[str, ...]:
    """The fields of a libcst node class that can hold a ``Name`` (not whitespace, comments,
    parentheses or operator tokens)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)
                                     if f.name not in _NO_NAMES and not f.name.startswith("whitespace"))
    return found


def name_counts(node: cst.CSTNode) -> dict[str, int]:
    """``RefCounter(None)``'s counts of every bare name under ``node``, without libcst's visitor
    dispatch (a plain walk of the node fields that can hold a ``Name``: about 10x faster on a large
    module; tests/codemods/test_imports.py compares the two)."""
    counts: dict[str, int] = {}
    for value in bare_names(node, imports=False, keywords=False):
        counts[value] = counts.get(value, 0) + 1
    return counts


def bare_names(node: cst.CSTNode, imports: bool = True, keywords: bool = True):
    """The value of every ``Name`` under ``node`` but an attribute's own name, from a plain walk of
    the fields that can hold one; without the names in import statements (``imports=False``) or the
    keywords of arguments (``keywords=False``)."""
    name_cls, attr_cls, arg_cls, is_node = cst.Name, cst.Attribute, cst.Arg, IS_NODE
    skip = () if imports else (cst.Import, cst.ImportFrom)
    stack = [node]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        cls = node.__class__
        if cls is name_cls:
            yield node.value
        elif cls is attr_cls or (cls is arg_cls and not keywords):  # not the attribute's name, not the keyword
            push(node.value)
        elif cls not in skip:
            for field in name_fields(cls):
                value = getattr(node, field)
                kind = value.__class__
                if is_node[kind]:
                    push(value)
                elif kind is tuple or kind is list:
                    for item in value:
                        if is_node[item.__class__]:
                            push(item)


def count_references(module: cst.CSTNode, name: str) -> int:
    """Uses of the bare name ``name`` outside import statements (attribute names and keywords excluded).

    For a whole module one walk counts every name, memoised on the module object."""
    if isinstance(module, cst.Module):
        def compute():
            tree = hinted_tree(module)
            if tree is not None:  # the same counts from the ast tree (tests/codemods/test_elide.py)
                from codemods.astnames import ast_name_counts

                return ast_name_counts(tree)
            return name_counts(module)

        count = memoized("names", module, compute).get(name, 0)
        hidden_parts = hidden()
        return count + hidden_parts.count(name) if hidden_parts is not None else count
    return name_counts(module).get(name, 0)
