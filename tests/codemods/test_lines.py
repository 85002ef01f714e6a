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
