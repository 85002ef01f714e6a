"""codemods.class_body: the names a class body defines."""

import libcst as cst

from codemods.class_body import defined_names


def test_defs_and_assignment_targets_in_order():
    cls = cst.parse_statement("class A:\n"
                              "    a = b = 1\n"
                              "    def f(self): pass\n"
                              "    c: int = 2; d += 1\n"
                              "    e, g = 1, 2\n"
                              "    self.h = 3\n"
                              "    class Inner: pass\n")
    assert defined_names(cls.body.body) == [(0, "a"), (0, "b"), (1, "f"), (2, "c")]
