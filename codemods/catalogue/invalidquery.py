"""Codemod: ``except InvalidQuery`` -> ``except (FieldDoesNotExist, FieldError)``."""

from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_local_names
from codemods.imports import ImportIndex, add_from_import, count_references, dotted, remove_if_unused
from codemods.names import name_for
from codemods.old_name_uses import OldNameUses

OLD = "django.db.models.query_utils.InvalidQuery"
OLDS = (OLD, "django.db.models.query.InvalidQuery")  # query.py imported it up to 3.0
NEW = ("django.core.exceptions.FieldDoesNotExist", "django.core.exceptions.FieldError")


class InvalidQueryExcept(Codemod):
    """Catch ``FieldDoesNotExist`` / ``FieldError`` instead of ``InvalidQuery``.

    What it does: ``except InvalidQuery:`` (also ``as e``, inside an exception tuple, or written as
    ``query_utils.InvalidQuery``) becomes ``except (FieldDoesNotExist, FieldError):``, importing both
    from ``django.core.exceptions`` and dropping the old import once unused. A tuple that already
    names one of them does not get it twice.

    Left alone and reported: any other use of ``InvalidQuery`` - ``raise InvalidQuery(...)`` (choose
    ``FieldDoesNotExist`` or ``FieldError`` for what your code means), ``isinstance()``, subclasses -;
    a star import of ``django.db.models.query_utils``, imports inside ``try:`` or shadowed names, and
    modules where ``FieldDoesNotExist`` / ``FieldError`` name something else.

    Why: Django 3.1 deprecated the barely documented ``InvalidQuery`` (``RemovedInDjango40Warning``:
    "The InvalidQuery exception class is deprecated. Use FieldDoesNotExist or FieldError
    instead.") and 4.0 removed it. Since 3.1 Django raises ``FieldDoesNotExist`` where it raised
    ``InvalidQuery`` ("Raw query must include the primary key", ``QuerySet.raw()``) and
    ``FieldError`` for a field both deferred and traversed by ``select_related()``. The 3.1 shim only
    answers ``isinstance()`` / ``issubclass()``: an ``except InvalidQuery:`` clause on 3.1/3.2
    already no longer catches what Django raises, silently.

    Not identical: the new clause also catches any other ``FieldError`` / ``FieldDoesNotExist``
    raised in the ``try:`` body (a bad lookup in a filter, say), which ``InvalidQuery`` did not.

    Example::

        # before
        from django.db.models.query_utils import InvalidQuery
        try:
            people = list(Person.objects.raw(sql))
        except InvalidQuery:
            people = []

        # after
        from django.core.exceptions import FieldDoesNotExist, FieldError
        try:
            people = list(Person.objects.raw(sql))
        except (FieldDoesNotExist, FieldError):
            people = []

    Django versions: Django raises these two exceptions from 3.1 (on 3.0 and older it raised
    ``InvalidQuery``, so never apply this there); needed from 3.1, required before 4.0.
    """

    name = "invalidquery"
    changes = ("invalidquery",)
    available_from = "3.1"
    removed_in = "4.0"
    triggers = ("InvalidQuery",)
    kinds = frozenset({"python"})
    migrations = True
    prunable = False  # every use of the name is either rewritten or reported

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(ast_local_names(tree, q) for q in OLDS)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        unsure = False
        for q in OLDS:
            mod, _, attr = q.rpartition(".")
            for local in index.locals_for(q):
                reason = index.unsure_reason(local)
                if reason:
                    ctx.report(local, f"left InvalidQuery alone: {reason}; catch (FieldDoesNotExist, FieldError) by hand")
                    unsure = True
            if index.star_imports(mod) and attr not in index.bindings and count_references(module, attr):
                ctx.report(attr, f"'{attr}' may come from 'from {mod} import *': catch (FieldDoesNotExist, FieldError) by hand")
                unsure = True
        if unsure:
            return module
        names, imports = [], []
        for qual in NEW:
            found = name_for(index, qual)
            if found is None:
                short = qual.rpartition(".")[2]
                ctx.report(short, f"the name '{short}' is taken here: replace InvalidQuery by hand")
                return module
            names.append(found[0])
            if found[1]:
                imports.append(found[1])
        t = _Rewriter(index, names, ctx)
        new = module.visit(t)
        if not t.changed:
            return module
        for mod, name in imports:
            new = add_from_import(new, mod, name)
        for q in OLDS:
            mod, _, attr = q.rpartition(".")
            for local in index.locals_for(q):
                new = remove_if_unused(new, mod, attr, local)
        return new


class _Rewriter(OldNameUses):
    def __init__(self, index: ImportIndex, names: list[str], ctx: FileContext):
        super().__init__(index, ctx, OLDS)
        self.names = names
        self.handled = self.allowed  # except-clause type nodes we rewrite

    def visit_ExceptHandler(self, node: cst.ExceptHandler):
        typ = node.type
        if self._is_old(typ):
            self.handled.add(id(typ))
        elif isinstance(typ, cst.Tuple):
            for el in typ.elements:
                if self._is_old(el.value) and not isinstance(el, cst.StarredElement):
                    self.handled.add(id(el.value))

    def message(self, node) -> str:
        return ("InvalidQuery used other than in an except clause (raise, isinstance, a subclass): "
                "use FieldDoesNotExist or FieldError by hand")

    def leave_ExceptHandler(self, original: cst.ExceptHandler, updated: cst.ExceptHandler):
        typ = original.type
        if typ is None:
            return updated
        if id(typ) in self.handled:
            self.changed = True
            return updated.with_changes(type=self._pair(), whitespace_after_except=cst.SimpleWhitespace(" "))
        if not isinstance(typ, cst.Tuple) or not any(id(el.value) in self.handled for el in typ.elements):
            return updated
        present = {self.index.resolve(el.value) for el in typ.elements} | {dotted(el.value) for el in typ.elements}
        wanted = [n for n, q in zip(self.names, NEW) if n not in present and q not in present]
        values = []
        for el, new_el in zip(typ.elements, updated.type.elements):
            if id(el.value) in self.handled:
                values.extend(cst.Name(n) for n in wanted)
                wanted = []
            else:
                values.append(new_el.value)
        self.changed = True
        return updated.with_changes(type=updated.type.with_changes(elements=_elements(values)))

    def _pair(self) -> cst.Tuple:
        return cst.Tuple(_elements([cst.Name(n) for n in self.names]))


def _elements(values) -> list[cst.Element]:
    """``a, b, c`` (a lone value keeps a trailing comma: still a tuple)."""
    sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if len(values) == 1:
        return [cst.Element(values[0], comma=cst.Comma())]
    return [cst.Element(v, comma=sep if i < len(values) - 1 else cst.MaybeSentinel.DEFAULT) for i, v in enumerate(values)]
