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
