"""Small helpers for codemods that change call arguments (positional/keyword edits, ast pre-checks)."""

from __future__ import annotations

import ast

import libcst as cst


def has_star(call: cst.Call) -> bool:
    """``*args`` or ``**kwargs`` in the call: argument positions/names can't be known."""
    return any(a.star for a in call.args)


def positional(call: cst.Call) -> list[cst.Arg]:
    return [a for a in call.args if a.keyword is None and not a.star]


def keyword(call: cst.Call, name: str) -> cst.Arg | None:
    for a in call.args:
        if a.keyword is not None and a.keyword.value == name:
            return a
    return None


def with_args(call: cst.Call, args: list[cst.Arg]) -> cst.Call:
    """Replace the arguments, fixing the commas (the last one keeps the original trailing comma)."""
    if not args:
        return call.with_changes(args=[])
    original_last_comma = call.args[-1].comma if call.args else cst.MaybeSentinel.DEFAULT
    separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if len(call.args) > 1 and isinstance(call.args[0].comma, cst.Comma):
        separator = call.args[0].comma  # keep the call's layout (one argument per line stays so)
    fixed = []
    for i, a in enumerate(args):
        if i < len(args) - 1:
            fixed.append(a.with_changes(comma=separator))
        else:
            fixed.append(a.with_changes(comma=original_last_comma))
    return call.with_changes(args=fixed)


def kwarg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )


def rename_keyword(call: cst.Call, old: str, new: str) -> cst.Call:
    args = [a.with_changes(keyword=cst.Name(new)) if a.keyword is not None and a.keyword.value == old else a for a in call.args]
    return call.with_changes(args=args)


def ast_local_names(tree: ast.AST, qualname: str) -> set[str]:
    """Local names a module binds to ``qualname`` through ``from m import n [as x]`` (any depth)."""
    mod, _, name = qualname.rpartition(".")
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == mod and not node.level:
            for a in node.names:
                if a.name == name:
                    found.add(a.asname or a.name)
    return found


def ast_calls_of(tree: ast.AST, qualname: str):
    """ast Calls that may call ``qualname``: by an imported local name (aliases included) or as an
    attribute ``x.<name>(...)``. A cheap over-approximation for ``Codemod.confirm``."""
    name = qualname.rpartition(".")[2]
    locals_ = ast_local_names(tree, qualname)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if (isinstance(f, ast.Name) and f.id in locals_) or (isinstance(f, ast.Attribute) and f.attr == name):
                yield node
