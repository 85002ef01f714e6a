"""Codemod: django.test.utils.str_prefix(s) -> (s % {"_": ""})."""

from __future__ import annotations

import libcst as cst

from codemods.calls import positional
from codemods.callrewrite import CallRewriteCodemod
from codemods.imports import remove_if_unused

OLD = "django.test.utils.str_prefix"


class StrPrefix(CallRewriteCodemod):
    """Inline the removed Python 2 test helper ``str_prefix()``.

    What it does: ``str_prefix("%(_)s'abc'")`` becomes ``("%(_)s'abc'" % {"_": ""})`` - the
    helper's whole body on Python 3 (it filled the ``u`` prefix of Python 2 reprs) - and the import
    is dropped once unused. Simplify the literal by hand afterwards if you like. Calls with
    ``*args`` / ``**kwargs`` or a keyword argument are reported.

    Why: a private Python 2 compatibility helper, removed in Django 3.0 without a deprecation
    period (``ImportError``).

    Example::

        # before
        self.assertEqual(repr(obj), str_prefix("<Obj: %(_)s'x'>"))

        # after
        self.assertEqual(repr(obj), ("<Obj: %(_)s'x'>" % {"_": ""}))

    Django versions: the expression works everywhere; needed before 3.0.
    """

    name = "str_prefix"
    changes = ("str-prefix",)
    available_from = "1.11"
    removed_in = "3.0"
    triggers = ("str_prefix",)
    kinds = frozenset({"python"})
    migrations = False
    callables = (OLD,)

    def rewrite(self, call, qual, ctx, edit):
        pos = positional(call)
        if len(call.args) != 1 or len(pos) != 1:
            edit.report("str_prefix() with unexpected arguments: inline s % {'_': ''} by hand")
            return None
        value = pos[0].value
        if not isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
            value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        mapping = cst.parse_expression('{"_": ""}')
        return cst.BinaryOperation(left=value, operator=cst.Modulo(), right=mapping,
                                   lpar=[cst.LeftParen()], rpar=[cst.RightParen()])

    def after(self, module, index, ctx):
        for local in index.locals_for(OLD):
            module = remove_if_unused(module, "django.test.utils", "str_prefix", local)
        return module
