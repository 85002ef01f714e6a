"""codemods.local_bindings: binding targets and nested-scope depth."""

import libcst as cst

from codemods.local_bindings import BindingTargets, NestedDepth, names_in


class _Collect(NestedDepth, BindingTargets):
    def __init__(self):
        self.seen: list[tuple[str, int]] = []

    def bound(self, names):
        self.seen.extend((n, self.depth) for n in names)


def test_names_in_targets():
    assert names_in(cst.parse_expression("(a, [b, *c])")) == ["a", "b", "c"]
    assert names_in(cst.parse_expression("x.a")) == []
    assert names_in(cst.parse_expression("x[0]")) == []


def test_binding_statements_and_depth():
    src = ("a = 1\n"
           "b += 1\n"
           "c: int = 1\n"
           "for d, *e in x: pass\n"
           "with f() as g: pass\n"
           "(h := 1)\n"
           "def k():\n"
           "    m = lambda: (n := 1)\n"
           "x.attr = 1\n"
           "global z\n")
    c = _Collect()
    cst.parse_module(src).visit(c)
    assert c.seen == [("a", 0), ("b", 0), ("c", 0), ("d", 0), ("e", 0), ("g", 0), ("h", 0), ("m", 1), ("n", 2)]
    assert c.depth == 0
