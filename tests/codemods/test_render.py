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
