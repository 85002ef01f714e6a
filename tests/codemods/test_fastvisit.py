"""``codemods.fastvisit``: the same hooks on the same nodes in the same order as libcst's walk, the
same trees out of a transformer, and libcst's path for every visitor that is not ours."""

from __future__ import annotations

import textwrap
from pathlib import Path

import libcst as cst
import pytest

from codemods import fastvisit

TRICKY = textwrap.dedent('''\
    from . import *
    from .a import (b as c, d)
    import x.y as z
    @decorator(arg)
    class A(B, metaclass=M):
        x: int = 1
        def f(self, a, /, b=2, *args, c, d=3, **kw) -> "A":
            global g
            return [i for i in range(3) if i] + {k: v for k, v in {}.items()}
    async def h():
        async with a as (b, c):
            await x
        async for i in y:
            yield i
    s = f"{a!r:>{width}} {b} {c:0.2f} {d=}" "plain" r'x'
    match point:
        case (0, 0) | [1, *rest] if rest:
            pass
        case {"x": x, **others}:
            pass
        case Point(x=0, y=_) as p:
            pass
    try:
        pass
    except* ValueError as e:
        raise
    finally:
        del a[1:2, ::3], b.c
    lambda x, *y, **z: (yield)
    with (open(a) as f, open(b) as g):
        print(*a, **b, sep="")
    x = y if z else not w and (a := 1) or ~b ** -c
    ''')


def _sources():
    django = pytest.importorskip("django")
    files = sorted(Path(django.__file__).parent.rglob("*.py"))[::7]
    return [TRICKY, *(p.read_text(encoding="utf-8") for p in files)]


class _Events(cst.CSTTransformer):
    """Every hook call, as (event, node type, id of the node): the order the walk calls them in."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, int]] = []

    def on_visit(self, node) -> bool:
        self.events.append(("visit", type(node).__name__, id(node)))
        return not isinstance(node, cst.Lambda)  # (and a subtree skipped, as a visit_X may ask)

    def on_leave(self, original_node, updated_node):
        self.events.append(("leave", type(original_node).__name__, id(original_node)))
        return updated_node


class _Rewrite(_Events):
    """Renames, removes a statement, flattens one into two, and drops an optional part."""

    def on_leave(self, original_node, updated_node):
        super().on_leave(original_node, updated_node)
        if isinstance(updated_node, cst.Name) and updated_node.value in ("x", "self", "request"):
            return updated_node.with_changes(value=updated_node.value.upper())
        if isinstance(updated_node, cst.Pass):
            return cst.RemoveFromParent()
        if isinstance(updated_node, cst.Return):
            return cst.FlattenSentinel([updated_node, cst.Expr(cst.Name("after_return"))])
        if isinstance(updated_node, cst.AsName):
            return cst.RemoveFromParent()
        return updated_node


class _Look(cst.CSTVisitor):
    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []

    def on_visit(self, node) -> bool:
        self.events.append(("visit", id(node)))
        return not isinstance(node, cst.ClassDef)

    def on_leave(self, original_node) -> None:
        self.events.append(("leave", id(original_node)))


def _libcst(module, visitor):
    fastvisit.uninstall()
    return module.visit(visitor)


def test_a_visitor_sees_what_libcsts_walk_shows_it():
    for source in _sources():
        module = cst.parse_module(source)
        ours, theirs = _Look(), _Look()
        assert fastvisit.walk(module, ours) is module
        _libcst(module, theirs)
        assert ours.events == theirs.events and ours.events


@pytest.mark.parametrize("transformer", [_Events, _Rewrite])
def test_a_transformer_gets_the_same_hooks_and_makes_the_same_tree(transformer):
    changed = 0
    for source in _sources():
        module = cst.parse_module(source)
        ours, theirs = transformer(), transformer()
        new = fastvisit.walk(module, ours)
        expected = _libcst(module, theirs)
        assert ours.events == theirs.events
        assert new.code == expected.code and new.deep_equals(expected)
        if transformer is _Events:
            assert new is module  # (nothing changed: nothing rebuilt)
        changed += new.code != source
    assert changed == 0 if transformer is _Events else changed > 50


def test_unchanged_parts_come_back_as_they_were():
    module = cst.parse_module("def f():\n    return x\n\ndef g():\n    return y\n")
    new = fastvisit.walk(module, _Rewrite())
    assert new.body[1] is not module.body[1]  # (x renamed, return flattened: rebuilt)
    assert new.body[1].body.body[0] is not module.body[1].body.body[0]
    unchanged = cst.parse_module("def g():\n    return y\n\nz = 1\n")
    again = fastvisit.walk(unchanged, _Events())
    assert again is unchanged and again.body[1] is unchanged.body[1]


def test_a_validation_error_is_libcsts():
    class _Bad(cst.CSTTransformer):
        def leave_Name(self, original_node, updated_node):
            return "not a node"

    with pytest.raises(cst.CSTValidationError):
        fastvisit.walk(cst.parse_module("x\n"), _Bad())
    with pytest.raises(TypeError):  # (a required child removed: libcst's own error, from its rebuild)
        fastvisit.walk(cst.parse_module("x = y\n"), type("_Remove", (cst.CSTTransformer,), {
            "leave_Name": lambda self, o, u: cst.RemoveFromParent() if u.value == "y" else u})())


def test_only_our_visitors_without_field_hooks_take_the_walk():
    from codemods.catalogue.datetime_safe import _Strftime
    from codemods.rename import _RenameTransformer

    assert fastvisit._eligible(_RenameTransformer) and fastvisit._eligible(_Strftime)
    assert not fastvisit._eligible(cst.CSTTransformer) and not fastvisit._eligible(_Events)
    with_field_hook = type("_FieldHook", (_RenameTransformer,), {"visit_Call_func": lambda self, node: None})
    assert not fastvisit._eligible(with_field_hook)
    own_attribute_hook = type("_AttrHook", (_RenameTransformer,), {"on_visit_attribute": lambda self, n, a: None})
    assert not fastvisit._eligible(own_attribute_hook)


def test_installed_visit_routes_ours_and_leaves_the_rest_to_libcst(monkeypatch):
    calls = []
    monkeypatch.setattr(fastvisit, "walk", lambda node, visitor: calls.append(visitor) or node)
    fastvisit.install()
    try:
        from codemods.rename import _RenameTransformer

        module = cst.parse_module("x = 1\n")
        ours = _RenameTransformer.__new__(_RenameTransformer)
        module.visit(ours)
        theirs = _Events()
        module.visit(theirs)
    finally:
        fastvisit.uninstall()
    assert calls == [ours] and theirs.events


def test_the_hooks_table_finds_what_getattr_finds():
    class _Mine(cst.CSTTransformer):
        def visit_Name(self, node):
            return False

        def leave_Integer(self, original_node, updated_node):
            return updated_node.with_changes(value="2")

    class _Sub(_Mine):
        def visit_Name(self, node):
            return None

    on_visit, on_leave = fastvisit.hooks(_Mine.on_visit, _Mine.on_leave)
    name, integer = cst.Name("a"), cst.Integer("1")
    assert on_visit(_Mine(), name) is False and on_visit(_Sub(), name) is True and on_visit(_Mine(), integer) is True
    assert on_leave(_Mine(), integer, integer).value == "2" and on_leave(_Mine(), name, name) is name
    _Mine.leave_Integer = lambda self, original_node, updated_node: updated_node.with_changes(value="3")
    assert on_leave(_Mine(), integer, integer).value == "3"  # (a method replaced at run time is called)
    own = lambda self, node: False  # noqa: E731 - a class's own on_visit is kept
    assert fastvisit.hooks(own, _Mine.on_leave)[0] is own


def test_a_pruned_walk_skips_what_the_prune_wrappers_skip():
    """Inert statements (``codemods.prune``) are skipped by the walk itself, exactly as libcst's walk
    through the wrapped hooks skips them: no hook on them, nor below them; a later walk of the same
    visitor from inside the module is pruned too, a fresh visitor's walk of a statement is not."""
    from codemods import prune

    class _Names(cst.CSTTransformer):
        def __init__(self) -> None:
            self.seen: list[str] = []

        def visit_Name(self, node) -> None:
            self.seen.append(node.value)

        def leave_Name(self, original_node, updated_node):
            return updated_node.with_changes(value=updated_node.value.upper())

    prune._wrap(_Names)
    module = cst.parse_module("def f():\n    a = x\n\n\ndef g():\n    b = y\n    c = z\n")
    g = module.body[1]
    inert = {id(g.body.body[0])}

    def run(walker):
        first, second = _Names(), _Names()
        with prune.pruning(inert):
            new = walker(module, first)
            walker(g, first)  # (the same visitor, from inside: pruned as well)
            walker(g, second)  # (a visitor that never walked the module: sees all of g)
        return new.code, first.seen, second.seen

    ours = run(fastvisit.walk)
    theirs = run(_libcst)
    assert ours == theirs
    code, first, second = ours
    assert "b = y" in code and "C = Z" in code and first == ["f", "a", "x", "g", "c", "z", "g", "c", "z"]
    assert second == ["g", "b", "y", "c", "z"]


def test_node_types_are_told_by_class_and_remembered():
    """The walks ask at every field whether its value is a libcst node: by class, from a memo (an
    ``isinstance`` against libcst's abstract base class costs several times a dict lookup)."""
    import libcst as cst

    from codemods.fastvisit import IS_NODE

    class Own(cst.Name):  # (a subclass no walk has met yet)
        pass

    assert Own not in IS_NODE and IS_NODE[Own] is True and Own in IS_NODE
    assert IS_NODE[str] is False and str in IS_NODE
    assert IS_NODE[cst.MaybeSentinel] is False  # (a field's default, not a node)
