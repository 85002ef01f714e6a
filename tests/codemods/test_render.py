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


def test_only_the_changed_statements_are_rendered_again(monkeypatch):
    src = "import os\n\n\ndef f():\n    return target\n\n\ndef g():\n    return os\n\nx = target\n"
    module = cst.parse_module(src)
    renderer = Renderer()
    assert renderer.code(module) == src
    renamed = module.visit(_Rename())  # (as a pruned transform returns it: the untouched statements as they were)
    new = module.with_changes(body=[module.body[0], renamed.body[1], module.body[2], renamed.body[3]])
    rendered = []
    original = cst.FunctionDef._codegen

    def spy(self, state, *args, **kwargs):
        rendered.append(self.name.value)
        return original(self, state, *args, **kwargs)

    monkeypatch.setattr(cst.FunctionDef, "_codegen", spy)
    code = renderer.code(new)
    assert rendered == ["f"]  # g() is the very same statement: its code is kept
    assert code == new.code == src.replace("target", "renamed")



def test_libcsts_own_code_generation_when_its_internals_change(monkeypatch):
    import codemods.render as render

    module = cst.parse_module("x = 1\ny = 2\n")
    monkeypatch.setattr(render, "CodegenState", None)  # (a libcst release without it)
    assert Renderer().code(module) == "x = 1\ny = 2\n"
