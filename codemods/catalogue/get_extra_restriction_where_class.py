"""Codemod: get_extra_restriction(self, where_class, alias, related_alias) -> (self, alias, related_alias)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.signature import OverrideSignatureCodemod, is_super_call, name_uses, positional_names, remove_param


def _super_calls(body: cst.CSTNode) -> list[cst.Call]:
    """The ``super().get_extra_restriction(...)`` calls in a method's body."""
    found = []

    class _Find(cst.CSTVisitor):
        def visit_Call(self, call):
            if is_super_call(call, "get_extra_restriction"):
                found.append(call)

    body.visit(_Find())
    return found


def _plain(call: cst.Call) -> bool:
    return len(call.args) == 3 and not any(a.keyword is not None or a.star for a in call.args)


class GetExtraRestrictionWhereClass(OverrideSignatureCodemod):
    """Drop the ``where_class`` parameter from ``get_extra_restriction()`` overrides (Django 4.0).

    What it does: in any class (a custom related field, a tagging manager, a generic relation),
    ``def get_extra_restriction(self, where_class, alias, related_alias)`` becomes
    ``def get_extra_restriction(self, alias, related_alias)``, and a
    ``super().get_extra_restriction(where_class, alias, related_alias)`` inside it loses its first
    argument. An override whose body uses ``where_class`` (to build the condition) is left alone and
    reported: build it with ``django.db.models.sql.where.WhereNode`` by hand.

    Why: Django 4.0 calls the private ``ForeignObject.get_extra_restriction(alias, related_alias)`` /
    ``ForeignObjectRel.get_extra_restriction(alias, related_alias)`` without ``where_class``
    (there was no deprecation period). An override that still takes it fails with ``TypeError:
    get_extra_restriction() missing 1 required positional argument`` on every query joining through
    the field. django-taggit 1.5 is an example (fixed in taggit 2.0 by this very change).

    Example::

        # before
        def get_extra_restriction(self, where_class, alias, related_alias):
            return ExtraJoinRestriction(related_alias, self.column, self.ids)

        # after
        def get_extra_restriction(self, alias, related_alias):
            return ExtraJoinRestriction(related_alias, self.column, self.ids)

    Django versions: the two-argument form is what 4.0 and later call (3.2 and earlier pass
    ``where_class`` first, so the rewrite runs only for targets 4.0 and later); needed from 4.0.
    """

    name = "get_extra_restriction_where_class"
    changes = ("get-extra-restriction-where-class",)
    available_from = "4.0"
    removed_in = "4.0"
    triggers = ("get_extra_restriction",)
    kinds = frozenset({"python"})
    migrations = False
    method = "get_extra_restriction"

    def ast_needs_change(self, fn) -> bool:
        names = [a.arg for a in fn.args.posonlyargs + fn.args.args]
        return len(names) == 4 and not fn.args.defaults and not fn.args.kwonlyargs \
            and fn.args.vararg is None and fn.args.kwarg is None

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        names = positional_names(fn)
        if len(names) != 4 or fn.params.kwonly_params or fn.params.posonly_params \
                or any(p.default is not None for p in fn.params.params):
            return None
        where = names[1]
        calls = _super_calls(fn.body)
        if not all(_plain(c) for c in calls):
            ctx.report(fn, "super().get_extra_restriction() with keywords or * arguments: drop where_class by hand")
            return None
        passed_on = sum(1 for c in calls if isinstance(c.args[0].value, cst.Name) and c.args[0].value.value == where)
        if name_uses(fn.body, where) > passed_on:  # (passed straight on to super(), it goes too)
            ctx.report(fn, f"get_extra_restriction() uses '{where}' (Django 4.0 no longer passes it): drop the "
                           "parameter and build the condition with django.db.models.sql.where.WhereNode by hand")
            return None
        return remove_param(fn, where)

    def new_super_call(self, call: cst.Call, fn: cst.FunctionDef, ctx: FileContext) -> cst.Call:
        args = list(call.args)  # (new_params accepted the def: every super() call here is plain)
        rest = args[1:]
        rest[-1] = rest[-1].with_changes(comma=args[-1].comma)
        return call.with_changes(args=rest)
