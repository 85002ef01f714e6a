"""Small helpers for codemods that rewrite calls.

    positional(call)            # the positional cst.Arg list (no * / **)
    keyword(call, "length")     # the cst.Arg passed as length=..., or None
    has_star(call)              # *args or **kwargs present?
    kwarg("length", value)      # a new ``length=value`` cst.Arg
    with_args(call, args)       # the call with ``args``, commas normalised
    rename_keyword(call, "whitelist", "allowlist")
    ast_calls_of(tree, "django.utils.crypto.get_random_string")   # ast.Call nodes calling it
    ast_local_names(tree, qualname)                                 # local expressions bound to it

(Reconstructed after an accidental overwrite; same names and behaviour as the callers expect.)
"""

from __future__ import annotations

import ast
import functools
import re
from typing import Iterator

import libcst as cst
from codemods.base import nodes_of
from codemods.scanned_text import word_start


def positional(call: cst.Call) -> list[cst.Arg]:
    return [a for a in call.args if a.keyword is None and a.star == ""]


def keyword(call: cst.Call, name: str) -> cst.Arg | None:
    for a in call.args:
        if a.keyword is not None and a.keyword.value == name:
            return a
    return None


def has_star(call: cst.Call, stars: tuple[str, ...] = ("*", "**")) -> bool:
    return any(a.star in stars for a in call.args)


def kwarg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )


def with_args(call: cst.Call, args: list[cst.Arg]) -> cst.Call:
    """``call`` with ``args``. Separators copy the call's own layout (one argument per line stays
    one per line); the last argument keeps the original call's trailing comma style."""
    if not args:
        return call.with_changes(args=[])
    trailing = call.args[-1].comma if call.args else cst.MaybeSentinel.DEFAULT
    separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if len(call.args) > 1 and isinstance(call.args[0].comma, cst.Comma):
        separator = call.args[0].comma
    out = []
    for i, a in enumerate(args):
        out.append(a.with_changes(comma=trailing if i == len(args) - 1 else separator))
    return call.with_changes(args=out)


def rename_keyword(call: cst.Call, old: str, new: str) -> cst.Call:
    args = [a.with_changes(keyword=cst.Name(new)) if a.keyword is not None and a.keyword.value == old else a
            for a in call.args]
    return call.with_changes(args=args)


# -- ast side (stage-2 confirmation) --------------------------------------------------------------

def ast_dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for an ast Name/Attribute chain, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _import_pairs(tree: ast.AST) -> tuple[list[tuple[str, str]], set[str]]:
    """(local name, qualified name) for every import in the tree, in walk order, and the star-imported
    modules (relative imports, which never resolve to an absolute name, are left out)."""
    pairs: list[tuple[str, str]] = []
    stars: set[str] = set()
    for node in nodes_of(tree, ast.ImportFrom, ast.Import):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                if a.name == "*":
                    stars.add(node.module)
                else:
                    pairs.append((a.asname or a.name, f"{node.module}.{a.name}"))
        elif isinstance(node, ast.Import):
            for a in node.names:
                head = a.name.split(".")[0]
                pairs.append((a.asname, a.name) if a.asname else (head, head))
    return pairs, stars


def _ast_bindings(tree: ast.AST) -> tuple[dict[str, str], set[str]]:
    """local name -> qualified name for every import in the tree (the last, for a name imported
    twice), and the star-imported modules."""
    pairs, stars = _import_pairs(tree)
    return dict(pairs), stars


def ast_import_targets(tree: ast.AST) -> tuple[dict[str, set[str]], set[str]]:
    """local name -> every qualified name an import anywhere in ``tree`` binds it to (a name imported
    twice, in ``try:`` / ``except ImportError:``, has both), and the star-imported modules. For the
    confirmations that must say yes wherever the import index might resolve a name."""
    pairs, stars = _import_pairs(tree)
    targets: dict[str, set[str]] = {}
    for local, qual in pairs:
        targets.setdefault(local, set()).add(qual)
    return targets, stars


def may_resolve_to(chain: str | None, targets: dict[str, set[str]], stars: set[str], qualnames) -> bool:
    """Whether the dotted name ``chain`` may refer to one of ``qualnames`` through ``ast_import_targets``."""
    if chain is None:
        return False
    head, _, rest = chain.partition(".")
    for q in targets.get(head, ()):
        if (f"{q}.{rest}" if rest else q) in qualnames:
            return True
    return not rest and any(q.rpartition(".")[2] == head and q.rpartition(".")[0] in stars for q in qualnames)


def _resolves_to(chain: str | None, bound: dict[str, str], stars: set[str], qualname: str) -> bool:
    if chain is None:
        return False
    head, _, rest = chain.partition(".")
    if head in bound:
        q = bound[head]
        return (f"{q}.{rest}" if rest else q) == qualname
    mod, _, name = qualname.rpartition(".")
    return not rest and head == name and mod in stars


def ast_local_names(tree: ast.AST, qualname: str) -> set[str]:
    """The local expressions (``Signal``, ``dispatch.Signal``, ...) used in ``tree`` that refer to
    ``qualname`` through its imports (or may, through a star import of its module)."""
    bound, stars = _ast_bindings(tree)
    found = set()
    for node in nodes_of(tree, ast.Name, ast.Attribute):
        chain = ast_dotted(node)
        if _resolves_to(chain, bound, stars, qualname):
            found.add(chain)
    return found


_CALLS_MEMO = "_dua_calls"  # attribute of a Module tree: its calls by the name their callee resolves to


def _calls_index(tree: ast.AST):
    """({qualified name: [(position, call)]}, {bare unbound name: [(position, call)]}, star-imported
    modules) of every call in ``tree``, built once per module tree and kept on it (like ``walk``'s memo:
    only the tree's own nodes, so no reference cycle), so each codemod's ``confirm`` is a lookup."""
    memo = getattr(tree, _CALLS_MEMO, None)
    if memo is not None:
        return memo
    bound, stars = _ast_bindings(tree)
    by_qual: dict[str, list] = {}
    by_bare: dict[str, list] = {}
    for pos, node in enumerate(nodes_of(tree, ast.Call)):
        chain = ast_dotted(node.func)
        if chain is None:
            continue
        head, _, rest = chain.partition(".")
        if head in bound:
            q = bound[head]
            by_qual.setdefault(f"{q}.{rest}" if rest else q, []).append((pos, node))
        elif not rest and stars:
            by_bare.setdefault(head, []).append((pos, node))
    memo = (by_qual, by_bare, stars)
    if isinstance(tree, ast.Module):
        setattr(tree, _CALLS_MEMO, memo)
    return memo


def ast_calls_of(tree: ast.AST, qualname: str) -> Iterator[ast.Call]:
    """The ``ast.Call`` nodes whose callee refers to ``qualname`` through the module's imports
    (including a bare name that may come from ``from module import *``), in ``walk`` order."""
    by_qual, by_bare, stars = _calls_index(tree)
    found = by_qual.get(qualname, [])
    mod, _, name = qualname.rpartition(".")
    if mod in stars and name in by_bare:
        found = sorted([*found, *by_bare[name]], key=lambda pair: pair[0])
    for _, node in found:
        yield node


def ast_imports_or_uses(tree: ast.AST, modules, names, attributes: bool = True) -> bool:
    """A cheap ``confirm`` check: ``from <module> import <name>`` (or ``*``) for one of ``modules``,
    or - with ``attributes`` - attribute access ``x.<name>``."""
    modules, names = set(modules), set(names)
    for node in nodes_of(tree, ast.ImportFrom, ast.Attribute) if attributes else nodes_of(tree, ast.ImportFrom):
        if isinstance(node, ast.ImportFrom) and node.module in modules and not node.level:
            if any(a.name in names or a.name == "*" for a in node.names):
                return True
        elif attributes and isinstance(node, ast.Attribute) and node.attr in names:
            return True
    return False


@functools.lru_cache(maxsize=None)
def _call_re(names: tuple[str, ...]):
    if all(n.isidentifier() for n in names):
        alt = "|".join(word_start(n) for n in names)  # (\bNAME, searched faster)
        return re.compile(rf"(?:{alt})\b(?:[\s\\]*\(|\s+as\s)")
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"\b(?:{alt})\b(?:[\s\\]*\(|\s+as\s)")


def may_call(text: str, *names: str) -> bool:
    """A text-level necessary condition of ``ast_calls_of``: one of ``names`` written as a call
    (``name(``, ``mod.name(``) or imported under an alias (``name as``). Lets ``prefilter`` skip
    files that only mention the name; a parenthesised callee (``(name)(x)``) is not seen."""
    return any(n in text for n in names) and bool(_call_re(tuple(sorted(names))).search(text))


def may_call_any(text: str, qualnames) -> bool:
    """A text-level necessary condition of ``ast_calls_of(tree, q)`` finding a call for one of
    ``qualnames``: its name written as a call or imported under an alias (``may_call``), in a file
    that writes the last part of its module (``urls`` for ``django.conf.urls.include``), as every
    import that could bind it does (``from django.conf.urls import include``, ``import django.urls``,
    ``from django.conf import urls``, a star import of the module)."""
    names = []
    for q in qualnames:
        module, _, name = q.rpartition(".")
        if name in text and module.rpartition(".")[2] in text:
            names.append(name)
    return bool(names) and may_call(text, *names)
