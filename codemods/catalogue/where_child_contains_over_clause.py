"""Codemod: a plain class used as a WHERE condition gets ``contains_over_clause = False`` (4.2)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.class_body import defined_names


def _assigned(body) -> set[str]:
    out = set()
    for s in body:
        targets = s.targets if isinstance(s, ast.Assign) else [s.target] if isinstance(s, ast.AnnAssign) else []
        out |= {t.id for t in targets if isinstance(t, ast.Name)}
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.add(s.name)
    return out


def _plain(cls: ast.ClassDef) -> bool:
    """No base (or only ``object``), no metaclass: nothing can supply the attribute."""
    return not cls.keywords and all(isinstance(b, ast.Name) and b.id == "object" for b in cls.bases)


def _needs_it(cls: ast.ClassDef) -> bool:
    names = _assigned(cls.body)
    return _plain(cls) and "contains_aggregate" in names and "as_sql" in names and "contains_over_clause" not in names


class WhereChildContainsOverClause(Codemod):
    """Add ``contains_over_clause = False`` beside ``contains_aggregate`` in a plain class that is used
    as a WHERE condition (Django 4.2).

    What it does: a class with no base class that defines ``as_sql()`` and ``contains_aggregate`` -
    the shape of a hand-made condition object put into a query's ``WhereNode`` (a join restriction
    returned by ``get_extra_restriction()``, a custom lookup-like node) - but not
    ``contains_over_clause``, gets ``contains_over_clause = False`` right after its
    ``contains_aggregate`` line. A class deriving from anything (an ``Expression`` has the attribute
    already) is never touched.

    Why: Django 4.2 splits a query's conditions into WHERE, HAVING and QUALIFY (filtering against
    window functions) and asks every child of the ``WhereNode`` for ``contains_over_clause``. A
    condition object without it fails every query it is part of: ``AttributeError:
    'ExtraJoinRestriction' object has no attribute 'contains_over_clause'`` (django-taggit 1.5's
    join restriction; taggit added the same line). There was no deprecation period.

    Example::

        # before
        class ExtraJoinRestriction:
            contains_aggregate = False

            def as_sql(self, compiler, connection): ...

        # after
        class ExtraJoinRestriction:
            contains_aggregate = False
            contains_over_clause = False

            def as_sql(self, compiler, connection): ...

    Django versions: the attribute is read from 4.2 (older releases ignore it), so any target; needed
    from 4.2. ``False`` is right for a condition that holds no window expression, which is what a
    plain class with ``contains_aggregate`` declares for aggregates.
    """

    name = "where_child_contains_over_clause"
    changes = ("where-child-contains-over-clause",)
    available_from = "1.11"
    removed_in = "4.2"
    triggers = ("contains_aggregate",)
    kinds = frozenset({"python"})
    migrations = False
    prunable = False  # the class's whole body decides (its as_sql() holds no trigger)

    def prefilter(self, text: str) -> bool:
        return "contains_aggregate" in text and "as_sql" in text and "class " in text

    def confirm(self, tree, text, ctx) -> bool:
        return tree is None or any(_needs_it(c) for c in nodes_of(tree, ast.ClassDef))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        class _Add(cst.CSTTransformer):
            def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
                if updated.bases and not all(isinstance(a.value, cst.Name) and a.value.value == "object" and
                                             a.keyword is None and not a.star for a in updated.bases):
                    return updated
                if updated.keywords or not isinstance(updated.body, cst.IndentedBlock):
                    return updated
                body = list(updated.body.body)
                names, at = set(), None
                for i, name in defined_names(body):
                    names.add(name)
                    s = body[i]
                    if name == "contains_aggregate" and isinstance(s, cst.SimpleStatementLine) and len(s.body) == 1:
                        at = i
                if "contains_over_clause" in names or "as_sql" not in names or "contains_aggregate" not in names:
                    return updated
                if at is None:
                    ctx.report(original, "contains_aggregate is not a plain assignment here: add "
                                         "contains_over_clause = False by hand (Django 4.2 reads it)")
                    return updated
                line = cst.parse_statement("contains_over_clause = False\n")
                body.insert(at + 1, line)
                return updated.with_changes(body=updated.body.with_changes(body=body))

        return module.visit(_Add())
