"""The detect prefilter's shapes (``spec.item_shapes``: the tokens a use is written with, across line
breaks and comments) are necessary conditions: wherever an item finds a line, its shapes match the
file; and they do let files through that only mention the words."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import release_data
from codemods.detect.match import python_lines
from codemods.detect.pyfile import PyFile
from codemods.detect.spec import Item, item_shapes, parse_items

ROOT = Path(__file__).resolve().parents[2]


def _shaped_items() -> list[Item]:
    from release_data.behaviour import load_behaviour

    items = [it for c in release_data.load().changes for it in parse_items(c.detect, c.id, strict=False)]
    items += [it for b in load_behaviour() for it in parse_items(b.detect, b.id, strict=False)]
    return [it for it in items if it.kind == "python" and item_shapes(it)]


def test_shapes_match_wherever_an_item_finds_a_line():
    django = pytest.importorskip("django")
    base = Path(django.__file__).parent
    files = sorted((base / "db").rglob("*.py")) + sorted((base / "contrib" / "admin").rglob("*.py")) \
        + sorted((ROOT / "examples" / "legacy_shop").rglob("*.py"))
    items = _shaped_items()
    assert len(items) > 50
    shapes = {it: [re.compile(p) for p in item_shapes(it)] for it in items}
    found = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        pf = PyFile(ast.parse(text), text)
        for it in items:
            if python_lines(pf, it, path.name, True, "migrations" in path.parts):
                found += 1
                assert all(p.search(text) for p in shapes[it]), (path, it)
    assert found > 20


@pytest.mark.parametrize("item, text, matches", [
    (Item("attribute_name", "to", {"after": "rel"}), "x = (f.rel  # old\n     .to)\n", True),
    (Item("attribute_name", "to", {"after": "rel"}), "x = (f.rel)\\\n    .to\n", True),
    (Item("attribute_name", "to", {"after": "rel"}), "rel = 1\nto = 2\nx.to\n", False),
    (Item("method_call", "iterator", {}), "(qs\n .iterator  # c\n)(10)\n", True),
    (Item("method_call", "iterator", {}), "import iterator\nqs.iterator\n", False),
    (Item("call", "django.utils.timezone.make_aware", {"keyword": "is_dst"}), "make_aware(d, is_dst = True)\n", True),
    (Item("call", "django.utils.timezone.make_aware", {"keyword": "is_dst"}), "make_aware(d)\nif is_dst == 1: pass\n", False),
    (Item("call", "django.utils.functional.cached_property", {"keyword": "name"}),
     "from django.utils.functional import cached_property\n\n\nclass A:\n    @cached_property\n"
     "    def f(self, name=1):\n        return name\n", False),  # used as a decorator only: never called
    (Item("call", "django.utils.functional.cached_property", {"keyword": "name"}),
     "from django.utils.functional import (cached_property  # c\n    as cp)\nx = cp(f, name='x')\n", True),
    (Item("call", "django.utils.functional.cached_property", {"keyword": "name"}),
     "from django.utils import functional\nx = (functional.cached_property)(f, name='x')\n", True),
])
def test_shapes(item, text, matches):
    assert all(re.search(p, text) for p in item_shapes(item)) is matches
    tree = ast.parse(text.replace("import iterator", "import os"))
    if not matches:  # (and the item indeed finds nothing there)
        assert not python_lines(PyFile(tree, text), item, "x.py", False, False)


def test_required_words_are_in_every_file_an_item_finds_a_line_in():
    """``Item.required()`` (every module above a dotted name, keywords, bases ...) are necessary
    conditions too: checked on Django's own code and the example project, every item."""
    from codemods.scanned_text import RUN

    django = pytest.importorskip("django")
    base = Path(django.__file__).parent
    files = sorted((base / "db").rglob("*.py")) + sorted((base / "contrib" / "admin").rglob("*.py")) \
        + sorted((base / "conf").rglob("*.py")) + sorted((ROOT / "examples" / "legacy_shop").rglob("*.py"))
    from release_data.behaviour import load_behaviour

    items = [it for c in release_data.load().changes for it in parse_items(c.detect, c.id, strict=False)]
    items += [it for b in load_behaviour() for it in parse_items(b.detect, b.id, strict=False)]
    items = [it for it in items if it.kind == "python" and it.required()]
    found = dotted = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        words = {w.lstrip("0123456789") for w in RUN.findall(text)}
        pf = PyFile(ast.parse(text), text)
        for it in items:
            if python_lines(pf, it, path.name, True, "migrations" in path.parts):
                found += 1
                dotted += it.form in ("import", "attribute", "call") and it.value.count(".") >= 2
                assert set(it.required()) <= words, (path, it, set(it.required()) - words)
    assert found > 30 and dotted > 10
