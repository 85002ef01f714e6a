"""Codemod: models.NullBooleanField(...) -> models.BooleanField(null=True, blank=True, ...)."""

from __future__ import annotations


import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_calls_of, has_star, keyword, kwarg, may_call, with_args
from codemods.imports import ImportIndex, add_from_import, count_references, remove_from_import
from codemods.keywords import resolve_call, star_source

OLD = ("django.db.models.NullBooleanField", "django.db.models.fields.NullBooleanField")
NEW = "django.db.models.BooleanField"


def _is_true(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "True"


class NullBooleanField(Codemod):
    """Rewrite the model field ``NullBooleanField(...)`` to ``BooleanField(null=True, blank=True, ...)``.

    What it does: calls of ``django.db.models.NullBooleanField`` (``models.NullBooleanField(...)``
    or the name imported from ``django.db.models`` / ``django.db.models.fields``) become
    ``BooleanField`` calls with ``null=True, blank=True`` added in front of the other arguments
    (positional arguments and other keywords are kept). ``NullBooleanField.__init__`` forced both
    ``null=True`` and ``blank=True``, so both are needed for the same behaviour: without
    ``blank=True`` a ``BooleanField(null=True)`` rejects ``None`` in ``full_clean()`` and in
    ``ModelForm`` validation. An explicit ``null=True`` / ``blank=True`` is kept; an explicit
    other value (which NullBooleanField silently overrode) is left alone and reported, as are
    calls with ``**kwargs`` (they could pass ``null=`` twice) and star / ``try:`` imports.
    ``django.forms.NullBooleanField`` is not deprecated and is never touched.

    Why: the model field was deprecated in Django 3.1 (system check ``fields.W903``) and removed
    in 4.0 (``fields.E903``), except a stub for historical migrations.

    Historical migrations are not touched (``migrations = False``); run ``makemigrations``
    afterwards: it records an ``AlterField`` per field (the column is unchanged; on some backends
    the ``CHECK`` constraint is recreated).

    Example::

        # before
        approved = models.NullBooleanField("approved?", default=None)

        # after
        approved = models.BooleanField("approved?", null=True, blank=True, default=None)

    Django versions: ``BooleanField(null=True)`` is allowed since Django 2.1, so this runs only for
    targets >= 2.1; needed before 4.0.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports and bindings)

    name = "null_boolean_field"
    changes = ("nullbooleanfield",)
    available_from = "2.1"
    removed_in = "4.0"
    triggers = ("NullBooleanField",)
    kinds = frozenset({"python"})
    migrations = False
    changes_model_state = True

    def prefilter(self, text: str) -> bool:
        return may_call(text, "NullBooleanField")

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(True for q in OLD for _ in ast_calls_of(tree, q))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        free = "BooleanField" not in index.other_bound and \
            all(b.qualname in (NEW, "django.db.models.fields.BooleanField") for b in index.bindings.get("BooleanField", []))
        t = _Transformer(index, ctx, free)
        new = module.visit(t)
        if t.bare_used:
            new = add_from_import(new, "django.db.models", "BooleanField")
            for local, mod in t.bare_locals:
                if count_references(new, local) == 0:
                    new = remove_from_import(new, mod, "NullBooleanField")
        return new


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext, bare_ok: bool):
        self.index, self.ctx, self.bare_ok = index, ctx, bare_ok
        self.bare_used = False
        self.bare_locals: set[tuple[str, str]] = set()

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        qual, reason = resolve_call(self.index, updated.func)
        if qual not in OLD:
            if reason and isinstance(updated.func, (cst.Name, cst.Attribute)) and \
                    (updated.func.value if isinstance(updated.func, cst.Name) else updated.func.attr.value) == "NullBooleanField":
                self.ctx.report(original, f"NullBooleanField left alone: {reason}")
            elif star_source(self.index, updated.func, OLD):
                self.ctx.report(original, "NullBooleanField may come from a star import: use BooleanField(null=True, blank=True) by hand")
            return updated
        if has_star(updated, ("**",)):
            self.ctx.report(original, "NullBooleanField(**kwargs) left alone: use BooleanField(null=True, blank=True) by hand")
            return updated
        for name in ("null", "blank"):
            arg = keyword(updated, name)
            if arg is not None and not _is_true(arg.value):
                self.ctx.report(original, f"NullBooleanField({name}=...) left alone: NullBooleanField ignored it "
                                          f"(always {name}=True); decide by hand")
                return updated
        # the callee
        func = updated.func
        if isinstance(func, cst.Attribute):
            func = func.with_changes(attr=cst.Name("BooleanField"))
        else:
            if not self.bare_ok:
                self.ctx.report(original, "NullBooleanField left alone: the name 'BooleanField' is used for something else")
                return updated
            b = self.index.binding(func.value)
            self.bare_locals.add((func.value, b.module))
            self.bare_used = True
            func = cst.Name("BooleanField")
        # arguments: positional first, then null=True, blank=True (unless given), then the keywords
        args = list(updated.args)
        extra = [kwarg(n, cst.Name("True")) for n in ("null", "blank") if keyword(updated, n) is None]
        if not args:
            return with_args(updated.with_changes(func=func), extra)
        positional_args = [a for a in args if a.keyword is None]
        rest = [a for a in args if a.keyword is not None]
        new_args = [*positional_args, *extra, *rest]
        # keep the layout (one argument per line stays so): new commas copy an existing one
        template = next((a.comma for a in args if isinstance(a.comma, cst.Comma)),
                        cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        last = args[-1]
        out = []
        for i, a in enumerate(new_args):
            if i == len(new_args) - 1:
                if a is not last:
                    a = a.with_changes(whitespace_after_arg=last.whitespace_after_arg)
                out.append(a.with_changes(comma=last.comma))
            else:
                if a is last:
                    a = a.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))
                out.append(a if isinstance(a.comma, cst.Comma) else a.with_changes(comma=template))
        return updated.with_changes(func=func, args=out)
