"""Visitor parts for reading a function body's local names: the names an assignment-like target
binds, the binding statements that carry such targets, and how deep the walk is in nested scopes.

Shared by the codemods that move or rename a method's body and must know whether a name is bound
again in it (``curry``, ``delete_view_form_valid``) or used inside a nested function
(``delete_view_form_valid``, ``middlewaremixin_get_response``).
"""

from __future__ import annotations

import libcst as cst


def names_in(target) -> list[str]:
    """The names ``target`` binds: ``a``, ``a, (b, *c)``, ``[a, b]``; none for ``x.a`` / ``x[0]``."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for el in target.elements for n in names_in(el.value)]
    if isinstance(target, cst.StarredElement):
        return names_in(target.value)
    return []


class BindingTargets(cst.CSTVisitor):
    """Calls ``bound(names)`` for the target of every assignment, augmented or annotated assignment,
    ``for`` loop, ``with ... as`` and ``:=`` in the visited tree (not for ``global``/``nonlocal``,
    parameters, imports, ``def``/``class`` names or ``except ... as``)."""

    def bound(self, names: list[str]) -> None:
        raise NotImplementedError

    def visit_AssignTarget(self, node):
        self.bound(names_in(node.target))

    def visit_AugAssign(self, node):
        self.bound(names_in(node.target))

    def visit_AnnAssign(self, node):
        self.bound(names_in(node.target))

    def visit_For(self, node):
        self.bound(names_in(node.target))

    def visit_WithItem(self, node):
        if node.asname is not None:
            self.bound(names_in(node.asname.name))

    def visit_NamedExpr(self, node):
        self.bound(names_in(node.target))


class NestedDepth(cst.CSTVisitor):
    """``self.depth``: how many functions / lambdas the walk is inside (within the visited tree)."""

    depth = 0

    def visit_FunctionDef(self, node):
        self.depth += 1

    def leave_FunctionDef(self, node):
        self.depth -= 1

    def visit_Lambda(self, node):
        self.depth += 1

    def leave_Lambda(self, node):
        self.depth -= 1
