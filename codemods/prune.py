"""Skip the parts of a file a codemod cannot touch, so libcst visits only what matters.

A libcst transform walks every node of the file; on a large test module that is most of the cost,
although the one call to rewrite sits in three lines. A codemod only ever changes code whose text
contains one of its trigger strings (or a local alias of an imported trigger name), so before each
transform the pipeline marks the statements - top-level ones, and those inside class and function
bodies - whose source lines contain none of them as *inert*, and the codemods' transformers skip inert
statements' children.

How: ``prepare_own_transformers`` wraps ``on_visit``/``on_leave`` of the transformer and visitor
classes defined in this package (never libcst's own classes: other users of libcst in the process
are not affected), and ``pruning(inert)`` sets the statements to skip for one transform, in a
context variable.

The statement line spans come from the ``ast`` tree the pipeline already has: libcst's module body
corresponds to ast's statement by statement (a ``SimpleStatementLine`` of ``n`` small statements to
``n`` ast statements). If the two ever disagree, nothing is marked and the file is visited whole.

Analysis visitors that must see the whole module (import tracking, reference counting) set
``prunable = False``; a codemod whose transform needs a whole-module view sets ``prunable = False``
on its class. ``DJANGO_UPGRADE_NO_PRUNE=1`` turns pruning off (the tests compare both).
"""

from __future__ import annotations

import ast
import os
import weakref
from contextlib import contextmanager
from contextvars import ContextVar

import libcst as cst

from codemods import fastvisit
from codemods.base import first_line, import_statements

_COMPOUND = {
    cst.FunctionDef: (ast.FunctionDef, ast.AsyncFunctionDef),
    cst.ClassDef: (ast.ClassDef,),
    cst.If: (ast.If,),
    cst.For: (ast.For, ast.AsyncFor),
    cst.While: (ast.While,),
    cst.Try: (ast.Try,),
    cst.With: (ast.With, ast.AsyncWith),
}


def enabled() -> bool:
    return not os.environ.get("DJANGO_UPGRADE_NO_PRUNE")


# The statements the current transform must skip: set by the pipeline for the duration of one
# codemod's transform of one file (``pruning``), read by the wrapped methods below. A context
# variable, not a module-level set: nested or concurrent runs (threads) each see their own.
_CURRENT_INERT: ContextVar[frozenset] = fastvisit.INERT  # (its walk skips them too)

_OWN_PREFIX = "codemods"  # only the transformers and visitors defined in this package are wrapped


def _wrap(cls) -> None:
    """Make ``cls`` (a CSTTransformer or CSTVisitor subclass of ours) skip inert nodes whole: neither
    their visit_X/leave_X methods nor their children run (so visitors that push in visit_ClassDef
    and pop in leave_ClassDef stay balanced). The class's own methods are wrapped, never libcst's.

    Only a walk that started at the module is pruned (the codemod's own transform): a helper that
    reads one node while the transform runs (the names a method's body uses, say) sees all of it."""
    original_visit, original_leave = fastvisit.hooks(cls.on_visit, cls.on_leave)
    if not getattr(original_visit, "_dua_pruning", False):
        def on_visit(self, node):
            inert = _CURRENT_INERT.get()
            if inert:
                if type(node) is cst.Module:
                    self._dua_whole = True
                elif id(node) in inert and getattr(self, "_dua_whole", False) and getattr(self, "prunable", True):
                    return False
            return original_visit(self, node)

        on_visit._dua_pruning = True
        on_visit._dua_plain = original_visit  # (what codemods.fastvisit's walk calls: it skips by itself)
        cls.on_visit = on_visit
    if not getattr(original_leave, "_dua_pruning", False):
        def on_leave(self, original_node, *updated):  # (a transformer's: and the updated node)
            inert = _CURRENT_INERT.get()
            if inert and id(original_node) in inert and getattr(self, "_dua_whole", False) \
                    and getattr(self, "prunable", True):
                return updated[0] if updated else None
            return original_leave(self, original_node, *updated)

        on_leave._dua_pruning = True
        on_leave._dua_plain = original_leave
        cls.on_leave = on_leave


_SEEN: "weakref.WeakSet" = weakref.WeakSet()  # classes already looked at (wrapped, or not ours)


def prepare_own_transformers() -> None:
    """Wrap the codemods' own transformer and visitor classes (subclasses of libcst's, defined in
    this package) for pruning; libcst's classes, and everyone else's subclasses of them, are left
    alone. Cheap when nothing new was imported; classes created inside a ``transform`` call are
    simply not pruned (correct, only slower)."""
    stack = [cst.CSTTransformer, cst.CSTVisitor]
    while stack:
        base = stack.pop()
        for sub in base.__subclasses__():
            stack.append(sub)
            if sub in _SEEN:
                continue
            _SEEN.add(sub)
            module = getattr(sub, "__module__", "") or ""
            if module == _OWN_PREFIX or module.startswith(_OWN_PREFIX + "."):
                _wrap(sub)


def line_span(nodes: list[ast.stmt]) -> tuple[int, int]:
    """(first line, decorators included; last line) of consecutive ``ast`` statements."""
    start = min(first_line(n) for n in nodes)
    return start, max(n.end_lineno or n.lineno for n in nodes)


class Mismatch(Exception):
    """libcst's and ast's statements do not line up."""


def paired_statements(cst_body, ast_body):
    """(libcst statement, its ast statements) for a body: a ``SimpleStatementLine`` of ``n`` small
    statements has ``n``, any other statement one. Raises ``Mismatch`` when they do not line up."""
    i = 0
    for stmt in cst_body:
        n = len(stmt.body) if isinstance(stmt, cst.SimpleStatementLine) else 1
        group = ast_body[i:i + n]
        if len(group) != n:
            raise Mismatch
        if n == 1 and not isinstance(stmt, cst.SimpleStatementLine):
            expected = next((a for c, a in _COMPOUND.items() if isinstance(stmt, c)), None)
            if expected is not None and not isinstance(group[0], expected):
                raise Mismatch
        i += n
        yield stmt, group
    if i != len(ast_body):
        raise Mismatch


def nested_bodies(stmt, group):
    """(libcst body, ast body) inside a class or function with an indented body, else None."""
    if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)) and isinstance(stmt.body, cst.IndentedBlock):
        return stmt.body.body, group[0].body
    return None


def _mark(cst_body, ast_body, lines: list[str], needles: tuple[str, ...], out: set[int]) -> None:
    for stmt, group in paired_statements(cst_body, ast_body):
        start, end = line_span(group)
        text = "".join(lines[start - 1:end])
        if not any(needle in text for needle in needles):
            out.add(id(stmt))
            continue
        inner = nested_bodies(stmt, group)
        if inner is not None:
            _mark(*inner, lines, needles, out)


def needles_for(codemod, tree: ast.Module, aliases=None) -> tuple[str, ...]:
    """The codemod's trigger strings plus the local aliases of imported names that contain one.
    ``aliases``: ``import_aliases(tree)``, when the caller already has it (one walk per tree)."""
    base = tuple(t for t in codemod.prune_needles() if t)
    if not base:
        return ()
    if aliases is None:
        aliases = import_aliases(tree)
    if not getattr(codemod, "alias_needles", True):  # (its rewrite of an aliased import is on the import line)
        return base
    extra = [asname for name, asname in aliases if any(t in name for t in base)]
    return base + tuple(extra)


def import_aliases(tree: ast.Module) -> tuple[tuple[str, str], ...]:
    """(imported name, local alias) of every ``import ... as`` in the tree."""
    return tuple((a.name, a.asname) for node in import_statements(tree) for a in node.names if a.asname)


def inert_statements(module: cst.Module, tree: ast.Module, text: str, needles: tuple[str, ...]) -> set[int]:
    """ids of the statements of ``module`` that contain none of ``needles`` (empty when unsure)."""
    if not needles:
        return set()
    out: set[int] = set()
    try:
        _mark(module.body, tree.body, text.splitlines(keepends=True), needles, out)
    except (Mismatch, AttributeError, ValueError, TypeError):
        return set()
    return out


def current_inert() -> frozenset:
    """The ids of the statements the transform running now skips (empty outside ``pruning``)."""
    return _CURRENT_INERT.get()


@contextmanager
def pruning(inert):
    """While a codemod transforms one file: our transformers skip the statements in ``inert`` (ids)."""
    token = _CURRENT_INERT.set(frozenset(inert))
    try:
        yield
    finally:
        _CURRENT_INERT.reset(token)
