"""codemods.imports: ImportIndex questions and the import editing helpers."""

import libcst as cst
import pytest

from codemods.imports import (
    ImportIndex,
    add_from_import,
    count_references,
    remove_from_import,
    remove_if_unused,
)


def _index(src: str) -> tuple[cst.Module, ImportIndex]:
    module = cst.parse_module(src)
    return module, ImportIndex.build(module)


def _expr(src: str) -> cst.BaseExpression:
    return cst.parse_expression(src)


# -- ImportIndex -------------------------------------------------------------------------------

def test_resolve_from_import_alias_and_module_attribute():
    _, index = _index(
        "from django.utils.encoding import force_text as ft\n"
        "from django.utils import encoding\n"
        "import django.db.models\n"
        "import os.path as osp\n"
    )
    assert index.resolve(_expr("ft")) == "django.utils.encoding.force_text"
    assert index.resolve(_expr("encoding.smart_text")) == "django.utils.encoding.smart_text"
    assert index.resolve(_expr("django.db.models.F")) == "django.db.models.F"
    assert index.resolve(_expr("osp.join")) == "os.path.join"
    assert index.resolve(_expr("unknown.thing")) is None
    assert index.resolve(_expr("f()")) is None


def test_resolve_relative_import():
    _, index = _index("from .models import Book\nfrom .. import utils\n")
    assert index.resolve(_expr("Book")) == ".models.Book"
    assert index.resolve(_expr("utils.x")) == "..utils.x"


def test_locals_for_lists_from_import_names_only():
    _, index = _index(
        "from django.utils.encoding import force_text, force_text as ft\nimport django.utils.encoding\n"
    )
    assert sorted(index.locals_for("django.utils.encoding.force_text")) == ["force_text", "ft"]
    assert index.locals_for("django.utils.encoding") == []
    assert index.locals_for("django.utils.encoding.smart_text") == []


def test_unsure_reason_cases():
    _, index = _index(
        "from a import ok\n"
        "try:\n    from a import tried\nexcept ImportError:\n    pass\n"
        "def f():\n    from a import inner\n"
        "from a import shadowed\nshadowed = 1\n"
        "from a import twice\nfrom b import twice\n"
    )
    assert index.unsure_reason("ok") is None
    assert index.unsure_reason("not_imported") is None
    assert "try" in index.unsure_reason("tried")
    assert "function or class" in index.unsure_reason("inner")
    assert "assigned or defined" in index.unsure_reason("shadowed")
    assert "more than once" in index.unsure_reason("twice")


@pytest.mark.parametrize("binding", ["def ok(): pass", "class ok: pass", "for ok in x: pass",
                                     "with x as ok: pass", "def g(ok): pass", "(ok := 1)"])
def test_unsure_reason_other_bindings(binding):
    _, index = _index(f"from a import ok\n{binding}\n")
    assert index.unsure_reason("ok") is not None


def test_star_imports():
    _, index = _index("from django.utils.encoding import *\nfrom x import y\n")
    assert index.star_imports("django.utils.encoding")
    assert not index.star_imports("x")


def test_count_references_ignores_imports_attributes_and_keywords():
    module = cst.parse_module("from a import b\nx = b(b=1) + obj.b + b\n")
    assert count_references(module, "b") == 2


# -- add_from_import ---------------------------------------------------------------------------

def test_add_merges_into_existing_import():
    module = cst.parse_module("from django.urls import path\nx = 1\n")
    assert add_from_import(module, "django.urls", "re_path").code == "from django.urls import path, re_path\nx = 1\n"


def test_add_merges_into_parenthesised_import_keeping_layout():
    src = "from django.urls import (\n    include,\n    path,\n)\n"
    out = add_from_import(cst.parse_module(src), "django.urls", "re_path").code
    assert out == "from django.urls import (\n    include,\n    path,\n    re_path,\n)\n"


def test_add_existing_is_unchanged():
    module = cst.parse_module("from functools import wraps\n")
    assert add_from_import(module, "functools", "wraps") is module


def test_add_places_new_import_next_to_related_group():
    src = "import os\n\nfrom django.db import models\nfrom django.utils import timezone\n\nfrom .models import A\n\nX = 1\n"
    out = add_from_import(cst.parse_module(src), "django.urls", "path").code
    assert out == ("import os\n\nfrom django.db import models\nfrom django.urls import path\n"
                   "from django.utils import timezone\n\nfrom .models import A\n\nX = 1\n")


def test_add_after_docstring_when_no_imports():
    out = add_from_import(cst.parse_module('"""Doc."""\nX = 1\n'), "functools", "wraps").code
    assert out == '"""Doc."""\nfrom functools import wraps\nX = 1\n'


def test_replacing_the_only_import_add_first_keeps_spacing():
    module = add_from_import(cst.parse_module("from a import b\n\n\nX = b\n"), "c", "b")
    assert remove_from_import(module, "a", "b").code == "from c import b\n\n\nX = b\n"


# -- remove_from_import ------------------------------------------------------------------------

def test_remove_one_of_several_names():
    out = remove_from_import(cst.parse_module("from a import b, c, d\n"), "a", "c").code
    assert out == "from a import b, d\n"


def test_remove_last_name_of_parenthesised_import():
    out = remove_from_import(cst.parse_module("from a import (\n    b,\n    c,\n)\n"), "a", "c").code
    assert out == "from a import (\n    b,\n)\n"


def test_remove_alias_only_matching_asname():
    src = "from a import b as x, b\n"
    assert remove_from_import(cst.parse_module(src), "a", "b", asname="x").code == "from a import b\n"
    assert remove_from_import(cst.parse_module(src), "a", "b").code == "from a import b as x\n"


def test_remove_whole_line_in_the_middle_keeps_spacing_and_moves_comments():
    src = "import os\n# why\nfrom a import b\n\nX = 1\n"
    assert remove_from_import(cst.parse_module(src), "a", "b").code == "import os\n# why\n\nX = 1\n"


def test_remove_first_statement_leaves_no_leading_blank_lines():
    out = remove_from_import(cst.parse_module("from a import b\n\n\nX = 1\n"), "a", "b").code
    assert out == "X = 1\n"


def test_remove_first_statement_keeps_comment_below():
    out = remove_from_import(cst.parse_module("from a import b\n\n# about X\nX = 1\n"), "a", "b").code
    assert out == "# about X\nX = 1\n"


def test_remove_after_docstring_keeps_the_docstring_spacing():
    src = '"""Doc."""\n\nfrom a import b\n\n\ndef f():\n    pass\n'
    assert remove_from_import(cst.parse_module(src), "a", "b").code == '"""Doc."""\n\ndef f():\n    pass\n'


def test_remove_after_header_comment():
    src = "# Copyright\n\nfrom a import b\n\nX = 1\n"
    assert remove_from_import(cst.parse_module(src), "a", "b").code == "# Copyright\n\nX = 1\n"


def test_remove_two_first_imports():
    src = "from a import b\nfrom c import d\n\nX = 1\n"
    module = remove_from_import(remove_from_import(cst.parse_module(src), "a", "b"), "c", "d")
    assert module.code == "X = 1\n"


def test_remove_absent_name_returns_same_module():
    module = cst.parse_module("from a import b\n")
    assert remove_from_import(module, "a", "zzz") is module


def test_remove_if_unused():
    used = cst.parse_module("from a import b\nx = b\n")
    assert remove_if_unused(used, "a", "b") is used
    unused = cst.parse_module("import os\nfrom a import b\nx = 1\n")
    assert remove_if_unused(unused, "a", "b").code == "import os\nx = 1\n"


def test_split_modules_keep_the_old_import_paths():
    """``codemods.imports`` and ``codemods.settings_helpers`` were split into small modules; every
    name a module of the tool or a test imports from them (and every name of their ``__all__``) is
    still importable from there, and is the very object of its new home (one state, not two)."""
    import ast
    import importlib
    from pathlib import Path

    from codemods import import_edit, import_state, imports, references, settings_bases, settings_helpers

    root = Path(__file__).resolve().parents[2]
    old = {"codemods.imports": imports, "codemods.settings_helpers": settings_helpers}
    missing = []
    for package in ("codemods", "upgrader", "core", "tests"):
        for path in (root / package).rglob("*.py"):  # (a test, not the tool)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module in old:
                    missing += [f"{path.relative_to(root)}: {node.module}.{a.name}" for a in node.names
                                if not hasattr(old[node.module], a.name)]
    for name, module in old.items():
        missing += [f"{name}.__all__: {n}" for n in module.__all__ if not hasattr(module, n)]
    assert not missing, "\n".join(missing)
    assert imports._MEMO is import_state.MEMO and imports._TREE_HINT is import_state.TREE_HINT
    assert imports.count_references is references.count_references
    assert imports._related_insert_index is import_edit.related_insert_index
    assert settings_helpers.base_status is settings_bases.base_status
    assert importlib.import_module("codemods.dotted_names").dotted is imports.dotted


# -- the fast walks agree with the visitors they replace ------------------------------------------

_TRICKY = '''
"""Doc."""
from __future__ import annotations
import os, os.path as osp
from django.utils.encoding import force_text, smart_text as st
from . import sibling
from ..pkg import *
try:
    from django.utils.six import text_type
except ImportError:
    text_type = str
else:
    import json
finally:
    import sys
if os:
    from a import b
elif sys:
    import c.d
else:
    from e import (f, g as h)
for i, (j, *k) in enumerate([]):
    from m import n
else:
    import o
while False:
    import p
with open("x") as (q, r), open("y"):
    import s
class C(Base, metaclass=M):
    from t import u
    attr: int = force_text(st(1))
    def meth(self, a, /, b=1, *args, c, d=2, **kwargs):
        global G
        import v
        del self.x, w
        return [x for x in args if (y := x)] + list(lambda z: z)
async def coro(a):
    async for e in a:
        async with a as f2:
            import aw
    try:
        pass
    except (ValueError, TypeError) as err:
        import ex
match command:
    case [first, *rest] if first:
        import mc
    case {"k": v2, **others}:
        pass
    case Point(x=0, y=yy) as pt:
        pass
    case _:
        pass
x = force_text(y=text_type, z=osp.join(a.b.c, d)); force_text
'''


def test_name_counts_are_reference_counters_counts():
    from codemods.references import RefCounter, name_counts

    module = cst.parse_module(_TRICKY)
    for node in [module, *module.body, module.body[-1].body[0]]:
        counter = RefCounter(None)
        node.visit(counter)
        assert name_counts(node) == counter.counts
    assert count_references(module.body[-1], "force_text") == 2


def test_collect_finds_the_same_index_as_the_recursive_visit():
    import ast

    from codemods.import_collect import AstCollector

    tree = ast.parse(_TRICKY)
    walked, collected = ImportIndex(), ImportIndex()
    AstCollector(walked).visit(tree)
    AstCollector(collected).collect(tree)
    assert list(collected.bindings.items()) == list(walked.bindings.items())
    assert collected.star_modules == walked.star_modules == {"..pkg"}
    assert collected.other_bound == walked.other_bound
    assert [b.in_try for b in collected.bindings["json"]] == [True]
    assert [b.top_level for b in collected.bindings["v"]] == [False]
    module = cst.parse_module(_TRICKY)
    by_cst = ImportIndex()
    module.visit(__import__("codemods.import_collect", fromlist=["x"]).CstCollector(by_cst))
    assert list(by_cst.bindings.items()) == list(collected.bindings.items())


def test_collect_from_statement_parts_finds_the_same_index_and_walks_only_new_statements(monkeypatch):
    """``collect(tree, parts)``: what each top-level statement imports and binds is kept by statement,
    so a tree sharing all but the changed statements with the last one (as ``codemods.reparse``
    builds it) walks only those; the index is the same as a whole collection's, in the same order."""
    import ast

    import codemods.base as base
    from codemods import import_collect
    from codemods.import_collect import AstCollector

    def whole(tree):
        index = ImportIndex()
        AstCollector(index).collect(tree)
        return index

    parts: dict = {}
    first = ast.parse(_TRICKY)
    got = ImportIndex()
    AstCollector(got).collect(first, parts)
    expected = whole(first)
    assert list(got.bindings.items()) == list(expected.bindings.items())
    assert got.star_modules == expected.star_modules and got.other_bound == expected.other_bound
    assert set(parts) == {id(s) for s in first.body}

    changed = ast.parse("from django.utils.encoding import force_str as fs\nrenamed = 1\n")
    second = ast.Module(body=[*first.body[:-1], *changed.body], type_ignores=[])  # (the last statement replaced)
    expected = whole(second)
    walked = []
    real_walk = base.walk
    monkeypatch.setattr(import_collect, "walk", lambda node: walked.append(node) or real_walk(node))
    got = ImportIndex()
    AstCollector(got).collect(second, parts)
    assert walked == changed.body  # the statements kept from the first tree are not walked again
    assert list(got.bindings.items()) == list(expected.bindings.items())
    assert got.other_bound == expected.other_bound and "renamed" in got.other_bound
    assert set(parts) == {id(s) for s in second.body}  # (the replaced statement is let go)

    walked_first = ast.parse(_TRICKY)
    base.walk(walked_first)  # (as the confirm stage leaves a file's first tree: walked whole)
    fresh: dict = {}
    got = ImportIndex()
    AstCollector(got).collect(walked_first, fresh)
    assert list(got.bindings.items()) == list(whole(first).bindings.items()) and fresh == {}  # (from that walk)


def test_uses_name_answers_as_a_visitor_of_every_name_but_attribute_names():
    """``settings_helpers.uses_name`` walks the fields that can hold a ``Name`` (``references.
    bare_names``) instead of libcst's visitor dispatch: the same answer as a visitor seeing every
    ``Name`` but an attribute's own (imports and keywords included), on tricky and real code."""
    from pathlib import Path

    import codemods.engine as engine_module
    from codemods.settings_helpers import uses_name

    def visited(node) -> set:
        found = set()

        class V(cst.CSTVisitor):
            def visit_Name(self, n):
                found.add(n.value)

            def visit_Attribute(self, n):
                n.value.visit(self)
                return False

        node.visit(V())
        return found

    for source in (_TRICKY, Path(engine_module.__file__).read_text(encoding="utf-8")):
        module = cst.parse_module(source)
        words = {w for w in source.replace(".", " ").replace("(", " ").replace("=", " ").split() if w.isidentifier()}
        for node in (module, *module.body[:20]):
            seen = visited(node)
            for name in sorted(words) + ["not_there"]:
                assert uses_name(node, name) is (name in seen), name
    module = cst.parse_module("from x import NAME\nf(NAME=1)\nobj.NAME\n")
    assert uses_name(module.body[0], "NAME") and uses_name(module.body[1], "NAME") and not uses_name(module.body[2], "NAME")
