"""What the import helpers remember about the file being processed (``codemods.imports``,
``codemods.references``): one-entry memos keyed by the libcst module, the ``ast`` tree the pipeline
hinted for it, and the definitions ``codemods.elide`` hid from libcst. The pipeline gives each file
a fresh ``FileState`` (``file_state()``); nothing of one file outlives it or leaks to another.

    with file_state():
        hint_tree(module, ast_tree)          # ``hinted_tree(module)`` answers ast_tree from now on
        with hidden_definitions(elision):    # ``hidden()`` answers the elision's definitions
            memoized("index", module, compute)
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

import libcst as cst


class FileState:
    """What the import helpers remember about the file being processed: the one-entry memos keyed by
    the libcst module (``memoized``), the ast tree hinted by the pipeline, the hidden definitions.
    The pipeline gives each file a fresh one (``file_state()``); outside it, a process-wide default."""

    def __init__(self):
        self.memo: dict[str, tuple[object, object]] = {}
        self.tree_hint: dict[str, tuple[object, object]] = {}
        self.hidden: dict[str, object] = {}
        # id(top-level ast statement) -> (statement, what it imports and binds): kept across the
        # codemods of the file (a rewrite reparses only the statements it changed: codemods.reparse)
        self.statements: dict[int, tuple[object, object]] = {}


_DEFAULT = FileState()
_STATE: ContextVar[FileState] = ContextVar("dua_import_state", default=_DEFAULT)


@contextmanager
def file_state():
    """A fresh ``FileState`` for one file (nothing of it outlives the file, nor leaks to another)."""
    token = _STATE.set(FileState())
    try:
        yield
    finally:
        _STATE.reset(token)


class _Current:
    """One dict of the current ``FileState`` (``MEMO``, ``TREE_HINT``, ``HIDDEN`` below)."""

    def __init__(self, attr: str):
        self._attr = attr

    def _dict(self) -> dict:
        return getattr(_STATE.get(), self._attr)

    def get(self, key, default=None):
        return self._dict().get(key, default)

    def clear(self) -> None:
        self._dict().clear()

    def __getitem__(self, key):
        return self._dict()[key]

    def __setitem__(self, key, value) -> None:
        self._dict()[key] = value

    def __contains__(self, key) -> bool:
        return key in self._dict()

    def __bool__(self) -> bool:
        return bool(self._dict())


MEMO = _Current("memo")
TREE_HINT = _Current("tree_hint")
HIDDEN = _Current("hidden")


@contextmanager
def hidden_definitions(elision):
    """While the pipeline works on a file whose definitions ``codemods.elide`` hid from libcst
    (``elision``; None: nothing hidden), ``ImportIndex.build`` and ``count_references`` of a whole
    module include what the hidden definitions import, bind and name."""
    HIDDEN.clear()
    if elision is not None:
        HIDDEN["elision"] = elision
    try:
        yield
    finally:
        HIDDEN.clear()


def hidden():
    """The hidden definitions (``codemods.elide.HiddenDefinitions``) of the current file, or None."""
    elision = HIDDEN.get("elision")
    if elision is None:
        return None
    if "parts" not in HIDDEN:
        HIDDEN["parts"] = elision.definitions()
    return HIDDEN["parts"]


def release() -> None:
    """Forget all of the current file (the codemods are done with it): the memos, the hinted tree,
    the hidden definitions and the statements' parts each hold a tree of it, which the pipeline lets
    go before it parses the rewritten text whole."""
    state = _STATE.get()
    state.memo.clear()
    state.tree_hint.clear()
    state.hidden.clear()
    state.statements.clear()


def statement_parts() -> dict | None:
    """``FileState.statements`` of the file being processed; None outside ``file_state()`` (nothing
    is remembered of a file given alone)."""
    state = _STATE.get()
    return None if state is _DEFAULT else state.statements


def code_changed(module: cst.Module, tree) -> None:
    """A codemod changed the file: ``module`` is its code now and ``tree`` that code's ``ast`` (None:
    to be parsed afresh). What the helpers remember of the older trees goes: the memos and the hint,
    and the statements kept by ``statement_parts`` when the tree will be parsed afresh (it shares no
    statement with the old one, which they would keep in memory alongside it)."""
    MEMO.clear()
    TREE_HINT.clear()
    if tree is not None:
        hint_tree(module, tree)
        return
    parts = statement_parts()
    if parts:
        parts.clear()


def hint_tree(module: cst.Module, tree) -> None:
    """Tell the import tracker that ``tree`` (an ``ast.Module``) is the parse of exactly ``module``'s
    code, so ``ImportIndex.build(module)`` can walk the much cheaper ast tree."""
    TREE_HINT["tree"] = (module, tree)


def hinted_tree(module: cst.Module):
    """The ast tree of ``module``'s code when the pipeline hinted it: for the hinted module itself, or
    for a copy a codemod's first transformer made of it without changing it (a libcst transform
    always returns a new module; pruned statements come back as the very same objects, the others
    are compared structurally)."""
    hint = TREE_HINT.get("tree")
    if hint is None:
        return None
    hinted, tree = hint
    if hinted is module:
        return tree
    if not isinstance(module, cst.Module) or len(hinted.body) != len(module.body):
        return None
    pairs = [*zip(hinted.body, module.body), *zip(hinted.header, module.header), *zip(hinted.footer, module.footer)]
    if len(hinted.header) != len(module.header) or len(hinted.footer) != len(module.footer):
        return None
    if all(a is b or a.deep_equals(b) for a, b in pairs):
        return tree
    return None


def memoized(kind: str, module: cst.CSTNode, compute):
    """A one-entry cache per kind, keyed by the identity of the (immutable) libcst module."""
    hit = MEMO.get(kind)
    if hit is not None and hit[0] is module:
        return hit[1]
    value = compute()
    MEMO[kind] = (module, value)
    return value
