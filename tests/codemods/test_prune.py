"""Pruning (codemods.prune) must never change a result: same output, same findings, with and without.

Checked over real code: the example project and parts of the installed Django (a test dependency),
which define and use many of the deprecated APIs, with every codemod at the newest target.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods import registry
from codemods.apply import apply_source

ROOT = Path(__file__).resolve().parents[2]


def _corpus() -> list[Path]:
    django = pytest.importorskip("django")
    base = Path(django.__file__).parent
    files = list((ROOT / "examples" / "legacy_shop").rglob("*.py"))
    for sub in ("contrib", "db/models", "core", "test", "utils", "forms"):
        files += sorted((base / sub).rglob("*.py"))
    return files


def _run(files, monkeypatch, prune: bool):
    if prune:
        monkeypatch.delenv("DJANGO_UPGRADE_NO_PRUNE", raising=False)
    else:
        monkeypatch.setenv("DJANGO_UPGRADE_NO_PRUNE", "1")
    codemods = [c() for c in registry.select(target="6.1")]
    out = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        r = apply_source(text, str(path), codemods, target="6.1")
        out[path] = (r.new, r.applied, [(f.codemod, f.line, f.message) for f in r.findings], r.error)
    return out


def test_pruning_changes_nothing(monkeypatch):
    files = _corpus()
    assert len(files) > 500
    pruned = _run(files, monkeypatch, prune=True)
    whole = _run(files, monkeypatch, prune=False)
    changed = [p for p in files if whole[p][0] != p.read_text(encoding="utf-8")]
    assert changed, "the corpus should exercise some codemods"
    differences = [str(p) for p in files if pruned[p] != whole[p]]
    assert not differences, differences[:10]


def test_inert_statements_are_marked():
    import ast

    import libcst as cst

    from codemods.prune import inert_statements

    text = (
        "import os\n"
        "from django.utils.encoding import force_text\n\n"
        "class A:\n"
        "    def f(self):\n        return force_text(1)\n\n"
        "    def g(self):\n        return 2\n\n"
        "def h():\n    return os.sep\n"
    )
    module, tree = cst.parse_module(text), ast.parse(text)
    inert = inert_statements(module, tree, text, ("force_text",))
    cls = module.body[2]
    assert id(module.body[0]) in inert  # import os
    assert id(module.body[1]) not in inert  # the import of force_text
    assert id(cls) not in inert and id(cls.body.body[0]) not in inert  # A and A.f
    assert id(cls.body.body[1]) in inert  # A.g
    assert id(module.body[3]) in inert  # h
    assert inert_statements(module, tree, text, ()) == set()


def test_import_index_from_ast_equals_libcst_walk():
    """ImportIndex.build walks the ast tree when the pipeline hints it; it must agree with the
    libcst walk on real code."""
    import ast

    import libcst as cst

    from codemods.imports import ImportIndex, _Collector, _TREE_HINT, _MEMO, hint_tree

    for path in _corpus()[:400]:
        text = path.read_text(encoding="utf-8")
        module = cst.parse_module(text)
        slow = ImportIndex()
        module.visit(_Collector(slow))
        _MEMO.clear()
        hint_tree(module, ast.parse(text))
        fast = ImportIndex.build(module)
        _TREE_HINT.clear()
        _MEMO.clear()
        assert fast.star_modules == slow.star_modules, path
        assert fast.other_bound == slow.other_bound, (path, fast.other_bound ^ slow.other_bound)
        assert {k: [vars(b) for b in v] for k, v in fast.bindings.items()} == \
               {k: [vars(b) for b in v] for k, v in slow.bindings.items()}, path
