"""``codemods.reparse``: the tree of a changed module from the old tree and the changed statements is
``ast.parse`` of its code, line numbers included; what does not line up is parsed whole (None)."""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest

from codemods import apply as apply_module
from codemods import rewrite as rewrite_module
from codemods import registry
from codemods.render import Renderer
from codemods.reparse import reparsed

BIG = "".join(f"def f{i}(x):\n    return x + {i}\n\n\n" for i in range(40))


def _dump(tree) -> str:
    return ast.dump(tree, include_attributes=True)


def _renders(old: cst.Module, new: cst.Module):
    renderer = Renderer()
    renderer.code(old)
    renderer.code(new)
    return renderer.previous_codes(), renderer.codes()


def _replace(module: cst.Module, i: int, code: str) -> cst.Module:
    body = list(module.body)
    body[i] = cst.parse_statement(code).with_changes(leading_lines=body[i].leading_lines)
    return module.with_changes(body=body)


def test_a_changed_statement_is_parsed_where_it_stands():
    old, old_tree = cst.parse_module(BIG), ast.parse(BIG)
    new = _replace(old, 7, "def f7(x):\n    return x * 7\n")
    tree = reparsed(old_tree, old, new, *_renders(old, new))
    assert tree is not None and _dump(tree) == _dump(ast.parse(new.code))
    assert tree.body[6] is old_tree.body[6] and tree.body[7] is not old_tree.body[7]  # (only f7 parsed)


def test_what_does_not_line_up_is_parsed_whole():
    old = cst.parse_module(BIG)
    longer = _replace(old, 7, "def f7(x):\n    y = x * 7\n    return y\n")  # (a line more: the rest moves)
    assert reparsed(ast.parse(BIG), old, longer, *_renders(old, longer)) is None
    added = old.with_changes(body=[cst.parse_statement("import os\n"), *old.body])
    assert reparsed(ast.parse(BIG), old, added, *_renders(old, added)) is None
    most = old.with_changes(body=[_replace(old, i, f"def f{i}(x):\n    return x - {i}\n").body[i]
                                  for i in range(len(old.body))])  # (every statement: CPython parses faster)
    assert reparsed(ast.parse(BIG), old, most, *_renders(old, most)) is None
    assert reparsed(None, old, old, *_renders(old, old)) is None


def test_the_pipeline_trees_are_cpythons_on_real_code(monkeypatch):
    django = pytest.importorskip("django")
    files = sorted(Path(django.__file__).parent.rglob("*.py"))
    files += sorted((Path(__file__).resolve().parents[2] / "examples" / "legacy_shop").rglob("*.py"))
    checked = []
    original = rewrite_module.reparsed

    def checking(old_tree, old, new, old_codes, new_codes):
        tree = original(old_tree, old, new, old_codes, new_codes)
        if tree is not None:
            assert _dump(tree) == _dump(ast.parse(new.code))
            checked.append(1)
        return tree

    monkeypatch.setattr(rewrite_module, "reparsed", checking)
    codemods = [c() for c in registry.select(target="6.1")]
    for path in files:
        apply_module.apply_source(path.read_text(encoding="utf-8"), str(path), codemods, target="6.1")
    assert len(checked) > 10
