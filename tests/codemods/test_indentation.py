"""The module's default indentation (codemods.indentation): libcst's, found from the ast without
tokenizing what cannot hold it."""

from __future__ import annotations

import ast
import tokenize as tokenize_module

import pytest

from codemods.indentation import first_indent, indent_token


@pytest.mark.parametrize("text", [
    "if x: pass\nif y:\n\tz = 1\n",
    "if x: \\\n    pass\nclass A:\n  y = 1\n",  # (a block on its header's logical line: no INDENT there)
    "def f(a,\n      b): pass\nclass A:\n   x = 1\n",
    "x = 1\n",
    "match x:\n  case 1:\n    pass\n",
    "@dec\ndef f():\n        return 1\n",
    "class A: pass\nclass B: x = 1\n",
    "s = '''\n    not an indent\n'''\nif a:\n   b\n",
    "if x:\n    # comment\n\n      y = 1\n",
    "if x: pass\nelse:\n  y = 1\n",  # (the first block is an else's)
    "try: pass\nexcept E:\n\t\tpass\n",
    "if a: pass\nelif b:\n   c\nif d:\n    e\n",
    "x = [\n    1,\n]\nwhile x:\n     x.pop()\n",  # (a bracket's continuation lines are no block)
    "@dec(\n    arg,\n)\nclass A:\n x = 1\n",
    "def f(): return 1\n",
    "if x:\n    pass",  # (no newline at the end)
])
def test_the_first_indent_from_the_tree_is_the_first_indent_token(text):
    assert first_indent(text, ast.parse(text)) == indent_token(text)


def test_only_compound_statements_are_tokenized(monkeypatch):
    """A large data module (no block at all) was tokenized whole to find no INDENT: only the compound
    statements are, from the first, until one has a block."""
    text = "DATA = {\n" + "".join(f"    'k{i}': [{i}, '{'v' * 20}'],\n" for i in range(2000)) + "}\n\n\ndef f():\n  return 1\n"
    read = []
    real = tokenize_module.generate_tokens
    monkeypatch.setattr(tokenize_module, "generate_tokens", lambda readline: real(lambda: read.append(1) or readline()))
    assert first_indent(text, ast.parse(text)) == "  "
    assert 0 < len(read) <= 3  # (the function's lines)
    read.clear()
    no_block = text[:text.index("\n\n\ndef")] + "\n"
    assert first_indent(no_block, ast.parse(no_block)) is None and read == []


def test_without_a_tree_or_with_carriage_returns_the_text_is_tokenized():
    assert first_indent("if x:\r\n\ty = 1\r\n", ast.parse("if x:\r\n\ty = 1\r\n")) == "\t"
    assert first_indent("if x:\n   y\n") == "   "


def test_on_real_code_it_is_the_first_indent_token():
    django = pytest.importorskip("django")
    from pathlib import Path

    files = sorted(Path(django.__file__).parent.rglob("*.py"))[::7]
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert first_indent(text, ast.parse(text)) == indent_token(text), path
