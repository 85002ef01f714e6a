"""Dotted names in libcst trees: ``a.b.c`` of a Name/Attribute chain, the module of a
``from ... import``, and the expression for a dotted name.

    dotted(node)            # "django.utils.encoding" for a Name / Attribute chain, else None
    module_name(import_from)  # "..base" for ``from ..base import x``
    parse_dotted("a.b.c")   # the Attribute expression
"""

from __future__ import annotations

import libcst as cst


def dotted(node: cst.BaseExpression | None) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


def module_name(node: cst.ImportFrom) -> str:
    mod = dotted(node.module) if node.module is not None else ""
    dots = "".join("." for _ in node.relative)
    return f"{dots}{mod or ''}"


def parse_dotted(text: str) -> cst.BaseExpression:
    parts = text.split(".")
    expr: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        expr = cst.Attribute(value=expr, attr=cst.Name(part))
    return expr
