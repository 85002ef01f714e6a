"""Lines for findings: which line of the file a codemod's finding is about.

    lookup = line_lookup(module, elision, tree)   # for the module a codemod is given
    lookup(node)                                  # the line of a libcst node of that module
    lookup.name("force_text")                     # the line importing or defining it, else using it

Statements (at the top level and in class and function bodies) take their line from the ``ast`` tree
of the same code, which the pipeline already has; libcst's PositionProvider (a code generation of
the whole module) is computed only for other nodes, once per module. With definitions hidden from
libcst (``codemods.elide``) lines are mapped back to the full file.
"""

from __future__ import annotations

import ast

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from codemods.base import parse_quietly
from codemods.prune import Mismatch, nested_bodies, paired_statements


def line_lookup(module: cst.Module, elision=None, tree: ast.Module | None = None):
    """node -> line in the current code of the whole file. Top-level statements (what settings
    codemods report) take their line from the ``ast`` tree of the same code; other nodes need
    libcst's PositionProvider, which costs a code generation and is computed once, when first asked."""
    cache = {}

    def lookup(node) -> int:
        if "map" not in cache:
            cache["map"] = elision.line_map(module.code) if elision is not None else None
            cache["top"] = _statement_lines(module, tree) if tree is not None else {}
        line = cache["top"].get(id(node))
        if line is None:
            if "positions" not in cache:
                wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
                cache["positions"] = wrapper.resolve(PositionProvider)
            line = cache["positions"][node].start.line
        return cache["map"](line) if cache["map"] is not None else line

    def name(local: str) -> int:
        """The first line importing or defining ``local``, else the first using it (a name or an attribute)."""
        if "full" not in cache:
            code = module.code
            full = elision.expand(code) if elision is not None else code
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
