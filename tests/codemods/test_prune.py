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


def test_importing_and_running_codemods_leaves_libcst_classes_alone(tmp_path):
    """Pruning wraps the codemods' own transformers only: libcst's CSTTransformer and CSTVisitor (and
    anyone else's subclasses of them) are the same after importing every codemod and running the
    pipeline as before. In a fresh interpreter, so nothing imported earlier hides a change."""
    import subprocess
    import sys

    script = tmp_path / "check.py"
    script.write_text(
        "import libcst as cst\n"
        "before = {c: dict(vars(c)) for c in (cst.CSTTransformer, cst.CSTVisitor)}\n"
        "class Theirs(cst.CSTTransformer):\n"
        "    def leave_Name(self, original, updated):\n"
        "        return updated.with_changes(value=updated.value.upper())\n"
        "import codemods, codemods.engine, codemods.prune, codemods.apply\n"
        "from codemods import registry\n"
        "from codemods.apply import apply_source\n"
        "cods = [c() for c in registry.select(target='6.1')]\n"
        "text = 'from django.utils.encoding import force_text\\n\\ndef f(v):\\n    return force_text(v)\\n\\n'\\\n"
        "       '\\ndef g():\\n    return 1\\n'\n"
        "r = apply_source(text, 'm.py', cods, target='6.1')\n"
        "assert 'force_str(v)' in r.new, r.new\n"
        "after = {c: dict(vars(c)) for c in (cst.CSTTransformer, cst.CSTVisitor)}\n"
        "assert before == after, [k for c in before for k in set(before[c]) ^ set(after[c]) or\n"
        "                         [k for k in before[c] if before[c][k] is not after[c].get(k)]]\n"
        "assert 'on_visit' not in vars(Theirs) and 'on_leave' not in vars(Theirs)\n"
        "from codemods.prune import pruning\n"
        "module = cst.parse_module(text)\n"
        "with pruning({id(s) for s in module.body}):\n"
        "    out = module.visit(Theirs())\n"
        "assert 'FORCE_TEXT' in out.code, out.code  # a stranger's transformer is never pruned\n"
        "print('ok')\n"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=root,
                          env={**__import__("os").environ, "PYTHONPATH": str(root)})
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-3000:]


def test_own_transformers_skip_inert_statements():
    """The wrapped transformers of the codemods do skip inert statements (pruning still works)."""
    import libcst as cst

    from codemods import prune

    class Counting(cst.CSTTransformer):  # defined in a tests module: made ours for this test
        def __init__(self):
            super().__init__()
            self.names = []

        def visit_Name(self, node):
            self.names.append(node.value)

    prune._wrap(Counting)
    module = cst.parse_module("a = b\nc = d\n")
    visitor = Counting()
    with prune.pruning({id(module.body[0])}):
        module.visit(visitor)
    assert visitor.names == ["c", "d"]
    visitor = Counting()
    module.visit(visitor)  # outside a transform: nothing is skipped
    assert visitor.names == ["a", "b", "c", "d"]


def test_import_index_of_an_unchanged_copy_uses_the_hinted_ast(monkeypatch):
    """A codemod whose first transformer changes nothing hands an equal copy of the module to the
    import index: it is still built from the hinted ast tree, not by a libcst walk."""
    import ast

    import libcst as cst

    from codemods import imports

    text = "from django.utils.translation import ugettext as _\nimport os\n\n\ndef f():\n    return _('x')\n"
    module = cst.parse_module(text)
    copy = module.visit(cst.CSTTransformer())
    assert copy is not module
    imports._MEMO.clear()
    imports.hint_tree(module, ast.parse(text))

    def no_walk(*args, **kwargs):
        raise AssertionError("libcst walk")

    monkeypatch.setattr(imports, "CstCollector", no_walk)
    try:
        index = imports.ImportIndex.build(copy)
        assert index.binding("_").qualname == "django.utils.translation.ugettext"
        changed = copy.with_changes(body=[cst.parse_statement("import sys\n"), *copy.body[1:]])
        imports._MEMO.clear()
        try:
            imports.ImportIndex.build(changed)
        except AssertionError:
            pass  # a changed module is walked
        else:
            raise AssertionError("a changed module must not use the hint")
    finally:
        imports._MEMO.clear()
        imports._TREE_HINT.clear()


def test_import_aliases_are_every_import_as_in_the_tree():
    import ast

    from codemods.base import nodes_of
    from codemods.prune import import_aliases

    text = (
        "import a as b\n"
        "try:\n    from c import d as e\nexcept ImportError:\n    import f as g\nelse:\n    import h as i\n"
        "finally:\n    import j as k\n"
        "class C:\n    def m(self):\n        if x:\n            from .l import m as n\n"
        "match y:\n    case 1:\n        import o as p\n"
        "with z:\n    for q in r:\n        import s as t\n    else:\n        import u\n"
    )
    tree = ast.parse(text)
    expected = sorted((a.name, a.asname) for node in nodes_of(ast.parse(text), ast.Import, ast.ImportFrom)
                      for a in node.names if a.asname)
    assert sorted(import_aliases(tree)) == expected and len(expected) == 8
    for path in _corpus()[:300]:
        source = path.read_text(encoding="utf-8")
        found = sorted((a.name, a.asname) for node in nodes_of(ast.parse(source), ast.Import, ast.ImportFrom)
                       for a in node.names if a.asname)
        assert sorted(import_aliases(ast.parse(source))) == found, path
