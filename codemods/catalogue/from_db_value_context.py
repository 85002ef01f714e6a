"""Codemod: Field.from_db_value(self, value, expression, connection, context) -> without context."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.signature import OverrideSignatureCodemod, is_super_call, name_uses, positional_names, remove_param


def _is_context(arg: cst.Arg) -> bool:
    return isinstance(arg.value, cst.Name) and arg.value.value == "context" and arg.star == "" \
        and (arg.keyword is None or arg.keyword.value == "context")


def _context_arg(call: cst.Call) -> int | None:
    """Index of the ``context`` argument a super() call passes on (5th positional or keyword)."""
    for i, a in enumerate(call.args):
        if _is_context(a) and (a.keyword is not None or i == 3):
            return i
    return None


class FromDbValueContext(OverrideSignatureCodemod):
    """Drop the unused ``context`` parameter of ``from_db_value()``.

    What it does: ``def from_db_value(self, value, expression, connection, context)`` (in any class:
    custom model fields) becomes ``def from_db_value(self, value, expression, connection)`` when
    the body uses ``context`` at most to pass it to ``super().from_db_value(...)`` (that argument is
    dropped too). A body that reads ``context`` is reported and left alone.

    Why: ``context`` was always an empty dict; Django 2.0 deprecated it (``RemovedInDjango30Warning``:
    "Remove the context parameter from <Field>.from_db_value(). Support for it will be removed in
    Django 3.0.") and 3.0 stopped passing it (``TypeError: from_db_value() missing 1 required
    positional argument: 'context'``).

    Example::

        # before
        def from_db_value(self, value, expression, connection, context):
            return self.to_python(value)

        # after
        def from_db_value(self, value, expression, connection):
            return self.to_python(value)

    Django versions: Django calls it without ``context`` when the method does not accept it since
    2.0; needed before 3.0.
    """

    name = "from_db_value_context"
    changes = ("field-from-db-value",)
    available_from = "2.0"
    removed_in = "3.0"
    triggers = ("from_db_value",)
    kinds = frozenset({"python"})
    migrations = False
    method = "from_db_value"

    def ast_needs_change(self, fn) -> bool:
        return [a.arg for a in fn.args.posonlyargs + fn.args.args][-1:] == ["context"] \
            and len(fn.args.posonlyargs + fn.args.args) == 5

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        names = positional_names(fn)
        if len(names) != 5 or names[-1] != "context" or fn.params.kwonly_params:
            return None
        supers = _SuperContext()
        fn.body.visit(supers)
        if name_uses(fn.body, "context") != supers.count:
            ctx.report(fn, "from_db_value() reads 'context' (always an empty dict): remove it by hand")
            return None
        return remove_param(fn, "context")

    def new_super_call(self, call: cst.Call, fn, ctx):
        i = _context_arg(call)
        if i is None:
            return call
        args = [a for j, a in enumerate(call.args) if j != i]
        if args:
            args[-1] = args[-1].with_changes(comma=call.args[-1].comma if i != len(call.args) - 1 else cst.MaybeSentinel.DEFAULT)
        return call.with_changes(args=args)


class _SuperContext(cst.CSTVisitor):
    def __init__(self):
        self.count = 0

    def visit_Call(self, node):
        if is_super_call(node, "from_db_value") and _context_arg(node) is not None:
            self.count += 1
