"""codemods.old_name_uses: the shared "report every other use of the old name" transformer."""

import libcst as cst

from codemods.apply import make_context
from codemods.imports import ImportIndex
from codemods.old_name_uses import OldNameUses

OLD = "pkg.mod.Old"


class _BasesOnly(OldNameUses):
    def visit_ClassDef(self, node):
        for arg in node.bases:
            if self._is_old(arg.value):
                self.allowed.add(id(arg.value))

    def message(self, node) -> str:
        return "other use"


def _messages(src: str) -> list[str]:
    module = cst.parse_module(src)
    ctx = make_context("x.py", src, None)
    module.visit(_BasesOnly(ImportIndex.build(module), ctx, (OLD,)))
    return [f.message for f in ctx.findings]  # (lines need the codemod pipeline's position metadata)


def test_reports_uses_outside_imports_and_allowed_positions_once_each():
    src = ("from pkg.mod import Old\n"          # 1: import: not a use
           "from pkg import mod\n"              # 2
           "class A(Old): pass\n"               # 3: allowed
           "class B(mod.Old): pass\n"           # 4: allowed (the attribute and its parts)
           "x = Old()\n"                        # 5: reported
           "isinstance(x, mod.Old)\n"           # 6: reported once (not again for its ``Old`` part)
           "y = other.Old\n")                   # 7: not the old name
    assert _messages(src) == ["other use", "other use"]  # lines 5 and 6


def test_import_depth_returns_to_zero():
    module = cst.parse_module("import a\nfrom b import c\n")
    t = _BasesOnly(ImportIndex.build(module), make_context("x.py", "", None), (OLD,))
    module.visit(t)
    assert t.in_import == 0
