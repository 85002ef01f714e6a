"""Counting the bare names of an ``ast`` tree the way ``codemods.imports.count_references`` counts
libcst ``Name`` nodes (used by ``codemods.imports`` and ``codemods.elide``; its own module so that the
two import no cycle)."""

from __future__ import annotations

import ast
from collections import Counter


def ast_name_counts(node: ast.AST) -> Counter:
    """Every bare name under ``node`` the way ``codemods.imports.count_references`` counts libcst
    ``Name`` nodes: names used, bound, defined and declared, not attribute names, keyword-argument
    names or anything in an import statement."""
    counts: Counter = Counter()
    for n in ast.walk(node):
        cls = type(n)
        if cls is ast.Name:
            counts[n.id] += 1
        elif cls is ast.arg:
            counts[n.arg] += 1
        elif cls in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            counts[n.name] += 1
        elif cls is ast.Constant:
            if n.value is None or n.value is True or n.value is False:
                counts[repr(n.value)] += 1
        elif cls is ast.ExceptHandler:
            if n.name:
                counts[n.name] += 1
        elif cls in (ast.Global, ast.Nonlocal):
            counts.update(n.names)
        elif cls.__name__ in ("MatchAs", "MatchStar", "TypeVar", "ParamSpec", "TypeVarTuple"):
            if getattr(n, "name", None):
                counts[n.name] += 1
        elif cls.__name__ == "MatchMapping":
            if n.rest:
                counts[n.rest] += 1
        elif cls.__name__ == "MatchClass":
            counts.update(n.kwd_attrs)
    return counts
