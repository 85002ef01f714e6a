"""Import tracking and editing for codemods, without libcst's scope / qualified-name metadata.

Resolving libcst's ScopeProvider on every file costs ~10x a plain parse. Codemods only need to know
which names the module imports from where, whether a name is also bound another way (shadowing,
reassignment), and whether an import sits in ``try:`` or is a star import. ``ImportIndex.build``
collects exactly that in one walk.

    index = ImportIndex.build(module)
    index.resolve(node)             # "django.utils.encoding.force_text" for a Name / Attribute node
    index.locals_for("django.utils.encoding.force_text")   # ["force_text"] or ["ft"] (aliases)
    index.unsure_reason("force_text")                       # None, or why a rewrite must not happen
    module = add_from_import(module, "django.utils.encoding", "force_str")
    module = remove_from_import(module, "django.utils.encoding", "force_text")   # if now unused

The parts live in modules of their own, all importable from here: ``codemods.dotted_names``
(``dotted``, ``module_name``, ``parse_dotted``), ``codemods.import_collect`` (the walks that find the
bindings), ``codemods.references`` (``count_references``), ``codemods.import_edit`` (adding and
removing imports) and ``codemods.import_state`` (what is remembered of the file being processed).

When the pipeline hid definitions from libcst (``codemods.elide``), ``ImportIndex.build`` and
``count_references`` of the module add what the hidden code imports, binds and names
(``hidden_definitions``), so a name used only in hidden code still counts as used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from codemods.dotted_names import dotted, module_name, parse_dotted
from codemods.import_collect import AstCollector, Binding, CstCollector
from codemods.import_edit import (
    add_from_import,
    has_from_import,
    insert_index,
    related_insert_index,
    remove_from_import,
    remove_if_unused,
)
from codemods.import_state import (
    MEMO,
    TREE_HINT,
    code_changed,
    file_state,
    hidden,
    hidden_definitions,
    hint_tree,
    hinted_tree,
    memoized,
    release,
    statement_parts,
)
from codemods.references import RefCounter, count_references

# What codemods and tests import from here stays importable from here (``from codemods.imports
# import ...``), the older private names included.
_Collector, _AstCollector, _RefCounter = CstCollector, AstCollector, RefCounter
_MEMO, _TREE_HINT = MEMO, TREE_HINT
_insert_index, _related_insert_index = insert_index, related_insert_index

__all__ = [
    "AstCollector", "Binding", "CstCollector", "ImportIndex", "RefCounter", "add_from_import", "code_changed",
    "count_references", "dotted", "file_state", "has_from_import", "hidden_definitions", "hint_tree",
    "insert_index", "module_name", "parse_dotted", "related_insert_index", "release", "remove_from_import",
    "remove_if_unused",
]


@dataclass
class ImportIndex:
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    star_modules: set[str] = field(default_factory=set)
    other_bound: set[str] = field(default_factory=set)  # names bound NOT by import

    @classmethod
    def build(cls, module: cst.Module) -> "ImportIndex":
        """The index of ``module``. Memoised on the module object: the codemods that run on one
        file in turn share it until one of them changes the tree (a full walk costs as much as a
        transform). Treat the result as read-only."""
        def compute():
            index = cls()
            tree = hinted_tree(module)
            if tree is not None:  # (same answers, a fraction of a libcst walk)
                AstCollector(index).collect(tree, statement_parts())
            else:
                module.visit(CstCollector(index))
            _add_hidden_index(index)
            return index

        return memoized("index", module, compute)

    def remember(self, module: cst.Module) -> None:
        """Make this the index ``build(module)`` answers (a codemod that changed only what it
        knows of the imports says so, instead of a walk of the whole new module)."""
        memoized("index", module, lambda: self)

    # -- questions ---------------------------------------------------------------------------
    def binding(self, local: str) -> Binding | None:
        found = self.bindings.get(local) or []
        return found[0] if len(found) == 1 else None

    def resolve(self, node: cst.BaseExpression) -> str | None:
        """The qualified name a Name/Attribute expression refers to through this module's imports."""
        chain = dotted(node)
        if chain is None:
            return None
        head, _, rest = chain.partition(".")
        b = self.binding(head)
        if b is None:
            return None
        return f"{b.qualname}.{rest}" if rest else b.qualname

    def locals_for(self, qualname: str) -> list[str]:
        """Local names bound (by from-import) to exactly ``qualname``."""
        return [local for local, bs in self.bindings.items() for b in bs if b.qualname == qualname and b.kind == "from"]

    def star_imports(self, module: str) -> bool:
        return module in self.star_modules

    def unsure_reason(self, local: str) -> str | None:
        """Why a rewrite of the local name ``local`` would be unsafe, or None when it is safe."""
        found = self.bindings.get(local) or []
        if not found:
            return None
        if len(found) > 1:
            return f"'{local}' is imported more than once"
        b = found[0]
        if b.in_try:
            return f"'{local}' is imported inside try: (a compatibility shim)"
        if not b.top_level:
            return f"'{local}' is imported inside a function or class"
        if local in self.other_bound:
            return f"'{local}' is also assigned or defined in this module"
        return None


class _BoundNames(set):
    """``other_bound`` of a module with hidden definitions: ``name in`` also asks those (lazily)."""

    def __init__(self, names, hidden):
        super().__init__(names)
        self.hidden = hidden

    def __contains__(self, name) -> bool:
        return set.__contains__(self, name) or self.hidden.binds(name)


def _add_hidden_index(index: "ImportIndex") -> None:
    hidden_parts = hidden()
    if hidden_parts is None:
        return
    part = hidden_parts.import_index()
    for local, found in part.bindings.items():
        index.bindings.setdefault(local, []).extend(found)
    index.star_modules |= part.star_modules
    index.other_bound = _BoundNames(index.other_bound | part.other_bound, hidden_parts)
