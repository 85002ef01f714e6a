"""The Codemod base class.

A codemod is a class in its own module under ``codemods/catalogue/``. Its class attributes are its
metadata and its docstring is its user documentation (what it does, why, an example, the Django
versions), which ``django-upgrade codemods`` and the README table are generated from::

    class ForceText(Codemod):
        '''Rewrite ``force_text()`` / ``smart_text()`` to ``force_str()`` / ``smart_str()``.

        Why: the ``*_text`` aliases were deprecated in Django 3.0 and removed in 4.0.

        Example::

            from django.utils.encoding import force_text      # before
            from django.utils.encoding import force_str       # after
        '''
        name = "force_text"
        changes = ("force-text", "smart-text")
        available_from = "1.11"
        removed_in = "4.0"
        triggers = ("force_text", "smart_text")
        kinds = frozenset({"python"})
        migrations = True

        def transform(self, module, ctx): ...

Stages (see ``codemods.apply``): a file reaches ``transform`` only when one of ``triggers`` occurs in
its text AND ``confirm(tree, text, ctx)`` accepts the file's ``ast`` tree. ``confirm`` must be cheap
and exact enough that files which will not change rarely reach libcst.

When a codemod is unsure (star import of the name, an import inside ``try:``, a shadowed or
reassigned name, ``**kwargs`` where an argument is renamed, a computed setting) it changes nothing
and calls ``ctx.report(node_or_line, message)`` so the user learns what was left by hand.
"""

from __future__ import annotations

import ast
import contextlib
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from core.pysource import PARSE_ERRORS
from core.pysource import parse as parse_python

if TYPE_CHECKING:  # annotations only: ``fix`` with every result cached never imports libcst
    import libcst as cst

KINDS = ("python", "settings", "template")


@dataclass
class Finding:
    """Something a codemod saw and deliberately left alone (or a note about what it did)."""

    codemod: str
    path: str
    line: int
    message: str

    def as_dict(self) -> dict:
        return {"codemod": self.codemod, "path": self.path, "line": self.line, "message": self.message}


@dataclass
class FileContext:
    path: str  # as given to the engine (relative paths stay relative)
    kind: str  # "python" or "template"
    is_migration: bool = False
    is_settings: bool = False
    target: str | None = None  # the Django feature release the code must run on
    findings: list[Finding] = field(default_factory=list)
    current_codemod: str = ""
    _positions: object = None  # set by the pipeline: a PositionProvider-less line lookup

    def report(self, where, message: str) -> None:
        """Record that something was left alone. ``where``: a line number, a libcst node of the module
        being transformed, or a name (the finding points at its first import, else its first use)."""
        if isinstance(where, int):
            line = where
        elif isinstance(where, str):
            line = self.line_of_name(where)
        else:
            line = self.line_of(where)
        self.findings.append(Finding(self.current_codemod, self.path, line, message))

    def line_of(self, node) -> int:
        lookup = self._positions
        if lookup is None:
            return 0
        try:
            return lookup(node)
        except Exception:  # noqa: BLE001 - a missing position never breaks a rewrite
            return 0

    def line_of_name(self, name: str) -> int:
        lookup = getattr(self._positions, "name", None)
        if lookup is None:
            return 0
        try:
            return lookup(name)
        except Exception:  # noqa: BLE001
            return 0


class Codemod:
    """Base class of every codemod (see the module docstring)."""

    name: ClassVar[str] = ""
    changes: ClassVar[tuple[str, ...]] = ()  # release_data change ids this codemod fixes
    available_from: ClassVar[str] = "1.11"  # first Django release where the NEW code works
    removed_in: ClassVar[str] = ""  # release that removes the OLD code
    # substrings; at least one must occur in the file: ``prefilter`` passes no text without one (the
    # engine asks it only of the texts holding one, codemods.gate)
    triggers: ClassVar[tuple[str, ...]] = ()
    kinds: ClassVar[frozenset[str]] = frozenset({"python"})
    migrations: ClassVar[bool] = True  # may run on historical migrations
    changes_model_state: ClassVar[bool] = False  # needs makemigrations afterwards (step does it)
    prunable: ClassVar[bool] = True  # only changes code containing a trigger: see codemods.prune
    # every change and every decision rests on the statements holding a needle (and on the file's
    # imports and bindings): a function body's other statements may be hidden from it (codemods.elide)
    local_statements: ClassVar[bool] = False
    alias_needles: ClassVar[bool] = True  # the local names of aliased imports of a trigger stay in view too
    modernize: ClassVar[bool] = False  # an opt-in modernisation (fix --modernize), not a deprecation fix
    # False: ``confirm`` only answers early what the transform would do anyway (every codemod test
    # compares with a run that skips it). True: it is part of the rule (a file name, the target, a
    # shape the transform would otherwise report on), and the transform relies on it
    confirm_decides: ClassVar[bool] = False

    def prune_needles(self) -> tuple[str, ...]:
        """Strings one of which occurs in every statement this codemod may change (its triggers)."""
        if not self.prunable or "settings" in self.kinds:
            return ()  # settings modules are small, and their codemods reason about the whole file
        return self.triggers

    # -- stage 1: text prefilter ---------------------------------------------------------------
    def prefilter(self, text: str) -> bool:
        return any(t in text for t in self.triggers)

    # -- stage 2: cheap exact confirmation on the ast tree -------------------------------------
    def confirm(self, tree: ast.Module | None, text: str, ctx: FileContext) -> bool:
        return True

    # -- stage 3: the rewrite ------------------------------------------------------------------
    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        """Python codemods: return the new module (or the same object when nothing changes)."""
        return module

    def transform_text(self, text: str, ctx: FileContext) -> str:
        """Template codemods: return the new text."""
        return text

    # -- documentation ---------------------------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        import inspect  # (only the docs need it)

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return (cls.doc().splitlines() or [""])[0]

    @classmethod
    def metadata(cls) -> dict:
        return {
            "name": cls.name,
            "summary": cls.summary(),
            "changes": list(cls.changes),
            "available_from": cls.available_from,
            "removed_in": cls.removed_in,
            "kinds": sorted(cls.kinds),
            "migrations": cls.migrations,
            "changes_model_state": cls.changes_model_state,
            "triggers": list(cls.triggers),
            "modernize": cls.modernize,
            "doc": cls.doc(),
        }


def dedent(text: str) -> str:
    return textwrap.dedent(text)


def first_line(node: ast.stmt) -> int:
    """A statement's first line, its decorators' included."""
    return min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])


def line_text(lines: list[str], line: int, default: str = "") -> str:
    """What a finding shows of line ``line`` (1-based) of ``lines``: stripped, at most 200 characters;
    ``default`` when there is no such line."""
    return lines[line - 1].strip()[:200] if 0 < line <= len(lines) else default


def line_starts(text: str) -> list[int]:
    """The offset of each line's first character in ``text`` (lines end at "\n"), then one past
    the text's end: line ``n`` (1-based) is ``text[starts[n - 1]:starts[n]]``."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return starts


def parse_quietly(text: str) -> ast.Module | None:
    """``core.pysource.parse(text)`` (no SyntaxWarnings of the user's), or None when it does not parse.
    Inside ``one_parse()``, the tree of the same text is parsed once."""
    held = _ONE_PARSE[-1] if _ONE_PARSE else None
    if held is not None and len(held[0]) == len(text) and held[0] == text:
        return held[1]
    try:
        tree = parse_python(text)
    except PARSE_ERRORS:
        tree = None
    if _ONE_PARSE:
        _ONE_PARSE[-1] = (text, tree)
    return tree


_ONE_PARSE: list = []  # inside ``one_parse()``: [None, or (the text parsed last, its tree or None)]


@contextlib.contextmanager
def one_parse():
    """Within it, ``parse_quietly`` parses a text once: every reader of one file (the detectors of
    removals and of behaviour changes, a custom detector) gets the same tree, which none of them
    changes. Only the last text's tree is held, and it is let go on leaving."""
    _ONE_PARSE.append(None)
    try:
        yield
    finally:
        _ONE_PARSE.pop()


_MEMO = "_dua_walk"  # attribute of a Module tree: [its nodes but itself, {node type: [positions in walk()]}]


def walk(tree: ast.AST):
    """``ast.walk(tree)`` (the same nodes in the same order, but for the ``Load``/``Store``/``Del``
    context markers, which no check asks for and which are a third of the nodes; read ``node.ctx``
    for those), and the node list of a module's tree is
    kept on the tree itself: the confirm() checks of all the codemods that look at one file share a
    single walk (each full walk costs a parse's worth), and it goes when the tree goes (no module-level
    memory of the last file). The memo leaves the tree itself out: no reference cycle, so the tree is
    freed the moment nothing uses it, even while the cyclic collector is paused."""
    memo = getattr(tree, _MEMO, None)
    if memo is not None:
        return (tree, *memo[0])
    nodes = _breadth_first(tree)
    if isinstance(tree, ast.Module):
        setattr(tree, _MEMO, [nodes[1:], None])
    return nodes


def has_walk(tree: ast.AST) -> bool:
    """Whether ``walk(tree)`` has been kept on the tree already (a module's)."""
    return getattr(tree, _MEMO, None) is not None


def nodes_of(tree: ast.AST, *types: type) -> list:
    """The nodes of ``tree`` whose type is one of ``types`` (exact ast classes), in ``walk`` order;
    from an index by type built once per module tree, so a check for imports or calls does not go
    over every node of the file again."""
    memo = getattr(tree, _MEMO, None)
    if memo is None:
        nodes = walk(tree)
        memo = getattr(tree, _MEMO, None)
        if memo is None:  # (not a module: nothing kept)
            return [n for n in nodes if type(n) in types]
    rest, index = memo
    if index is None:
        index = {type(tree): [0]}
        for i, node in enumerate(rest, 1):
            index.setdefault(type(node), []).append(i)
        memo[1] = index
    positions = index.get(types[0], ()) if len(types) == 1 else sorted(i for t in types for i in index.get(t, ()))
    return [rest[i - 1] if i else tree for i in positions]


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


# the fields of a node that hold statements (or ``except`` clauses, or the cases of a ``match``, which
# hold statements in turn), in ``ast.iter_child_nodes`` order
STATEMENT_BLOCKS = ("body", "handlers", "orelse", "finalbody", "cases")


def import_statements(node: ast.AST) -> list:
    """The ``import`` / ``from ... import`` statements in ``node``, at any depth: imports are
    statements, so only the blocks of statements are gone through, not every expression."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        cls = n.__class__
        if cls is ast.Import or cls is ast.ImportFrom:
            out.append(n)
            continue
        for name in STATEMENT_BLOCKS:
            block = getattr(n, name, None)
            if block.__class__ is list:
                stack.extend(block)
    return out


def child_fields(cls: type) -> tuple[str, ...]:
    """The fields of an ``ast`` node class but ``ctx`` (the ``Load``/``Store`` markers no walk here
    needs: a third of all nodes)."""
    fields = _CHILD_FIELDS.get(cls)
    if fields is None:
        fields = _CHILD_FIELDS[cls] = tuple(f for f in cls._fields if f != "ctx")
    return fields


def _breadth_first(tree: ast.AST) -> tuple:
    out = [tree]
    append, node_type = out.append, ast.AST
    for node in out:  # (the list grows as it is read: breadth first, as ast.walk)
        for name in _CHILD_FIELDS.get(node.__class__) or child_fields(node.__class__):
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, node_type):
                        append(item)
            elif isinstance(value, node_type):
                append(value)
    return tuple(out)
