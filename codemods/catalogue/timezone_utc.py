"""Codemod: django.utils.timezone.utc -> datetime.timezone.utc."""

from __future__ import annotations

import re

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_local_names, ast_imports_or_uses
from codemods.imports import (
    ImportIndex,
    add_from_import,
    count_references,
    dotted,
    parse_dotted,
    remove_from_import,
)

OLD = "django.utils.timezone.utc"
DJ_TZ = "django.utils.timezone"
_IMPORTS_DJANGO_UTILS = re.compile(r"django\.utils\.timezone|\bfrom[\s\\]+django\.utils[\s\\]+import\b|\bimport\b[^;\n]*\bdjango\b")


class TimezoneUtc(Codemod):
    """Rewrite ``django.utils.timezone.utc`` to ``datetime.timezone.utc``.

    What it does: handles both ``from django.utils.timezone import utc`` (``utc`` /
    ``tzinfo=utc``) and attribute access on Django's module (``from django.utils import timezone``
    ... ``timezone.utc``; ``django.utils.timezone.utc``). Each use becomes ``<Q>.utc`` where ``<Q>``
    names the standard library's ``datetime.timezone``, chosen so no other name changes meaning:

    1. a name already bound to ``datetime.timezone`` (``from datetime import timezone``);
    2. else ``datetime.timezone`` when the module does ``import datetime``;
    3. else ``timezone`` with ``from datetime import timezone`` added, when the name ``timezone`` is
       free - or is Django's ``timezone`` module used *only* for ``.utc`` (that import is then
       replaced);
    4. else ``datetime.timezone`` with ``import datetime`` added, when ``datetime`` is free;
    5. else ``dt_timezone`` with ``from datetime import timezone as dt_timezone`` (e.g. when
       ``from datetime import datetime`` and Django's ``timezone`` module for ``now()`` are both
       used);
    6. else nothing changes and the codemod reports it.

    So a module that still uses ``timezone.now()`` keeps Django's ``timezone`` and gets
    ``datetime.timezone.utc``. The ``utc`` import is removed once unused. Star imports, ``try:``
    imports and shadowed names are left alone and reported.

    Why: the alias was deprecated in Django 4.1 (``RemovedInDjango50Warning``: "The
    django.utils.timezone.utc alias is deprecated.") and removed in 5.0, where importing it raises
    ``ImportError``.

    Historical migrations: rewritten (``migrations = True``). Old ``makemigrations`` output
    contains ``from django.utils.timezone import utc`` (e.g. ``default=datetime.datetime(2020, 1,
    1, tzinfo=utc)``), which fails at import on 5.0; ``utc`` *is* ``datetime.timezone.utc`` since
    Django 4.1 (and an equal UTC tzinfo before), so the migration state does not change.

    Example::

        # before
        import datetime
        from django.utils.timezone import utc
        START = datetime.datetime(2020, 1, 1, tzinfo=utc)

        # after
        import datetime
        START = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)

    Django versions: ``datetime.timezone.utc`` works with every Django release; needed before 5.0.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "timezone_utc"
    changes = ("timezone-utc",)
    available_from = "2.0"
    removed_in = "5.0"
    triggers = ("utc",)

    def prefilter(self, text: str) -> bool:
        # from django.utils.timezone import utc / timezone.utc with django's timezone: both need
        # django.utils imported (datetime.timezone.utc alone is the new spelling)
        return "utc" in text and "timezone" in text and bool(_IMPORTS_DJANGO_UTILS.search(text))
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        if "timezone" not in text:
            return False
        return ast_imports_or_uses(tree, [DJ_TZ], ["utc"], attributes=False) or bool(ast_local_names(tree, OLD))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        if index.star_imports(DJ_TZ) and "utc" not in index.bindings and count_references(module, "utc"):
            ctx.report("utc", "'utc' may come from 'from django.utils.timezone import *': use datetime.timezone.utc by hand")
        # names to rewrite
        names = []
        for local in index.locals_for(OLD):
            reason = index.unsure_reason(local)
            if reason:
                ctx.report(local, f"left {OLD} alone: {reason}")
            else:
                names.append(local)
        finder = _FindAttrs(index)
        module.visit(finder)
        attrs = finder.found
        for node, reason in finder.unsure:
            ctx.report(node, f"left {OLD} alone: {reason}")
        if not names and not attrs:
            return module
        qualifier, add, free_django_tz = self._qualifier(index, module, attrs)
        if qualifier is None:
            ctx.report("timezone", "no free name for datetime.timezone (timezone, datetime and dt_timezone are all taken): "
                          "use datetime.timezone.utc by hand")
            return module
        new_module = module.visit(_Rewrite(set(names), {id(a) for a in attrs}, qualifier))
        for local in names:
            b = index.binding(local)
            if count_references(new_module, local) == 0:
                new_module = remove_from_import(new_module, DJ_TZ, "utc", asname=b.asname)
        if free_django_tz:
            new_module = remove_from_import(new_module, "django.utils", "timezone")
        if add == "from":
            new_module = add_from_import(new_module, "datetime", "timezone")
        elif add == "as":
            new_module = _add_statement(new_module, "from datetime import timezone as dt_timezone\n")
        elif add == "import":
            new_module = _add_statement(new_module, "import datetime\n")
        return new_module

    @staticmethod
    def _qualifier(index: ImportIndex, module: cst.Module, attrs) -> tuple[str | None, str | None, bool]:
        """(qualifier expression, import to add: None/"from"/"import"/"as", drop django's timezone)."""

        def free(name):
            return name not in index.bindings and name not in index.other_bound

        for local in index.locals_for("datetime.timezone"):
            if not index.unsure_reason(local):
                return local, None, False
        b = index.binding("datetime")
        if b is not None and b.kind == "import" and b.qualname == "datetime" and not index.unsure_reason("datetime"):
            return "datetime.timezone", None, False
        if free("timezone"):
            return "timezone", "from", False
        tz = index.binding("timezone")
        if tz is not None and tz.kind == "from" and tz.qualname == DJ_TZ and tz.asname is None \
                and not index.unsure_reason("timezone"):
            only_utc = sum(1 for a in attrs if dotted(a.value) == "timezone")
            if only_utc and count_references(module, "timezone") == only_utc:
                return "timezone", "from", True
        if free("datetime"):
            return "datetime.timezone", "import", False
        if free("dt_timezone"):
            return "dt_timezone", "as", False
        return None, None, False


def _add_statement(module: cst.Module, code: str) -> cst.Module:
    from codemods.imports import _insert_index  # the same placement add_from_import uses

    body = list(module.body)
    body.insert(_insert_index(module), cst.parse_statement(code))
    return module.with_changes(body=body)


class _FindAttrs(cst.CSTVisitor):
    def __init__(self, index: ImportIndex):
        self.index = index
        self.found: list[cst.Attribute] = []
        self.unsure: list[tuple[cst.Attribute, str]] = []

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def visit_Attribute(self, node: cst.Attribute):
        if node.attr.value != "utc":
            return True
        if self.index.resolve(node) == OLD:
            head = (dotted(node.value) or "").split(".")[0]
            reason = self.index.unsure_reason(head)
            if reason:
                self.unsure.append((node, reason))
            else:
                self.found.append(node)
            return False
        return True


class _Rewrite(cst.CSTTransformer):
    def __init__(self, names: set[str], attr_ids: set[int], qualifier: str):
        self.names, self.attr_ids, self.qualifier = names, attr_ids, qualifier
        self.skip: set[int] = set()

    def _new(self) -> cst.BaseExpression:
        return parse_dotted(f"{self.qualifier}.utc")

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def visit_Attribute(self, node: cst.Attribute):
        self.skip.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg):
        if node.keyword is not None:
            self.skip.add(id(node.keyword))

    def leave_Attribute(self, original, updated):
        if id(original) in self.attr_ids:
            return self._new()
        return updated

    def leave_Name(self, original: cst.Name, updated: cst.Name):
        if id(original) in self.skip or original.value not in self.names:
            return updated
        return self._new()
