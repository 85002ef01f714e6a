"""Lines for findings: which line of the file a codemod's finding is about.

    lookup = line_lookup(module, elision, tree)   # for the module a codemod is given
    lookup(node)                                  # the line of a libcst node of that module
    lookup.name("force_text")                     # the line importing or defining it, else using it

Statements (at the top level and in class and function bodies) take their line from the ``ast`` tree
of the same code, which the pipeline already has. Any other node takes it from the innermost such
statement that holds it: the statement's line plus the node's offset in that statement's own code
(libcst's PositionProvider over that one statement; the statements a pruned transform skipped are
not searched). Only when that fails is PositionProvider computed for the whole module (a code
generation with positions: on a large module, tens of times the cost), once per module. With
definitions hidden from libcst (``codemods.elide``) lines are mapped back to the full file.
"""

from __future__ import annotations

import ast
import dataclasses

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from codemods.base import parse_quietly
from codemods.prune import Mismatch, current_inert, nested_bodies, paired_statements


def line_lookup(module: cst.Module, elision=None, tree: ast.Module | None = None, code: str | None = None):
    """node -> line in the current code of the whole file. Top-level statements (what settings
    codemods report) take their line from the ``ast`` tree of the same code; other nodes need
    libcst's PositionProvider, which costs a code generation and is computed once, when first asked.
    ``code``: the module's code when the caller has it (``module.code`` is a code generation)."""
    cache = {}

    def lookup(node) -> int:
        if "map" not in cache:
            cache["map"] = elision.line_map(module.code if code is None else code) if elision is not None else None
            cache["top"] = _statement_lines(module, tree) if tree is not None else {}
        line = cache["top"].get(id(node))
        if line is None and "positions" not in cache:
            line = _line_in_statement(module, node, cache["top"])
        if line is None:
            if "positions" not in cache:
                wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
                cache["positions"] = wrapper.resolve(PositionProvider)
            line = cache["positions"][node].start.line
        return cache["map"](line) if cache["map"] is not None else line

    def name(local: str) -> int:
        """The first line importing or defining ``local``, else the first using it (a name or an attribute)."""
        if "full" not in cache:
            text = module.code if code is None else code
            full = elision.expand(text) if elision is not None else text
            cache["full"] = parse_quietly(full) if full is not None else None
        tree = cache["full"]
        if tree is None:
            return 0
        imported = used = None
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for a in node.names:
                    bound = a.asname or (a.name.split(".")[0] if isinstance(node, ast.Import) else a.name)
                    if bound == local and (imported is None or node.lineno < imported):
                        imported = node.lineno
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == local:
                if imported is None or node.lineno < imported:
                    imported = node.lineno
            elif (isinstance(node, ast.Name) and node.id == local) or (isinstance(node, ast.Attribute) and node.attr == local):
                if used is None or node.lineno < used:
                    used = node.lineno
        return imported or used or 0

    lookup.name = name
    return lookup


def _statement_lines(module: cst.Module, tree: ast.Module) -> dict[int, int]:
    """id(statement, or small statement of a statement line) -> its first line, for the statements at
    the top level and in class and function bodies, when libcst's and ast's statements line up."""
    lines: dict[int, int] = {}
    try:
        _map_statements(module.body, tree.body, lines)
    except Mismatch:
        return {}
    return lines


def _map_statements(body, ast_body, lines: dict[int, int]) -> None:
    for stmt, group in paired_statements(body, ast_body):
        lines[id(stmt)] = group[0].lineno
        if isinstance(stmt, cst.SimpleStatementLine):
            for small, node in zip(stmt.body, group):
                lines[id(small)] = node.lineno
        inner = nested_bodies(stmt, group)
        if inner is not None:
            _map_statements(*inner, lines)


def _line_in_statement(module: cst.Module, node, top: dict[int, int]) -> int | None:
    """``node``'s line from the innermost mapped statement holding it, or None (not found)."""
    if not top:
        return None
    try:
        anchor = _anchor(module.body, node, current_inert(), top)
        if anchor is None:
            return None
        sub = cst.Module(body=[anchor], default_indent=module.default_indent,
                         default_newline=module.default_newline)
        positions = MetadataWrapper(sub, unsafe_skip_copy=True).resolve(PositionProvider)
        return top[id(anchor)] + positions[node].start.line - positions[anchor].start.line
    except Exception:  # noqa: BLE001 - (then the whole module's positions)
        return None


def _anchor(body, node, inert, top: dict[int, int]):
    for stmt in body:
        if id(stmt) in inert or id(stmt) not in top:
            continue
        block = stmt.body if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)) else None
        if isinstance(block, cst.IndentedBlock):
            found = _anchor(block.body, node, inert, top)
            if found is not None:
                return found
        if _holds(stmt, node, skip=block):
            return stmt
    return None


_FIELDS: dict[type, tuple[str, ...]] = {}


def _holds(root, node, skip=None) -> bool:
    """Whether ``node`` is ``root`` or below it (not looking below ``skip``)."""
    stack = [root]
    while stack:
        n = stack.pop()
        if n is node:
            return True
        if n is skip:
            continue
        cls = n.__class__
        names = _FIELDS.get(cls)
        if names is None:
            names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
        for name in names:
            value = getattr(n, name)
            if isinstance(value, cst.CSTNode):
                stack.append(value)
            elif value.__class__ in (tuple, list):
                stack.extend(v for v in value if isinstance(v, cst.CSTNode))
    return False
