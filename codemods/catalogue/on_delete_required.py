"""Codemod: ForeignKey / OneToOneField without on_delete -> on_delete=models.CASCADE."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_calls_of, has_star, may_call_any, keyword, kwarg, positional, with_args
from codemods.imports import ImportIndex, add_from_import, dotted
from codemods.keywords import resolve_call, star_source

_MODULES = ("django.db.models", "django.db.models.fields.related", "django.contrib.gis.db.models")
_FIELDS = ("ForeignKey", "OneToOneField")
CALLABLES = tuple(f"{m}.{f}" for m in _MODULES for f in _FIELDS)
_CASCADES = ("django.db.models.CASCADE", "django.db.models.deletion.CASCADE")


def _needs_on_delete(call: ast.Call) -> bool:
    if any(k.arg == "on_delete" for k in call.keywords):
        return False
    if any(isinstance(a, ast.Starred) for a in call.args):
        return True  # reported by transform
    return len(call.args) < 2


class OnDeleteRequired(Codemod):
    """Add ``on_delete=models.CASCADE`` to ``ForeignKey`` / ``OneToOneField`` calls that lack it.

    What it does: a ``ForeignKey(...)`` or ``OneToOneField(...)`` of ``django.db.models`` (also
    ``django.contrib.gis.db.models``) called without ``on_delete`` (keyword, or the second positional
    argument) gets ``on_delete=<models>.CASCADE`` appended, written through the module the field
    itself comes from (``models.CASCADE`` for ``models.ForeignKey``,
    ``django.db.models.deletion.CASCADE`` in migrations that import that, or a
    ``from django.db.models import CASCADE`` added for a bare ``ForeignKey``). Historical migrations
    are rewritten too (Django 2.0 cannot load them otherwise). Calls passing ``*args`` or
    ``**kwargs`` (which may carry ``on_delete``) and names that may come from star imports or unsure
    imports are reported and left alone.

    Why: ``on_delete`` defaulted to ``CASCADE`` until Django 1.11; Django 1.9 deprecated the default
    (``RemovedInDjango20Warning``: "on_delete will be a required arg for ForeignKey in Django 2.0.
    Set it to models.CASCADE on models and in existing migrations if you want to maintain the current
    default behavior.") and 2.0 made it a required argument. ``CASCADE`` is exactly the old default,
    so no migration changes state.

    Example::

        # before
        author = models.ForeignKey(User, related_name="posts")

        # after
        author = models.ForeignKey(User, related_name="posts", on_delete=models.CASCADE)

    Django versions: ``on_delete`` is accepted by every release the tool knows; needed before 2.0.
    """

    name = "on_delete_required"
    changes = ("on-delete-required",)
    available_from = "1.11"
    removed_in = "2.0"
    triggers = ("ForeignKey", "OneToOneField")
    kinds = frozenset({"python"})
    migrations = True

    def prefilter(self, text: str) -> bool:
        return super().prefilter(text) and may_call_any(text, CALLABLES)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(_needs_on_delete(c) or any(k.arg is None for k in c.keywords)
                   for q in CALLABLES for c in ast_calls_of(tree, q))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        visitor = _AddOnDelete(index, ctx)
        new = module.visit(visitor)
        if visitor.needs_import:
            new = add_from_import(new, "django.db.models", "CASCADE")
        return new


class _AddOnDelete(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx
        self.needs_import = False
        self.reported: set[str] = set()

    def _cascade(self, func: cst.BaseExpression) -> cst.BaseExpression | None:
        chain = dotted(func)
        if "." in chain:  # models.ForeignKey -> models.CASCADE (the same module object)
            base = chain.rpartition(".")[0]
            qual = self.index.resolve(func).rpartition(".")[0]
            if qual == "django.db.models.fields.related":
                return None
            return cst.parse_expression(f"{base}.CASCADE")
        for local in ("CASCADE",):
            b = self.index.binding(local)
            if b is not None:
                return cst.Name("CASCADE") if b.qualname in _CASCADES and not self.index.unsure_reason(local) else None
        if "CASCADE" in self.index.other_bound:
            return None
        self.needs_import = True
        return cst.Name("CASCADE")

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        chain = dotted(updated.func)
        if chain is None or chain.rpartition(".")[2] not in _FIELDS:
            return updated
        qual, reason = resolve_call(self.index, updated.func)
        if qual not in CALLABLES:
            if keyword(updated, "on_delete") is None:
                if reason and reason not in self.reported:
                    self.reported.add(reason)
                    self.ctx.report(original, f"left {chain}() alone: {reason}; add on_delete= by hand")
                elif qual is None and star_source(self.index, updated.func, CALLABLES):
                    self.ctx.report(original, f"'{chain}' may come from a star import: add on_delete= by hand")
            return updated
        if keyword(updated, "on_delete") is not None or len(positional(updated)) >= 2:
            return updated
        if has_star(updated):
            self.ctx.report(original, f"{chain}(*args/**kwargs) may pass on_delete: check it by hand")
            return updated
        cascade = self._cascade(updated.func)
        if cascade is None:
            self.ctx.report(original, f"{chain}() has no on_delete and CASCADE cannot be named safely here: "
                                      "add on_delete=models.CASCADE by hand")
            return updated
        return with_args(updated, list(updated.args) + [kwarg("on_delete", cascade)])
