"""libcst's parse in pieces (codemods.cst_parse): the tree of a parse of the whole text, while the
parser never holds more than a piece."""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest

from codemods import cst_parse

ROOT = Path(__file__).resolve().parents[2]


def _same_as_whole(text: str, monkeypatch, piece: int = 1) -> cst.Module:
    monkeypatch.setenv("DJANGO_UPGRADE_PARSE_PIECE", str(piece))
    got = cst_parse.parse_module(text, ast.parse(text))
    assert got.deep_equals(cst.parse_module(text)), text
    assert got.code == text
    return got


@pytest.mark.parametrize("text", [
    "# header\n\nimport os\n\n\n# a comment\nx = 1\ny = 2\n",
    "def f():\n    x = 1\n    # indented: the block's\n\n# not indented: the next statement's\ny = 2\n",
    "def f():\n    x = 1\n    \ny = 2\n",  # (a blank line with spaces)
    "@dec\n@other(\n    1,\n)\ndef f():\n\treturn 1\n\n\n@dec\nclass A:\n\tpass\n",
    "x = 1; y = 2\nz = 3\n",
    "x = (1,\n     2); y = 3\nz = 4\n",
    "x = 1\ny = 2",  # (no newline at the end)
    "x = 1\n\n# trailing comment\n\n",
    "a = 1\nif a:\n  b = 2\nif b:\n    c = 3\n",  # (a later block with another indentation)
    "a = 1\nif a: b = 2\nif b:\n\tc = 3\n",
    "class A:\n    pass\n\x0c\nclass B:\n    pass\n",  # (a form feed between statements)
    "s = '''\nnot a statement\n'''\nt = 1\n",
    "x = 1 \\\n    + 2\ny = 3\n",
    "try:\n    pass\nexcept E:\n    pass\nelse:\n    pass\nfinally:\n    pass\nz = 1\n",
    "match x:\n    case 1:\n        pass\ny = 1\n",
    "if x:\n    pass\n# comment\n    # indented after a dedent\ny = 1\n",
])
def test_the_pieces_make_the_tree_of_the_whole_text(text, monkeypatch):
    _same_as_whole(text, monkeypatch)


def test_on_real_code_the_tree_is_the_whole_texts(monkeypatch):
    django = pytest.importorskip("django")
    files = sorted((ROOT / "examples" / "legacy_shop").rglob("*.py"))
    files += sorted(Path(django.__file__).parent.rglob("*.py"))[::20]
    cut = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        cut += bool(cst_parse._cuts(text, ast.parse(text), 1))
        _same_as_whole(text, monkeypatch)
    assert cut > len(files) // 2  # (most were parsed in pieces)


def test_the_parser_never_holds_more_than_a_piece(monkeypatch):
    """libcst's parser holds hundreds of bytes per byte it parses: a large text reaches it a piece at
    a time (a piece is at least one top-level statement)."""
    text = "".join(f"def f{i}(v):\n    return force_text(v)  # {'x' * 40}\n\n\n" for i in range(2000))
    seen = []
    real = cst.parse_module
    monkeypatch.setattr(cst_parse.cst, "parse_module", lambda t: seen.append(len(t)) or real(t))
    monkeypatch.delenv("DJANGO_UPGRADE_PARSE_PIECE", raising=False)
    module = cst_parse.parse_module(text, ast.parse(text))
    assert len(module.body) == 2000 and module.code == text
    assert len(seen) > 5 and max(seen) < cst_parse.PIECE_BYTES + 200


def test_a_small_text_or_one_statement_is_parsed_whole(monkeypatch):
    seen = []
    real = cst.parse_module
    monkeypatch.setattr(cst_parse.cst, "parse_module", lambda t: seen.append(t) or real(t))
    cst_parse.parse_module("x = 1\ny = 2\n", ast.parse("x = 1\ny = 2\n"))
    big = "x = [\n" + "    1,\n" * 5000 + "]\n"
    cst_parse.parse_module(big, ast.parse(big))
    cst_parse.parse_module("x = 1\r\n" * 5000, ast.parse("x = 1\r\n" * 5000))  # (a newline of its own)
    assert seen == ["x = 1\ny = 2\n", big, "x = 1\r\n" * 5000]


def test_a_piece_indented_otherwise_makes_the_text_parsed_whole(monkeypatch):
    """libcst stores a block's indentation only where it is not the module's default (the text's
    first INDENT): a piece whose first block is indented otherwise would not say so."""
    text = "def f():\n  return 1\n\n\ndef g():\n    return 2\n"
    seen = []
    real = cst.parse_module
    monkeypatch.setattr(cst_parse.cst, "parse_module", lambda t: seen.append(t) or real(t))
    module = _same_as_whole(text, monkeypatch)
    assert module.default_indent == "  " and seen[-2] == text  # (the pieces, then the whole)


def test_a_syntax_error_names_the_whole_texts_line(monkeypatch):
    monkeypatch.setenv("DJANGO_UPGRADE_PARSE_PIECE", "1")
    text = "x = 1\ny = 2\nz = print 1\n"
    with pytest.raises(cst.ParserSyntaxError) as whole:
        cst.parse_module(text)
    tree = ast.parse("x = 1\ny = 2\nz = 3\n")  # (an ast that lines up: the error is libcst's own)
    with pytest.raises(cst.ParserSyntaxError) as pieces:
        cst_parse.parse_module(text, tree)
    assert str(pieces.value) == str(whole.value) and pieces.value.raw_line == 3
