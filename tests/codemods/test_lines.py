"""Finding lines: the pipeline takes statements' lines from the ``ast`` tree instead of libcst's
PositionProvider (a code generation per file); both must agree on real code."""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from codemods.lines import _statement_lines


def test_statement_lines_equal_position_provider():
    django = pytest.importorskip("django")
    files = sorted((Path(django.__file__).parent / "db" / "models").rglob("*.py"))[:60]
    checked = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        module = cst.parse_module(text)
        lines = _statement_lines(module, ast.parse(text))
        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        for node, pos in positions.items():
            line = lines.get(id(node))
            if line is not None:
                checked += 1
                assert line == pos.start.line, (path, type(node).__name__)
    assert checked > 2000


def test_statement_lines_give_up_when_the_trees_disagree():
    module = cst.parse_module("x = 1\ny = 2\n")
    assert _statement_lines(module, ast.parse("x = 1\n")) == {}
    decorated = "@dec\nclass A:\n    @property\n    def f(self):\n        return 1\n"
    module = cst.parse_module(decorated)
    lines = _statement_lines(module, ast.parse(decorated))
    cls = module.body[0]
    assert lines[id(cls)] == 2 and lines[id(cls.body.body[0])] == 4  # the def line, as libcst says


def test_other_nodes_take_their_line_from_the_statement_holding_them():
    """Any node's line from its innermost statement (that statement's code alone) equals libcst's
    PositionProvider over the whole module; pruned statements are not searched (the whole module's
    positions then answer), and a node not in the module gets line 0 from the report."""
    from codemods.lines import _line_in_statement, line_lookup
    from codemods.prune import pruning

    django = pytest.importorskip("django")
    files = sorted((Path(django.__file__).parent / "contrib" / "admin").glob("*.py"))[:12]
    checked = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        module = cst.parse_module(text)
        tree = ast.parse(text)
        lines = _statement_lines(module, tree)
        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        for k, (node, pos) in enumerate(positions.items()):
            if k % 61 or not isinstance(node, (cst.Call, cst.Name, cst.Param, cst.Decorator, cst.SimpleString)):
                continue
            checked += 1
            assert _line_in_statement(module, node, lines) == pos.start.line, (path, type(node).__name__)
    assert checked > 100

    text = "import os\n\n\nclass A:\n    x = f(\n        1,\n        g(2),\n    )\n\n    def m(self):\n        return h(3)\n"
    module = cst.parse_module(text)
    tree = ast.parse(text)
    cls = module.body[1]
    g_call = cls.body.body[0].body[0].value.args[1].value
    h_call = cls.body.body[1].body.body[0].body[0].value
    lookup = line_lookup(module, None, tree)
    assert lookup(g_call) == 7 and lookup(h_call) == 11
    with pruning({id(cls.body.body[1])}):  # the method is skipped: its node is found the slow way
        assert _line_in_statement(module, h_call, _statement_lines(module, tree)) is None
        assert line_lookup(module, None, tree)(h_call) == 11
    from codemods.base import FileContext

    ctx = FileContext(path="x.py", kind="python")
    ctx._positions = line_lookup(module, None, tree)
    assert ctx.line_of(cst.Name("elsewhere")) == 0
