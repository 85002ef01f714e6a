"""Codemod: a related field defining get_path_info() also gets the path_infos cached properties (4.1)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.class_body import defined_names
from codemods.imports import ImportIndex, add_from_import
from codemods.names import name_for

# method -> the cached property Django 4.1 reads instead
PROPERTIES = {"get_path_info": "path_infos", "get_reverse_path_info": "reverse_path_infos"}
CACHED_PROPERTY = "django.utils.functional.cached_property"


def _wanted(body_names: set[str]) -> list[tuple[str, str]]:
    return [(m, p) for m, p in PROPERTIES.items() if m in body_names and p not in body_names]


def _takes_filtered_relation(fn) -> bool:
    names = [a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs]
    return "filtered_relation" in names


class PathInfosProperties(Codemod):
    """Add the ``path_infos`` / ``reverse_path_infos`` cached properties to a related field that
    defines ``get_path_info()`` / ``get_reverse_path_info()`` (Django 4.1).

    What it does: in a class that defines ``get_path_info(self, filtered_relation=None)`` (or
    ``get_reverse_path_info``) but not ``path_infos`` (``reverse_path_infos``), adds right after
    the method::

        @cached_property
        def path_infos(self):
            return self.get_path_info()

    importing ``cached_property`` from ``django.utils.functional`` when the module does not have it.
    A class where the name ``cached_property`` means something else, or that already defines the
    property, is left alone (reported in the first case).

    Why: Django 4.1 resolves lookups and joins through the cached properties
    ``field.path_infos`` / ``field.reverse_path_infos`` (and ``ForeignObjectRel.path_infos`` reads
    ``field.reverse_path_infos``) instead of calling ``get_path_info()``. A custom relation that
    derives from ``RelatedField`` (not ``ForeignObject``, which has them) and only overrides the
    methods - django-taggit 1.5's ``TaggableManager`` - makes ``hasattr(field, "path_infos")``
    false, so the query treats the relation as a plain column: ``AttributeError: 'ManyToManyRel'
    object has no attribute 'get_col'`` on every filter across it. There was no deprecation period.

    Example::

        # before
        class TaggableManager(RelatedField):
            def get_path_info(self, filtered_relation=None):
                return self._get_path_info(direct=True, filtered_relation=filtered_relation)

        # after
        class TaggableManager(RelatedField):
            def get_path_info(self, filtered_relation=None):
                return self._get_path_info(direct=True, filtered_relation=filtered_relation)

            @cached_property
            def path_infos(self):
                return self.get_path_info()

    Django versions: the properties are what Django's own fields define from 4.1 (nothing reads
    them before; ``cached_property`` exists in every release), so any target; needed from 4.1. As in
    Django, the result is computed once per field instance.
    """

    name = "path_infos_properties"
    changes = ("path-infos-cached-properties",)
    available_from = "1.11"
    removed_in = "4.1"
    triggers = ("get_path_info", "get_reverse_path_info")
    kinds = frozenset({"python"})
    migrations = False
    # prunable: the classes to change hold a trigger (the override's name); the import goes in after the walk

    def prefilter(self, text: str) -> bool:
        return any(t in text for t in self.triggers) and "_path_info(" in text and "filtered_relation" in text

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        for cls in nodes_of(tree, ast.ClassDef):
            methods = {s.name: s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
            assigned = {t.id for s in cls.body if isinstance(s, (ast.Assign, ast.AnnAssign))
                        for t in (s.targets if isinstance(s, ast.Assign) else [s.target]) if isinstance(t, ast.Name)}
            if any(_takes_filtered_relation(methods[m]) for m, _ in _wanted(set(methods) | assigned)):
                return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        adder = _AddProperties(name_for(index, CACHED_PROPERTY), ctx, module.config_for_parsing)
        new = module.visit(adder)
        if adder.changed and adder.needs:
            new = add_from_import(new, *adder.needs)
        return new


class _AddProperties(cst.CSTTransformer):
    """After each ``get_path_info`` / ``get_reverse_path_info`` override taking ``filtered_relation``,
    the cached property 4.1 reads (``got``: how ``cached_property`` is written here, and the import
    it needs, or None when the name means something else in this module)."""

    def __init__(self, got, ctx: FileContext, config):
        self.got, self.ctx, self.config = got, ctx, config
        self.needs, self.changed = None, False

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
        body = list(updated.body.body)
        names = {name for _, name in defined_names(body)}
        wanted = [(m, p) for m, p in _wanted(names)
                  if any(isinstance(s, cst.FunctionDef) and s.name.value == m and _cst_takes(s) for s in body)]
        if not wanted:
            return updated
        if self.got is None:
            self.ctx.report(original, "'cached_property' means something else here: add the path_infos / "
                                      "reverse_path_infos cached properties by hand (Django 4.1 reads them)")
            return updated
        deco, needs = self.got
        for method, prop in wanted:
            at = next(i for i, s in enumerate(body) if isinstance(s, cst.FunctionDef) and s.name.value == method)
            new = cst.parse_statement(f"@{deco}\ndef {prop}(self):\n    return self.{method}()\n", config=self.config)
            new = new.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
            body.insert(at + 1, new)
        self.needs, self.changed = needs, True
        return updated.with_changes(body=updated.body.with_changes(body=body))


def _cst_takes(fn: cst.FunctionDef) -> bool:
    p = fn.params
    return any(x.name.value == "filtered_relation" for x in (*p.posonly_params, *p.params, *p.kwonly_params))
