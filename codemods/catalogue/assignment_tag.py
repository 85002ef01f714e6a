"""Codemod: Library.assignment_tag -> Library.simple_tag."""

from __future__ import annotations

import ast

from codemods.base import nodes_of
from codemods.method_rename import MethodRenameCodemod


class AssignmentTag(MethodRenameCodemod):
    """Register assignment tags with ``simple_tag`` instead of the removed ``assignment_tag``.

    What it does: ``@register.assignment_tag`` / ``@register.assignment_tag(takes_context=True)``
    and ``register.assignment_tag(func)`` become ``register.simple_tag`` with the same arguments.
    A module that defines its own ``assignment_tag`` method is reported and left alone.

    Why: since Django 1.9 ``simple_tag`` can store its result in a context variable
    (``{% tag ... as var %}``), which was all ``assignment_tag`` did; ``assignment_tag`` was deprecated
    (``RemovedInDjango20Warning``: "assignment_tag() is deprecated. Use simple_tag() instead") and
    removed in 2.0. Templates keep working: ``{% get_things as things %}`` is the same with both.
    One difference: a ``simple_tag`` used WITHOUT ``as var`` prints its (auto-escaped) result, where
    an assignment tag required ``as var`` and raised ``TemplateSyntaxError`` without it.

    Example::

        # before
        @register.assignment_tag
        def get_latest_posts(count=5): ...

        # after
        @register.simple_tag
        def get_latest_posts(count=5): ...

    Django versions: ``simple_tag(... as var)`` works since Django 1.9; needed before 2.0.
    """

    name = "assignment_tag"
    changes = ("assignment-tag",)
    available_from = "1.11"
    removed_in = "2.0"
    triggers = ("assignment_tag",)
    kinds = frozenset({"python"})
    migrations = False
    old_method = "assignment_tag"
    new_method = "simple_tag"

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(n.attr == "assignment_tag" for n in nodes_of(tree, ast.Attribute)) or any(
            n.name == "assignment_tag" for n in nodes_of(tree, ast.FunctionDef))

    def transform(self, module, ctx):
        if _defines(module):
            ctx.report(1, "this module defines its own assignment_tag(): rename the calls by hand")
            return module
        return super().transform(module, ctx)


def _defines(module) -> bool:
    import libcst as cst

    class _Find(cst.CSTVisitor):
        found = False

        def visit_FunctionDef(self, node):
            if node.name.value == "assignment_tag":
                _Find.found = True

    finder = _Find()
    _Find.found = False
    module.visit(finder)
    return _Find.found
