"""Elision (codemods.elide): definitions no codemod can touch are hidden from libcst and put back
byte for byte; what the codemods ask about the whole file still covers them.

The equivalence with whole-file runs is also checked on every codemod test case (tests/codemods/
helpers.py) and on real code in test_prune.py.
"""

from __future__ import annotations

import ast
import textwrap
from collections import Counter
from pathlib import Path

import libcst as cst
import pytest

from codemods import elide, imports
from codemods.apply import apply_source
from codemods.base import Codemod
from codemods.catalogue.force_text import ForceText

ROOT = Path(__file__).resolve().parents[2]


def _elide(text: str, needles=("force_text",)):
    return elide.build(text, ast.parse(text), needles)


SOURCE = textwrap.dedent('''\
    """Module docstring."""
    import os
    from django.utils.encoding import force_text


    @decorator(
        arg=1,
    )
    def untouched(a, b):  # trailing comment
        return os.path.join(a, b)


    class Shop:
        """Docstring."""
        name = "shop"

        def title(self):
            return force_text(self.name)

        async def other(self):
            return 2
        # a comment after the last method


    def last():
        x = 1; y = 2
        return x + y
    ''')


def test_hides_needle_free_definitions_and_restores_them_exactly():
    e = _elide(SOURCE)
    assert e is not None
    hidden = list(e.hidden.values())
    assert [h.split("\n")[0].strip() for h in hidden] == ["@decorator(", "async def other(self):", "def last():"]
    assert "def untouched" not in e.text and "class Shop:" in e.text and "def title(self):" in e.text
    assert '"""Docstring."""' in e.text and 'name = "shop"' in e.text and "import os" in e.text
    assert "# a comment after the last method" in e.text
    for placeholder in e.hidden:
        assert placeholder in e.text.split("\n")
    cst.parse_module(e.text)  # the reduced text is valid Python
    assert e.expand(e.text) == SOURCE


def test_nothing_to_hide_or_no_needles():
    assert _elide("import os\nx = 1\n") is None
    assert _elide(SOURCE, needles=()) is None
    assert _elide("def f():\n    return force_text(1)\n") is None  # the only def has the needle


@pytest.mark.parametrize("text", [
    "def f(): return 1\n",                      # one-line body: the def is still its own line
    "x = 1; y = 2\n",                           # not a definition
    "class A: pass\n",
])
def test_one_line_definitions(text):
    e = _elide(text, needles=("zzz",))
    if e is not None:
        assert e.expand(e.text) == text
        cst.parse_module(e.text)


def test_definition_sharing_a_line_is_kept():
    text = "import os; \\\n  x = 1\nclass A:\n    def f(self): pass; y = 2\n"
    e = _elide(text, needles=("zzz",))
    assert e is not None and e.expand(e.text) == text


def test_tabs_and_crlf():
    text = "class A:\n\tdef f(self):\n\t\treturn 1\n\n\tdef g(self):\n\t\treturn force_text(1)\n"
    e = _elide(text)
    assert e is not None and "\tdef g(self):" in e.text and e.expand(e.text) == text
    assert _elide(text.replace("\n", "\r\n")) is None  # \r: never elided


def test_expand_refuses_moved_or_missing_placeholders():
    e = _elide(SOURCE)
    first = next(iter(e.hidden))
    assert e.expand(e.text.replace(first + "\n", "")) is None
    assert e.expand(e.text.replace(first, "    " + first)) is None
    assert e.expand(e.text.replace(first, first + "\n" + first)) is None


def test_a_file_whose_default_indent_would_change_is_done_whole(monkeypatch):
    """libcst takes the default indentation (used for the blocks codemods create) from the first
    indented line; when that line is hidden and the next indented block differs, no elision."""
    text = ("from django.utils.encoding import force_text\n\n\ndef hidden():\n  return 1\n\n\n"
            "def kept():\n    return force_text(1)\n")
    e = _elide(text)
    assert e.default_indent == cst.parse_module(text).default_indent == "  "
    assert cst.parse_module(e.text).default_indent == "    "
    calls = []
    real = elide.Elision.expand
    monkeypatch.setattr(elide.Elision, "expand", lambda self, code: calls.append(code) or real(self, code))
    result = apply_source(text, "app/views.py", [ForceText()])
    assert calls == [] and result.new == text.replace("force_text", "force_str")


@pytest.mark.parametrize("tail", [
    "    # a comment indented into the class\n    # and another\n",      # (libcst keeps only the last
    "    # a comment\n\n            \t\t\n",                           #  one behind a placeholder)
    "\t\t\n   \n",
])
def test_trailing_comments_and_blank_lines_go_with_the_hidden_definition(tail):
    text = "from django.utils.encoding import force_text\nx = force_text(1)\n\n\nclass A:\n    y = 1\n" + tail
    e = _elide(text)
    assert e is not None and e.text.endswith(next(iter(e.hidden)) + "\n")
    assert cst.parse_module(e.text).code == e.text and e.expand(e.text) == text
    result = apply_source(text, "app/views.py", [ForceText()])
    assert result.new == text.replace("force_text", "force_str")


def test_a_file_libcst_cannot_print_back_is_left_untouched():
    text = "from django.utils.encoding import force_text\nx = force_text(1)\n    # a\n    # b\n"
    assert cst.parse_module(text).code != text  # libcst drops "# a" (if that is fixed, drop this test)
    result = apply_source(text, "app/views.py", [ForceText()])
    assert result.new == text and result.error and "libcst" in result.error


def test_line_map():
    e = _elide(SOURCE)
    lines = e.text.split("\n")
    to_original = e.line_map(e.text)
    for number, line in enumerate(lines, 1):
        if e.token not in line and line.strip():
            assert SOURCE.split("\n")[to_original(number) - 1] == line


class _DropsLastStatement(Codemod):
    """Test codemod: deletes the module's last statement (a placeholder here)."""

    name = "drops_last"
    triggers = ("force_text",)

    def transform(self, module, ctx):
        return module.with_changes(body=module.body[:-1])


def test_pipeline_falls_back_to_the_whole_file_when_a_placeholder_goes():
    result = apply_source(SOURCE, "app/views.py", [_DropsLastStatement()])
    assert result.error is None
    assert result.new == SOURCE[:SOURCE.index("def last():")].rstrip("\n") + "\n"


def test_findings_after_hidden_definitions_name_the_original_line():
    text = SOURCE + "\ntry:\n    from django.utils.encoding import force_text as ft\nexcept ImportError:\n    pass\n"
    result = apply_source(text, "app/views.py", [ForceText()])
    whole = apply_source(text, "app/views.py", [ForceText()], elide=False)
    assert [(f.line, f.message) for f in result.findings] == [(f.line, f.message) for f in whole.findings]
    assert result.new == whole.new


# -- what the codemods ask about hidden code ---------------------------------------------------------

def _corpus(limit: int = 300) -> list[Path]:
    django = pytest.importorskip("django")
    base = Path(django.__file__).parent
    files = sorted((base / "db").rglob("*.py")) + sorted((base / "contrib" / "admin").rglob("*.py"))
    return [p for p in files if p.stat().st_size > 2000][:limit]


def test_ast_name_counts_equal_libcst_reference_counts():
    for path in _corpus(80):
        text = path.read_text(encoding="utf-8")
        counter = imports._RefCounter(None)
        cst.parse_module(text).visit(counter)
        assert elide.ast_name_counts(ast.parse(text)) == Counter(counter.counts), path


def test_hidden_definitions_complete_the_import_index_and_counts():
    checked = 0
    for path in _corpus(60):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        e = elide.build(text, tree, ("self",))  # hides functions, keeps most classes
        if e is None:
            continue
        checked += 1
        full = imports.ImportIndex()
        imports._AstCollector(full).visit(tree)
        reduced = cst.parse_module(e.text)
        imports._MEMO.clear()
        with imports.hidden_definitions(e):
            merged = imports.ImportIndex.build(reduced)
            names = Counter(elide.ast_name_counts(tree))
            for name in list(names)[:200]:
                assert (name in merged.other_bound) == (name in full.other_bound), (path, name)
                assert imports.count_references(reduced, name) == names[name], (path, name)
        imports._MEMO.clear()
        assert merged.star_modules == full.star_modules
        assert {k: sorted(b.qualname for b in v) for k, v in merged.bindings.items()} == \
               {k: sorted(b.qualname for b in v) for k, v in full.bindings.items()}, path
    assert checked > 20


def test_round_trip_on_real_code():
    """libcst prints the reduced text back exactly, the original comes back from it, and the
    default indentation recorded for the original is libcst's own."""
    django = pytest.importorskip("django")
    files = sorted(Path(django.__file__).parent.rglob("*.py"))[::3]
    elided = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for needles in (("self",), ("import",)):
            e = elide.build(text, tree, needles)
            if e is None:
                continue
            elided += 1
            reduced = cst.parse_module(e.text)
            assert reduced.code == e.text, path
            assert e.expand(reduced.code) == text, path
            if elided % 10 == 0:
                assert e.default_indent == cst.parse_module(text).default_indent, path
    assert elided > 200


LOCAL = textwrap.dedent('''\
    from django.utils.encoding import force_text


    class Shop:
        name = "shop"
        label = "plain"

        def title(self, prefix):
            """Docstring."""
            import os
            path = os.path.join(prefix, self.name)
            if path:
                path = path.strip()
            return force_text(path)  # the one use


    def helper(x):
        y = x + 1
        return force_text(y)
    ''')


def test_function_body_statements_are_hidden_only_when_asked():
    assert _elide(LOCAL) is None  # (definitions only: both hold the needle, nothing is hidden)
    e = elide.build(LOCAL, ast.parse(LOCAL), ("force_text",), statements=True)
    assert "import os" not in e.text and "path.strip()" not in e.text and "y = x + 1" not in e.text
    for kept in ('"""Docstring."""', "return force_text(path)  # the one use", "return force_text(y)",
                 'name = "shop"', 'label = "plain"', "def title(self, prefix):", "def helper(x):"):
        assert kept in e.text, kept  # (docstrings, class bodies and the statements with a needle stay)
    cst.parse_module(e.text)
    assert e.expand(e.text) == LOCAL
    index = e.definitions().import_index()
    assert [b.qualname for b in index.bindings["os"]] == ["os"] and not index.bindings["os"][0].top_level


def test_statements_are_hidden_for_a_file_whose_codemods_are_all_local(monkeypatch):
    from codemods.catalogue.datetime_safe import DatetimeSafe

    assert ForceText.local_statements and not DatetimeSafe.local_statements
    seen = []
    real = elide.build
    monkeypatch.setattr(elide, "build", lambda *a: seen.append(a[3]) or real(*a))
    result = apply_source(LOCAL, "app/views.py", [ForceText()], target="4.2")
    whole = apply_source(LOCAL, "app/views.py", [ForceText()], target="4.2", elide=False)
    assert seen == [True]
    assert result.new == whole.new == LOCAL.replace("force_text", "force_str")
    seen.clear()
    apply_source(LOCAL + "from django.utils import datetime_safe\ndatetime_safe.date(2020, 1, 1)\n", "app/views.py",
                 [ForceText(), DatetimeSafe()], target="4.2")
    assert seen == [False]  # (a codemod that reads more than its statements: definitions only)


def test_a_large_module_level_assignment_without_needles_is_hidden():
    """A data module (a 2 MB list, one deprecated call elsewhere) went to libcst whole: 7.4 s and
    950 MB. Module-level assignments from ``LARGE_ASSIGNMENT`` bytes on, without a needle, are hidden
    like definitions; smaller ones, and ones holding a needle, stay."""
    data = "DATA = [\n" + "".join(f"    'w{i}',\n" for i in range(elide.LARGE_ASSIGNMENT // 8)) + "]\n"
    small = "SMALL = {'a': 1}\n"
    text = ("from django.utils.encoding import force_text\n\n" + data + small
            + "LABELS: dict = {" + "".join(f"'k{i}': force_text({i}), " for i in range(600)) + "}\n\n"
            + "def f(x):\n    return force_text(x)\n")
    e = _elide(text)
    assert e is not None and list(e.hidden.values()) == [data.rstrip("\n")]
    assert "SMALL = {" in e.text and "LABELS: dict" in e.text and "def f(x)" in e.text
    assert e.expand(e.text) == text
    from codemods.catalogue.force_text import ForceText

    elided = apply_source(text, "app/data.py", [ForceText()], target="4.2")
    whole = apply_source(text, "app/data.py", [ForceText()], target="4.2", elide=False)
    assert elided.new == whole.new and "force_str(x)" in elided.new and data in elided.new


def test_the_hidden_definitions_are_gone_through_once_per_name_asked():
    """A codemod asks whether the hidden code binds (and how often it names) the same few names at
    every call it resolves: on a large module thousands of times, each a pass over thousands of
    hidden definitions (a 5 MB module took minutes). Each name is answered once."""
    source = "from django.utils.encoding import force_text\n" + "".join(
        f"\n\ndef f{i}(wraps):\n    wraps = {i}\n    return wraps\n" for i in range(50)) + "\n\nx = force_text(1)\n"
    hidden = _elide(source).definitions()

    class Counted(list):
        passes = 0

        def __iter__(self):
            Counted.passes += 1
            return super().__iter__()

    hidden._items = Counted(hidden._items)
    assert len(hidden._items) == 50
    assert hidden.binds("wraps") and not hidden.binds("other") and hidden.count("wraps") == 150
    for _ in range(100):
        assert hidden.binds("wraps") and not hidden.binds("other") and hidden.count("wraps") == 150
    assert Counted.passes == 3
