"""libcst's walk for the codemods' own visitors and transformers, without rebuilding what is unchanged.

libcst's ``node.visit(visitor)`` rebuilds every node it walks: each node's children are visited and
a new node is constructed from what came back (and validated), even when nothing changed, and even
for a read-only ``CSTVisitor``, whose rebuilt tree is thrown away. For each node and each of its
fields it also builds the names of the ``visit_<Node>_<field>`` hooks and looks them up. On a
rewrite of old code that was a third of the time spent in the codemods' transforms.

``install()`` (the pipeline calls it) routes ``visit`` for the visitor and transformer classes
defined in this package that define no per-field hooks to ``walk``; every other visitor (libcst's
own, anyone else's) takes libcst's path unchanged. ``walk`` calls the same ``on_visit`` /
``on_leave`` hooks on the same nodes, in the same order, as libcst does (the fields of each node type
in the order its ``_visit_and_replace_children`` visits them, found once per type by letting libcst
visit one node with a recording visitor). A node whose children all came back as they were is
returned as it is; when one changed, libcst's own ``_visit_and_replace_children`` rebuilds it from
the children's results (``_Replay`` hands them back in order), so removals, flattening and
validation are exactly libcst's. The one difference: a transformer's ``leave_X(original, updated)``
gets ``updated is original`` where nothing below changed (libcst passes an equal copy).

Each ``visit_X`` / ``leave_X`` is found once per node type and walk (``_dispatch``), not by a name
built for every node, and the statements ``codemods.prune`` marks inert for the current transform
(``INERT``) are skipped by the walk itself, as the hooks ``prune`` wraps around a class would skip
them on libcst's walk.
"""

from __future__ import annotations

import dataclasses
import os
import re
from contextvars import ContextVar

import libcst as cst
from libcst import CSTNode, FlattenSentinel, RemovalSentinel

_LIBCST_VISIT = CSTNode.visit
_FIELD_HOOK = re.compile(r"(visit|leave)_[A-Z][A-Za-z]*_\w+$")
_OWN_PREFIX = "codemods"

_ORDER: dict[type, tuple[str, ...]] = {}  # node type -> the fields libcst visits, in its order


class _Record(cst.CSTVisitor):
    """Notes the fields one node's ``_visit_and_replace_children`` visits, without descending."""

    def __init__(self) -> None:
        self.fields: list[str] = []

    def on_visit(self, node) -> bool:
        return False

    def on_leave(self, original_node) -> None:
        pass

    def on_visit_attribute(self, node, attribute) -> None:
        self.fields.append(attribute)

    def on_leave_attribute(self, original_node, attribute) -> None:
        pass


def _fields(node: CSTNode) -> tuple[str, ...]:
    kind = type(node)
    order = _ORDER.get(kind)
    if order is None:
        record = _Record()
        node._visit_and_replace_children(record)
        order = tuple(record.fields)
        # (a field some nodes visit only when it is set, e.g. an f-string part's format_spec: kept
        # for the type once a node has shown where it goes; until then each node is recorded)
        if all(f.name in order or getattr(node, f.name) is not None for f in dataclasses.fields(kind)):
            _ORDER[kind] = order
    return order


class _NodeTypes(dict):
    """class -> whether it is a libcst node class, found on the first ask (``IS_NODE[type(value)]``)."""

    def __missing__(self, kind: type) -> bool:
        found = self[kind] = issubclass(kind, CSTNode)
        return found


# ``isinstance(value, CSTNode)`` goes through ``ABCMeta`` (libcst's nodes are abstract base classes),
# several times the cost of a dict lookup, at every field of every node the walks pass
IS_NODE = _NodeTypes()


class _Replay(cst.CSTTransformer):
    """Hands a node's children their results from ``walk``, in order, to libcst's rebuild."""

    def __init__(self, results) -> None:
        self.results = iter(results)

    def on_visit(self, node) -> bool:
        return False

    def on_leave(self, original_node, updated_node):
        return next(self.results)

    def on_visit_attribute(self, node, attribute) -> None:
        pass

    def on_leave_attribute(self, original_node, attribute) -> None:
        pass


# the statements the current transform's walks skip (``codemods.prune``: set for one transform)
INERT: ContextVar[frozenset] = ContextVar("dua_inert", default=frozenset())
_MISSING = object()


def walk(node: CSTNode, visitor):
    """``node.visit(visitor)`` for a visitor without per-field hooks (see the module docstring).

    A class ``codemods.prune`` wrapped is walked with its own hooks (``_dua_plain`` on the wrappers),
    and the inert statements are skipped here, as the wrappers would skip them: a walk that starts at
    the module, of a prunable visitor, neither visits an inert node nor calls a hook on it."""
    kind = type(visitor)
    on_visit, on_leave = kind.on_visit, kind.on_leave
    skip = None
    plain_visit, plain_leave = getattr(on_visit, "_dua_plain", None), getattr(on_leave, "_dua_plain", None)
    if plain_visit is not None and plain_leave is not None:
        on_visit, on_leave = plain_visit, plain_leave
        inert = INERT.get()
        if inert:
            if type(node) is cst.Module:
                visitor._dua_whole = True
            if getattr(visitor, "_dua_whole", False) and getattr(visitor, "prunable", True):
                skip = inert
    looking = isinstance(visitor, cst.CSTVisitor)
    visit_of = _dispatch(visitor, "visit") if on_visit is _visitor_on_visit else None
    leave_of = _dispatch(visitor, "leave") if on_leave in (_visitor_on_leave, _transformer_on_leave) else None

    def look(node) -> None:
        if visit_of is not None:
            hook = visit_of(type(node))
            go = hook is None or hook(node) is not False
        else:
            go = on_visit(visitor, node)
        if go:
            for name in _ORDER.get(type(node)) or _fields(node):
                value = getattr(node, name)
                kind = type(value)
                if IS_NODE[kind]:
                    if skip is None or id(value) not in skip:
                        look(value)
                elif kind is tuple or kind is list:
                    for child in value:
                        if skip is None or id(child) not in skip:
                            look(child)
        if leave_of is not None:
            hook = leave_of(type(node))
            if hook is not None:
                hook(node)
        else:
            on_leave(visitor, node)

    def transform(node):
        if visit_of is not None:
            hook = visit_of(type(node))
            go = hook is None or hook(node) is not False
        else:
            go = on_visit(visitor, node)
        updated = node
        if go:
            results, changed = [], False
            for name in _ORDER.get(type(node)) or _fields(node):
                value = getattr(node, name)
                kind = type(value)
                if IS_NODE[kind]:
                    new = value if skip is not None and id(value) in skip else transform(value)
                    results.append(new)
                    changed = changed or new is not value
                elif kind is tuple or kind is list:
                    for child in value:
                        new = child if skip is not None and id(child) in skip else transform(child)
                        results.append(new)
                        changed = changed or new is not child
            if changed:
                updated = node._visit_and_replace_children(_Replay(results))
        if leave_of is not None:
            hook = leave_of(type(node))
            result = updated if hook is None else hook(node, updated)
        else:
            result = on_leave(visitor, node, updated)
        if not IS_NODE[type(result)] and not isinstance(result, (RemovalSentinel, FlattenSentinel)):
            raise cst.CSTValidationError(
                f"Expected a node of type CSTNode or a RemovalSentinel, but got a return value of {type(result).__name__}")
        return result

    # (``look`` and ``transform`` call themselves: each holds itself through its closure, a reference
    # cycle that would keep the visitor, and all it holds of the file, until the cyclic collector runs:
    # not before the file is done, as the pipeline pauses it. The names are dropped on the way out.)
    try:
        if looking:
            look(node)
            return node
        return transform(node)
    finally:
        del look, transform


def _dispatch(visitor, prefix: str):
    """node type -> the visitor's bound ``visit_X`` / ``leave_X``, None for libcst's no-op stub (looked
    up once per type for this walk)."""
    kind, found = type(visitor), {}

    def of(node_type):
        hook = found.get(node_type, _MISSING)
        if hook is _MISSING:
            name = _hook(kind, prefix, node_type)
            hook = found[node_type] = None if name is None else getattr(visitor, name)
        return hook

    return of


def _eligible(kind: type) -> bool:
    """Ours, and no per-field hooks (``walk`` does not call ``on_visit_attribute``)."""
    found = kind.__dict__.get("_dua_walk")
    if found is None:
        base = cst.CSTVisitor if issubclass(kind, cst.CSTVisitor) else cst.CSTTransformer
        found = ((kind.__module__ or "").split(".")[0] == _OWN_PREFIX
                 and kind.on_visit_attribute is base.on_visit_attribute
                 and kind.on_leave_attribute is base.on_leave_attribute
                 and not any(_FIELD_HOOK.match(n) for k in kind.__mro__ if not k.__module__.startswith("libcst")
                             for n in k.__dict__))
        kind._dua_walk = found
    return found


def _libcst_own(function) -> bool:
    return (getattr(function, "__module__", "") or "").startswith("libcst")


# -- the hooks: libcst's on_visit / on_leave build a method name for each node and look it up
_HOOKS: dict[tuple[type, str, type], str | None] = {}  # (visitor class, "visit"/"leave", node type) -> name


def _hook(kind: type, prefix: str, node_type: type) -> str | None:
    """The name of the class's ``visit_X`` / ``leave_X`` for the node type, None where it has only
    libcst's no-op stub (known per class; the method itself is looked up at each call, so a method
    replaced at run time is still the one called)."""
    key = (kind, prefix, node_type)
    try:
        return _HOOKS[key]
    except KeyError:
        name = f"{prefix}_{node_type.__name__}"
        found = getattr(kind, name, None)
        name = _HOOKS[key] = None if found is None or _libcst_own(found) else name
        return name


def _visitor_on_visit(self, node) -> bool:
    name = _hook(type(self), "visit", type(node))
    return name is None or getattr(self, name)(node) is not False


def _visitor_on_leave(self, original_node) -> None:
    name = _hook(type(self), "leave", type(original_node))
    if name is not None:
        getattr(self, name)(original_node)


def _transformer_on_leave(self, original_node, updated_node):
    name = _hook(type(self), "leave", type(original_node))
    return updated_node if name is None else getattr(self, name)(original_node, updated_node)


def hooks(on_visit, on_leave):
    """A class's ``on_visit`` / ``on_leave``, with libcst's defaults replaced by ones that find the
    ``visit_X`` / ``leave_X`` method through a table (same methods, same results: libcst's typed
    no-op stubs answer as if absent); a class's own ``on_visit`` / ``on_leave`` are kept."""
    if on_visit is cst.CSTVisitor.on_visit or on_visit is cst.CSTTransformer.on_visit:
        on_visit = _visitor_on_visit  # (the same for both)
    if on_leave is cst.CSTVisitor.on_leave:
        on_leave = _visitor_on_leave
    elif on_leave is cst.CSTTransformer.on_leave:
        on_leave = _transformer_on_leave
    return on_visit, on_leave


def _visit(self: CSTNode, visitor):
    if _eligible(type(visitor)):
        return walk(self, visitor)
    return _LIBCST_VISIT(self, visitor)


def enabled() -> bool:
    return not os.environ.get("DJANGO_UPGRADE_LIBCST_VISIT")


def install() -> None:
    """Route the codemods' visits through ``walk`` (idempotent)."""
    CSTNode.visit = _visit


def uninstall() -> None:
    """libcst's own ``visit`` again (the tests compare the two)."""
    CSTNode.visit = _LIBCST_VISIT
