"""Codemod: FieldCacheMixin.get_cache_name() overrides -> a cache_name cached_property."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.imports import ImportIndex, add_from_import, dotted
from codemods.names import name_for

_BASES = {"FieldCacheMixin", "ForeignObject", "ForeignKey", "OneToOneField", "GenericForeignKey",
          "ForeignObjectRel", "ManyToOneRel", "OneToOneRel", "GenericRel"}


def _is_plain_getter(fn: cst.FunctionDef) -> bool:
    p = fn.params
    return (not fn.decorators and len(p.params) == 1 and not p.posonly_params and not p.kwonly_params
            and not isinstance(p.star_arg, cst.Param) and p.star_kwarg is None)


class FieldCacheName(Codemod):
    """Turn ``get_cache_name()`` overrides into a ``cache_name`` cached property.

    What it does: in a class deriving from ``FieldCacheMixin`` or one of Django's relation fields and
    descriptors that use it (``ForeignObject``, ``ForeignKey``, ``OneToOneField``,
    ``GenericForeignKey``, the ``*Rel`` classes), ``def get_cache_name(self): ...`` becomes
    ``@cached_property`` ``def cache_name(self): ...`` (importing ``cached_property`` from
    ``django.utils.functional``), and ``x.get_cache_name()`` calls in the same module become
    ``x.cache_name``. Left alone and reported: a ``get_cache_name`` with other parameters or
    decorators, and modules where ``cached_property`` names something else. Callers in OTHER modules
    must switch to ``.cache_name`` too (their ``.get_cache_name()`` is found by ``fix``/``plan``).

    Why: Django 5.1 made ``cache_name`` a cached property and deprecated ``get_cache_name()``
    (``RemovedInDjango60Warning``: "Override <Class>.cache_name instead of get_cache_name()."); 6.0
    no longer calls ``get_cache_name()``.

    Example::

        # before
        class TagField(ForeignObject):
            def get_cache_name(self):
                return "tag"

        # after
        class TagField(ForeignObject):
            @cached_property
            def cache_name(self):
                return "tag"

    Django versions: ``cache_name`` is what Django reads since 5.1 (targets >= 5.1 only); needed
    before 6.0.
    """

    name = "field_cache_name"
    changes = ("fieldcachemixin-get-cache-name",)
    available_from = "5.1"
    removed_in = "6.0"
    triggers = ("get_cache_name",)
    kinds = frozenset({"python"})
    migrations = False

    def prune_needles(self) -> tuple[str, ...]:
        return ("cache_name",)  # a class's own def cache_name is seen (never hidden), and every get_cache_name

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        for cls in nodes_of(tree, ast.ClassDef):
            bases = {(b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")) for b in cls.bases}
            if bases & _BASES and any(isinstance(i, ast.FunctionDef) and i.name == "get_cache_name" for i in cls.body):
                return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        found = name_for(index, "django.utils.functional.cached_property", ("functools.cached_property",))
        t = _Rewrite(ctx, found[0] if found else None)
        new = module.visit(t)
        if not t.renamed:
            return module
        new = new.visit(_Callers())
        if found and found[1]:
            new = add_from_import(new, *found[1])
        return new


class _Rewrite(cst.CSTTransformer):
    def __init__(self, ctx: FileContext, decorator: str | None):
        self.ctx, self.decorator = ctx, decorator
        self.classes: list[bool] = []
        self.renamed = False

    def visit_ClassDef(self, node):
        names = {(dotted(b.value) or "").rpartition(".")[2] for b in node.bases}
        self.classes.append(bool(names & _BASES))

    def leave_ClassDef(self, original, updated):
        if not self.classes.pop():
            return updated
        body = list(updated.body.body)
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == "get_cache_name":
                if any(isinstance(s, cst.FunctionDef) and s.name.value == "cache_name" for s in body):
                    self.ctx.report(original, "this class defines cache_name already: remove get_cache_name by hand")
                    return updated
                if not _is_plain_getter(stmt) or self.decorator is None:
                    self.ctx.report(original, "get_cache_name() has decorators/parameters (or cached_property is taken): "
                                              "make it a cache_name cached_property by hand")
                    return updated
                body[i] = stmt.with_changes(name=cst.Name("cache_name"),
                                            decorators=[cst.Decorator(decorator=cst.parse_expression(self.decorator))])
                self.renamed = True
        return updated.with_changes(body=updated.body.with_changes(body=body))


class _Callers(cst.CSTTransformer):
    def leave_Call(self, original, updated):
        f = updated.func
        if isinstance(f, cst.Attribute) and f.attr.value == "get_cache_name" and not updated.args:
            return f.with_changes(attr=cst.Name("cache_name"), lpar=updated.lpar, rpar=updated.rpar)
        return updated
