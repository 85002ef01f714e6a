"""``codemods.base.walk`` / ``nodes_of``: the shared node list of a file's ast tree (the confirm()
checks of every codemod read it) must be exactly ``ast.walk``'s, and the by-type index its subsets."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from codemods.base import nodes_of, walk


def _files():
    django = pytest.importorskip("django")
    return sorted((Path(django.__file__).parent / "db" / "models").rglob("*.py"))[:40]


def _ast_walk(tree):
    """``ast.walk`` without the expression contexts (``walk`` leaves those out)."""
    return tuple(n for n in ast.walk(tree) if not isinstance(n, ast.expr_context))


def test_walk_is_ast_walk_in_the_same_order():
    for path in _files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert walk(tree) == _ast_walk(tree), path
        assert not any(isinstance(n, ast.expr_context) for n in walk(tree))
        kept = tree._dua_walk[0]
        assert walk(tree) == walk(tree) and tree._dua_walk[0] is kept  # walked once, kept on the tree


def test_nodes_of_one_or_several_types_keep_walk_order():
    for path in _files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        every = list(ast.walk(tree))
        assert nodes_of(tree, ast.Call) == [n for n in every if type(n) is ast.Call]
        assert nodes_of(tree, ast.Import, ast.ImportFrom, ast.Attribute) == \
            [n for n in every if isinstance(n, (ast.Import, ast.ImportFrom, ast.Attribute))]
        assert nodes_of(tree, ast.Nonlocal) == [n for n in every if isinstance(n, ast.Nonlocal)]


def test_a_new_tree_gets_its_own_index():
    a, b = ast.parse("import os\nf(1)\n"), ast.parse("g(2)\n")
    assert [n.func.id for n in nodes_of(a, ast.Call)] == ["f"]
    assert [n.func.id for n in nodes_of(b, ast.Call)] == ["g"]
    assert len(nodes_of(a, ast.Import)) == 1


def test_a_statements_first_line_counts_its_decorators_and_line_starts_slice_lines():
    from codemods.base import first_line, line_starts

    text = "x = 1\n\n@dec(\n    1)\n@other\ndef f():\n    pass\n"
    tree = ast.parse(text)
    assert [first_line(n) for n in tree.body] == [1, 3]
    starts = line_starts(text)
    assert [text[starts[n - 1]:starts[n]] for n in (1, 3, 7)] == ["x = 1\n", "@dec(\n", "    pass\n"]
    assert line_starts("a\nbc") == [0, 2, 5]  # (no newline at the end: one past the end last)


def test_a_findings_line_text():
    from codemods.base import line_text

    lines = ["x = 1", "    y = force_text(x)   ", "z" * 300]
    assert line_text(lines, 2) == "y = force_text(x)" and line_text(lines, 3) == "z" * 200
    assert line_text(lines, 0) == line_text(lines, 4) == "" and line_text(lines, 9, "as found") == "as found"


def test_one_parse_gives_every_reader_of_a_text_the_same_tree():
    """Inside ``one_parse()`` a text is parsed once (also when asked as another ``str`` of the same
    value, e.g. a ``ScannedText``), another text gets its own tree, and nothing is held afterwards."""
    from codemods.base import _ONE_PARSE, one_parse, parse_quietly
    from codemods.scanned_text import scanned

    text = "import os\nx = os.sep\n"
    assert parse_quietly(text) is not parse_quietly(text)  # (outside: no memory)
    with one_parse():
        first = parse_quietly(text)
        assert parse_quietly(scanned(text)) is first
        assert parse_quietly("x = (\n") is None and parse_quietly("x = (\n") is None
        other = parse_quietly("y = 1\n")
        assert other is not first and parse_quietly("y = 1\n") is other
        assert parse_quietly(text) is not first  # (only the last text is held)
    assert _ONE_PARSE == []
