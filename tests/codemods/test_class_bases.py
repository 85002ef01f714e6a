"""codemods.class_bases: sorting a class's bases into known / unsure / other."""

import libcst as cst

from codemods.class_bases import match_bases
from codemods.imports import ImportIndex

BASE = "django.contrib.auth.views.LogoutView"


def _classes(src):
    module = cst.parse_module(src)
    index = ImportIndex.build(module)
    return index, {s.name.value: s for s in module.body if isinstance(s, cst.ClassDef)}


def test_direct_through_module_class_and_others():
    index, cls = _classes("from django.contrib.auth import views\n"
                          "class A(views.LogoutView): pass\n"
                          "class B(mixins.Thing, A, f()): pass\n"
                          "class C(Other): pass\n")
    is_base = lambda qual: qual == BASE  # noqa: E731
    a = match_bases(cls["A"], index, set(), is_base)
    assert (a.found, a.reasons, a.others) == (True, [], [])
    b = match_bases(cls["B"], index, {"A"}, is_base)
    assert (b.found, b.reasons, b.others) == (True, [], ["mixins.Thing"])  # ``f()`` is skipped
    assert match_bases(cls["B"], index, set(), is_base).found is False
    c = match_bases(cls["C"], index, {"A"}, is_base)
    assert (c.found, c.others) == (False, ["Other"])


def test_unsure_import_gives_a_reason_not_a_match():
    index, cls = _classes("try:\n"
                          "    from django.contrib.auth.views import LogoutView\n"
                          "except ImportError:\n"
                          "    LogoutView = object\n"
                          "class A(LogoutView): pass\n")
    m = match_bases(cls["A"], index, set(), lambda qual: qual == BASE)
    assert m.found is False and len(m.reasons) == 1 and m.reasons[0]


def test_ast_bases_may_match():
    """The confirmations' question on the ``ast``: through the imports (every binding of a name),
    or by a name the caller accepts; starred bases too; anything else is not a match."""
    import ast

    from codemods.calls import ast_import_targets
    from codemods.class_bases import ast_bases_may_match

    views = ("django.views.generic.DeleteView",)

    def match(source: str, named=lambda _: False) -> bool:
        tree = ast.parse(source)
        cls = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "V")
        return ast_bases_may_match(cls, ast_import_targets(tree), views, named)

    assert match("from django.views.generic import DeleteView as D\nclass V(D): pass\n")
    assert match("from django.views import generic\nclass V(generic.DeleteView): pass\n")
    assert match("try:\n    from django.views.generic import DeleteView as D\nexcept ImportError:\n"
                 "    from compat import D\nclass V(D): pass\n")  # (either import may be the one)
    assert not match("from django.views.generic import DeleteView as D\nclass V(*[D]): pass\n")  # (not a name)
    assert match("from django.views.generic import DeleteView\nclass V(*bases, DeleteView): pass\n")
    assert not match("class V(DeleteView): pass\n")  # (not imported: only a name the caller accepts)
    assert match("class V(DeleteView): pass\n", lambda chain: chain.endswith("DeleteView"))
    assert not match("from compat import D\nclass V(D, make()): pass\n")
