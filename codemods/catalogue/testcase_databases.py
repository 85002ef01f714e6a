"""Codemod: TestCase.multi_db / SimpleTestCase.allow_database_queries -> databases."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of

#: (attribute, literal value) -> the ``databases`` value Django 2.2's deprecation shims map it to
_MAP = {
    ("multi_db", True): '"__all__"',
    ("multi_db", False): '{"default"}',
    ("allow_database_queries", True): '{"default"}',
    ("allow_database_queries", False): "set()",
}


class MultiDbToDatabases(Codemod):
    """Replace ``multi_db`` / ``allow_database_queries`` on test cases with ``databases``.

    What it does: in a class body, ``multi_db = True`` becomes ``databases = "__all__"`` and
    ``multi_db = False`` becomes ``databases = {"default"}``; ``allow_database_queries = True``
    becomes ``databases = {"default"}`` and ``= False`` becomes ``databases = set()`` - the values
    Django 2.2's own deprecation shims computed from the old attributes. Left alone and reported:
    a value that is not the literal ``True`` / ``False``, and a class that already sets ``databases``.

    Why: Django 2.2 introduced ``databases`` (``RemovedInDjango31Warning``: "`TransactionTestCase.
    multi_db` is deprecated. Databases available during this test can be defined using
    <TestCase>.databases." / "`SimpleTestCase.allow_database_queries` is deprecated. ...");
    3.1 removed the old attributes (they are silently ignored, so tests may hit the wrong databases).

    Example::

        # before
        class ReportTests(TestCase):
            multi_db = True

        # after
        class ReportTests(TestCase):
            databases = "__all__"

    Django versions: ``databases`` exists since Django 2.2; needed before 3.1.
    """

    name = "testcase_databases"
    changes = ("simpletestcase-allow-database-queries",)
    available_from = "2.2"
    removed_in = "3.1"
    triggers = ("multi_db", "allow_database_queries")
    kinds = frozenset({"python"})
    migrations = False

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("multi_db", "allow_database_queries")
                                                     for t in s.targets)
                   for c in nodes_of(tree, ast.ClassDef) for s in c.body)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Rewrite(ctx))


def _assigned(stmt) -> tuple[str, cst.Assign] | None:
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Assign):
        a = stmt.body[0]
        if len(a.targets) == 1 and isinstance(a.targets[0].target, cst.Name):
            return a.targets[0].target.value, a
    return None


class _Rewrite(cst.CSTTransformer):
    def __init__(self, ctx: FileContext):
        self.ctx = ctx

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
        if not isinstance(updated.body, cst.IndentedBlock):
            return updated
        body = list(updated.body.body)
        names = [(_assigned(s) or (None,))[0] for s in body]
        olds = [i for i, n in enumerate(names) if n in ("multi_db", "allow_database_queries")]
        if not olds:
            return updated
        if "databases" in names or len(olds) > 1:
            self.ctx.report(original, "this class sets databases (or both old attributes) already: merge them by hand")
            return updated
        i = olds[0]
        name, assign = _assigned(body[i])
        value = assign.value
        literal = value.value if isinstance(value, cst.Name) and value.value in ("True", "False") else None
        if literal is None:
            self.ctx.report(original.body.body[i], f"{name} is not a literal True/False: set databases by hand")
            return updated
        new_value = _MAP[(name, literal == "True")]
        body[i] = body[i].with_changes(body=[assign.with_changes(targets=[assign.targets[0].with_changes(target=cst.Name("databases"))],
                                                                value=cst.parse_expression(new_value))])
        return updated.with_changes(body=updated.body.with_changes(body=body))
