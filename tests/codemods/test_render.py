"""codemods.render: the module's code, re-rendering only the statements a codemod changed."""

import libcst as cst
import pytest

from codemods.render import Renderer

SOURCES = [
    "", "\n", "x = 1", "x = 1\n", "# only a comment\n", "# no newline", "if x:\n\ty = 1\n",
    "a = 1\r\nb = 2\r\n", "a = 1\r\nb = 2", "def f():\n  pass\n# end", "x = 1\n\n\n# trailing\n    # indented end\n",
    "#!/usr/bin/env python\n# header\n\nimport os\n\n\nclass A:\n    def f(self):\n        return os\n\n# footer\n",
    "x = 1; y = 2  # c\nif x: pass\n",
]


@pytest.mark.parametrize("src", SOURCES)
def test_the_code_is_libcsts_byte_for_byte(src):
    module = cst.parse_module(src)
    renderer = Renderer()
    assert renderer.code(module) == module.code == src
    assert renderer.code(module) == src  # (from the kept statement codes)


class _Rename(cst.CSTTransformer):
    def leave_Name(self, original, updated):
        return updated.with_changes(value="renamed") if updated.value == "target" else updated


@pytest.fixture
def rendered(monkeypatch):
    """The names of the functions whose code libcst generates from now on, in order."""
    names = []
    original = cst.FunctionDef._codegen

    def spy(self, state, *args, **kwargs):
        names.append(self.name.value)
        return original(self, state, *args, **kwargs)

    monkeypatch.setattr(cst.FunctionDef, "_codegen", spy)
    return names


def test_only_the_changed_statements_are_rendered_again(request):
    src = "import os\n\n\ndef f():\n    return target\n\n\ndef g():\n    return os\n\nx = target\n"
    module = cst.parse_module(src)
    renderer = Renderer()
    assert renderer.code(module) == src
    renamed = module.visit(_Rename())  # (as a pruned transform returns it: the untouched statements as they were)
    new = module.with_changes(body=[module.body[0], renamed.body[1], module.body[2], renamed.body[3]])
    rendered = request.getfixturevalue("rendered")
    code = renderer.code(new)
    assert rendered == ["f"]  # g() is the very same statement: its code is kept
    assert code == new.code == src.replace("target", "renamed")



def test_libcsts_own_code_generation_when_its_internals_change(monkeypatch):
    import codemods.render as render

    module = cst.parse_module("x = 1\ny = 2\n")
    monkeypatch.setattr(render, "CodegenState", None)  # (a libcst release without it)
    assert Renderer().code(module) == "x = 1\ny = 2\n"


# -- seeding: the unchanged statements' code is the parsed text's own ------------------------------

def _renamed(module):
    """``module`` with the statements naming ``target`` rewritten (the others: the very same objects)."""
    renamed = module.visit(_Rename())
    return module.with_changes(body=[new if "target" in module.code_for_node(old) else old
                                     for old, new in zip(module.body, renamed.body)])


SEEDED = "#!/usr/bin/env python\n# header\n\nimport os\n\n\ndef f():\n    return target\n    # inner trailing\n\n# before g\n\n" \
         "@dec\ndef g():\n    return os\n\nx = target; y = 2  # c\n\n# footer\n"


def test_a_seeded_render_takes_the_unchanged_statements_from_the_text(request):
    import ast

    module = cst.parse_module(SEEDED)
    new = _renamed(module)
    assert new.code == SEEDED.replace("target", "renamed")
    renderer = Renderer()
    assert renderer.seed(module, SEEDED, ast.parse(SEEDED))
    rendered = request.getfixturevalue("rendered")
    assert renderer.code(new) == SEEDED.replace("target", "renamed")
    assert rendered == ["f", "f"]  # f(), replaced: its original once (to check the cut), the new one; g() never
    rendered.clear()
    assert renderer.code(module) == SEEDED and rendered == ["f"]  # (g() still from the text)


@pytest.mark.parametrize("src", [
    "x = target\n    # indented after a simple statement\ny = 2\n",  # (libcst: the comment is y's)
    "x = 1\n    # indented after a simple statement\ny = target\n",
])
def test_a_cut_libcst_does_not_make_is_caught_when_a_statement_around_it_changes(src):
    import ast

    from codemods.render import SeedMismatch

    module = cst.parse_module(src)
    renderer = Renderer()
    assert renderer.seed(module, src, ast.parse(src))
    with pytest.raises(SeedMismatch):
        renderer.code(_renamed(module))
    assert Renderer().code(_renamed(module)) == _renamed(module).code  # (what the pipeline then does)


def test_the_pipeline_output_is_libcsts_when_a_cut_is_wrong():
    from codemods.apply import apply_source
    from codemods.catalogue.force_text import ForceText

    src = "from django.utils.encoding import force_text\nx = force_text(1)\n    # indented\ny = 2\n"
    result = apply_source(src, "app/m.py", [ForceText()], target="4.2", elide=False)
    assert result.new == src.replace("force_text", "force_str") and not result.error


@pytest.mark.parametrize("src", ["x = 1", "a = 1\r\nb = 2\r\n", "x = 1\n\f\ny = 2\n", ""])
def test_texts_that_are_not_cut(src):
    import ast

    assert not Renderer().seed(cst.parse_module(src), src, ast.parse(src))


def test_the_cuts_are_libcsts_on_real_code():
    import ast
    from pathlib import Path

    from codemods.render import _cut

    django = pytest.importorskip("django")
    files = sorted(Path(django.__file__).parent.rglob("*.py"))[::3]
    statements = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        module = cst.parse_module(text)
        cut = _cut(module, text, ast.parse(text))
        if cut is None:
            continue
        header, codes, footer = cut
        assert codes == [module.code_for_node(s) for s in module.body], path
        assert header + "".join(codes) + footer == text, path
        statements += len(codes)
    assert statements > 2000


def test_a_wrong_cut_found_at_a_later_codemod_renders_the_whole_module_again():
    # (the first change seeds the renderer; the second sits next to a cut libcst does not make: the
    # whole module is rendered, with the first codemod's change in it)
    from codemods.apply import apply_source
    from codemods.catalogue.force_text import ForceText
    from codemods.catalogue.translation_aliases import TranslationAliases

    src = ("from django.utils.encoding import force_text\nfrom django.utils.translation import ugettext\n"
           "a = force_text(1)\n\n\nb = 1\nx = ugettext('x')\n    # indented\ny = 2\n")
    result = apply_source(src, "app/m.py", [ForceText(), TranslationAliases()], target="4.2", elide=False)
    assert not result.error and result.applied == ["force_text", "translation_aliases"]
    assert result.new == ("from django.utils.encoding import force_str\nfrom django.utils.translation import gettext\n"
                          "a = force_str(1)\n\n\nb = 1\nx = gettext('x')\n    # indented\ny = 2\n")


# -- the statements nested in a statement rendered again ------------------------------------------

NESTED = "def f():\n    a = target\n    b = 2\n    if b:\n        c = 3\n    elif a:\n        d = 4\n\n\nx = 1\n"


@pytest.fixture
def lines_rendered(monkeypatch):
    """The simple statement lines whose code libcst generates from now on (their code)."""
    codes = []
    original = cst.SimpleStatementLine._codegen

    def spy(self, state, *args, **kwargs):
        start = len(state.tokens)
        original(self, state, *args, **kwargs)
        codes.append("".join(state.tokens[start:]))

    monkeypatch.setattr(cst.SimpleStatementLine, "_codegen", spy)
    return codes


def _with_line(module, index, line):
    """``module`` whose first statement (a function) has body line ``index`` replaced by ``line``:
    the other lines are the very same objects, as a pruned transform leaves them."""
    f = module.body[0]
    body = list(f.body.body)
    body[index] = line
    return module.with_changes(body=[f.with_changes(body=f.body.with_changes(body=body)), *module.body[1:]])


def test_a_statement_changed_again_generates_only_its_changed_lines(request):
    renderer, first = _rendered_after_a_change()  # (f is generated: its lines are kept)
    assert first.code == NESTED.replace("target", "renamed")
    codes = request.getfixturevalue("lines_rendered")
    second = _with_line(first, 1, cst.parse_statement("b = 5\n"))
    code = renderer.code(second)
    assert codes == ["    b = 5\n"]  # not the other lines of f, nor those in its if / elif
    assert code == second.code == NESTED.replace("target", "renamed").replace("b = 2", "b = 5")


def _rendered_after_a_change():
    """A renderer that rendered ``NESTED`` and then ``NESTED`` with f's first line changed (its
    lines are kept), and that second module."""
    module = cst.parse_module(NESTED)
    renderer = Renderer()
    renderer.code(module)
    changed = _with_line(module, 0, cst.parse_statement("a = renamed\n"))
    renderer.code(changed)
    return renderer, changed


def test_a_kept_statement_at_another_indentation_is_generated_again():
    renderer, changed = _rendered_after_a_change()
    line = changed.body[0].body.body[1]  # "b = 2", kept at four spaces
    moved = changed.with_changes(body=[changed.body[0], line, *changed.body[1:]])
    assert renderer.code(moved) == moved.code and "\nb = 2\n" in moved.code


def test_an_elif_moved_out_of_its_if_is_an_if_again():
    renderer, changed = _rendered_after_a_change()
    f = changed.body[0]
    elif_ = f.body.body[2].orelse  # (generated as "elif a:")
    moved = _with_line(changed, 2, elif_)
    assert renderer.code(moved) == moved.code and "    if a:\n        d = 4\n" in moved.code


def test_nested_codes_on_real_code_are_libcsts():
    """Every definition of a real module changed line by line, one change per render, several times
    over: the renders are ``Module.code`` byte for byte."""
    import codemods.engine as engine_module

    module = cst.parse_module(open(engine_module.__file__, encoding="utf-8").read())
    renderer = Renderer()
    renderer.code(module)
    for round_ in range(3):
        body = list(module.body)
        for i, stmt in enumerate(body):
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) and len(stmt.body.body) > round_ + 1:
                lines = list(stmt.body.body)
                lines[round_ + 1] = lines[round_ + 1].with_changes(
                    leading_lines=[*lines[round_ + 1].leading_lines, cst.EmptyLine(comment=cst.Comment(f"# {round_}"))])
                body[i] = stmt.with_changes(body=stmt.body.with_changes(body=lines))
        module = module.with_changes(body=body)
        assert renderer.code(module) == module.code
