"""Codemod: Meta.index_together -> Meta.indexes = [models.Index(fields=[...])]."""

from __future__ import annotations

import ast
import re

import libcst as cst

from codemods.base import Codemod, FileContext, walk
from codemods.imports import ImportIndex, add_from_import
from codemods.settings_helpers import code

_ASSIGNED = re.compile(r"\bindex_together[\s\\]*=(?!=)")


def _strings(node) -> list[str] | None:
    """Source of each element when ``node`` is a list/tuple of plain string literals."""
    if not isinstance(node, (cst.List, cst.Tuple)):
        return None
    out = []
    for el in node.elements:
        if not isinstance(el, cst.Element) or not isinstance(el.value, cst.SimpleString):
            return None
        out.append(code(el.value).strip())
    return out


def _groups(value) -> list[list[str]] | None:
    """index_together's value as a list of field-name groups (Django's normalize_together)."""
    flat = _strings(value)
    if flat is not None:
        return [flat] if flat else []
    if not isinstance(value, (cst.List, cst.Tuple)):
        return None
    groups = []
    for el in value.elements:
        if not isinstance(el, cst.Element):
            return None
        g = _strings(el.value)
        if not g:
            return None
        groups.append(g)
    return groups


def _assign_of(stmt, name):
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Assign):
        a = stmt.body[0]
        if len(a.targets) == 1 and isinstance(a.targets[0].target, cst.Name) and a.targets[0].target.value == name:
            return a
    return None


class IndexTogether(Codemod):
    """Rewrite ``Meta.index_together`` to ``Meta.indexes = [models.Index(fields=[...])]``.

    What it does: in a model's ``class Meta:``, replaces a literal ``index_together`` (a list or
    tuple of field-name lists, or one flat list) with one ``models.Index(fields=[...])`` per group,
    in the same field order, appended to an existing literal ``indexes`` list when there is one.
    The indexes get NO ``name=``: that is exactly the shape Django's autodetector (4.1+) recognises
    as the old ``index_together`` entry, so ``makemigrations`` then writes a
    ``RenameIndex(old_fields=[...])`` operation (renaming the existing database index to the
    generated name) instead of dropping and re-creating it. ``models`` is imported
    (``from django.db import models``) when no name ``models`` is bound; a bare ``Index`` imported
    from ``django.db.models`` is used when that is how the module imports it.

    Left alone and reported: a value that is not a literal, an ``indexes`` that is not a literal
    list/tuple or holds comments, a ``Meta`` that inherits another ``Meta`` and has no
    ``indexes`` of its own (adding one would hide the inherited indexes), or ``models`` bound to
    something else. Never run on historical migrations (``migrations = False``): Django keeps
    ``index_together`` / ``AlterIndexTogether`` working there until 5.1; after this rewrite run
    ``makemigrations`` (the ``step`` command does) and consider squashing to drop
    ``AlterIndexTogether`` from history before 5.1 - the engine reports those.

    Why: deprecated in Django 4.2 (``RemovedInDjango51Warning``: "'index_together' is deprecated.
    Use 'Meta.indexes' in '<app>.<Model>' instead."), removed in Django 5.1.

    Example::

        # before
        class Meta:
            index_together = [("rank", "name")]

        # after
        class Meta:
            indexes = [models.Index(fields=["rank", "name"])]

    Django versions: available from 4.1, the first release whose ``makemigrations`` turns this
    change into a ``RenameIndex`` (``Meta.indexes`` itself exists since 1.11).
    Changes model state: run ``makemigrations`` afterwards.
    """

    name = "index_together"
    changes = ("index-together",)
    available_from = "4.1"
    removed_in = "5.1"
    triggers = ("index_together",)
    kinds = frozenset({"python"})
    migrations = False
    changes_model_state = True

    def prefilter(self, text: str) -> bool:
        return "index_together" in text and bool(_ASSIGNED.search(text))  # confirm wants ``index_together = ...`` in a Meta

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        for node in walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == "Meta":
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "index_together"
                                                            for t in stmt.targets):
                        return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        index_name = None
        need_import = False
        for local in index.locals_for("django.db.models.Index"):
            if not index.unsure_reason(local):
                index_name = local
                break
        if index_name is None:
            b = index.binding("models")
            if b is not None and b.qualname == "django.db.models" and not index.unsure_reason("models"):
                index_name = "models.Index"
            elif "models" not in index.bindings and "models" not in index.other_bound:
                index_name = "models.Index"
                need_import = True
        changed = []

        unit = module.default_indent

        class Rewriter(cst.CSTTransformer):
            def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
                if updated.name.value != "Meta" or not isinstance(updated.body, cst.IndentedBlock):
                    return updated
                stmts = list(updated.body.body)
                it_pos = [i for i, s in enumerate(stmts) if _assign_of(s, "index_together")]
                if not it_pos:
                    return updated
                if len(it_pos) > 1:
                    ctx.report(original, "index_together is set more than once: rewrite to Meta.indexes by hand")
                    return updated
                pos = it_pos[0]
                groups = _groups(_assign_of(stmts[pos], "index_together").value)
                if groups is None:
                    ctx.report(original, "index_together is not a literal list of field names: rewrite to "
                                         "Meta.indexes = [models.Index(fields=[...])] by hand")
                    return updated
                if index_name is None:
                    ctx.report(original, "the name 'models' is not django.db.models here: rewrite index_together by hand")
                    return updated
                new = [f"{index_name}(fields=[{', '.join(g)}])" for g in groups]
                idx_pos = [i for i, s in enumerate(stmts) if _assign_of(s, "indexes")]
                if len(idx_pos) > 1:
                    ctx.report(original, "indexes is set more than once: rewrite index_together by hand")
                    return updated
                indent = ""  # libcst re-indents continuation lines to the enclosing block
                if idx_pos:
                    ip = idx_pos[0]
                    existing = _assign_of(stmts[ip], "indexes").value
                    if not isinstance(existing, (cst.List, cst.Tuple)) or "#" in code(existing) or \
                            any(not isinstance(e, cst.Element) for e in existing.elements):
                        ctx.report(original, "Meta.indexes is not a plain literal list: add the index_together "
                                             "entries to it by hand")
                        return updated
                    items = [code(e.value).strip() for e in existing.elements] + new
                    open_, close = ("[", "]") if isinstance(existing, cst.List) else ("(", ")")
                    value = open_ + ", ".join(items) + ("," if open_ == "(" and len(items) == 1 else "") + close
                    if len(value) > 70 or any("\n" in i for i in items):
                        value = open_ + "\n" + "".join(f"{indent}{unit}{i},\n" for i in items) + indent + close
                    assign = _assign_of(stmts[ip], "indexes")
                    stmts[ip] = stmts[ip].with_changes(body=[assign.with_changes(value=cst.parse_expression(value))])
                    old = stmts.pop(pos)
                    carry = [line for line in old.leading_lines if line.comment is not None]
                    if carry and pos < len(stmts):
                        stmts[pos] = stmts[pos].with_changes(leading_lines=[*old.leading_lines, *stmts[pos].leading_lines])
                else:
                    if original.bases:
                        ctx.report(original, "this Meta inherits another Meta: adding 'indexes' would hide inherited "
                                             "indexes; rewrite index_together by hand")
                        return updated
                    value = "[" + ", ".join(new) + "]"
                    if len(value) > 70:
                        value = "[\n" + "".join(f"{indent}{unit}{i},\n" for i in new) + indent + "]"
                    assign = _assign_of(stmts[pos], "index_together")
                    target = assign.targets[0].with_changes(target=cst.Name("indexes"))
                    stmts[pos] = stmts[pos].with_changes(body=[assign.with_changes(targets=[target],
                                                                                   value=cst.parse_expression(value))])
                if not stmts:
                    stmts = [cst.SimpleStatementLine([cst.Pass()])]
                changed.append(True)
                return updated.with_changes(body=updated.body.with_changes(body=stmts))

        new_module = module.visit(Rewriter())
        if changed and need_import:
            new_module = add_from_import(new_module, "django.db", "models")
        return new_module if changed else module
