"""Codemod: Model.save() / asave() positional arguments -> keyword arguments."""

from __future__ import annotations

import ast
import re

import libcst as cst

from codemods.calls import ast_import_targets, has_star, kwarg, positional, with_args
from codemods.base import Codemod, FileContext, nodes_of, walk
from codemods.class_bases import ast_bases_may_match
from codemods.imports import ImportIndex

PARAMS = ("force_insert", "force_update", "using", "update_fields")
MODEL_BASES = ("django.db.models.Model", "django.db.models.base.Model")


class ModelSaveKeywords(Codemod):
    """Pass ``Model.save()`` / ``Model.asave()`` options as keywords, not positionally.

    What it does: inside a class that derives from Django's ``models.Model``,
    ``super().save(False, False, None, ["name"])`` and ``self.save(...)`` with positional
    arguments become ``save(force_insert=False, force_update=False, using=None,
    update_fields=["name"])``. Elsewhere the receiver's type is unknown (``form.save(False)`` is a
    ModelForm's ``commit``, ``storage.save(name, content)`` a storage's): calls whose positional
    arguments start with ``True``/``False`` flags, two or more, are reported, not changed.
    ``*args`` forwarding (``super().save(*args, **kwargs)``) keeps working and is left alone.

    Why: positional arguments to ``save()`` / ``asave()`` were deprecated in Django 5.1
    (``RemovedInDjango60Warning``) and removed in Django 6.0.

    Example::

        # before
        class Order(models.Model):
            def touch(self):
                self.save(False, False, None, ["updated"])

        # after
        class Order(models.Model):
            def touch(self):
                self.save(force_insert=False, force_update=False, using=None, update_fields=["updated"])

    Django versions: the keywords have always been accepted; needed before 6.0.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "model_save_keywords"
    changes = ("model-save-positional-args",)
    available_from = "2.0"
    removed_in = "6.0"
    triggers = ("save(",)
    # save()/asave() whose first argument is positional: not save(), save(*args), save(commit=...)
    _PREFILTER = re.compile(r"\.a?save\(\s*(?!\)|\*|\w+\s*=[^=])")

    def prefilter(self, text: str) -> bool:
        return "save(" in text and self._PREFILTER.search(text) is not None
    kinds = frozenset({"python"})
    migrations = False

    def confirm(self, tree, text, ctx) -> bool:
        # what the transform acts or reports on: positional arguments to self.save() / super().save()
        # (in a class that may be a model), or flags passed positionally to any save()
        models = None
        for node in walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("save", "asave")):
                continue
            pos = [a for a in node.args if not isinstance(a, ast.Starred)]
            if not pos:
                continue
            r = node.func.value
            if (isinstance(r, ast.Name) and r.id == "self") or \
                    (isinstance(r, ast.Call) and isinstance(r.func, ast.Name) and r.func.id == "super"):
                if models is None:
                    models = _may_define_model(tree)
                if models:
                    return True
            if len(pos) >= 2 and isinstance(pos[0], ast.Constant) and isinstance(pos[0].value, bool):
                return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Transformer(ImportIndex.build(module), ctx))


def _may_define_model(tree: ast.Module) -> bool:
    """A class with a base that may resolve to ``MODEL_BASES``: named ``Model`` (``models.Model``), or
    resolving to one through the imports."""
    targets = ast_import_targets(tree)
    return any(ast_bases_may_match(cls, targets, MODEL_BASES, lambda chain: chain.rpartition(".")[2] == "Model")
               for cls in nodes_of(tree, ast.ClassDef))


def _is_super_call(expr) -> bool:
    return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "super"


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx
        self.model_class: list[bool] = []

    def visit_ClassDef(self, node):
        self.model_class.append(any(self.index.resolve(b.value) in MODEL_BASES for b in node.bases))

    def leave_ClassDef(self, original, updated):
        self.model_class.pop()
        return updated

    def leave_Call(self, original, updated):
        func = updated.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in ("save", "asave")):
            return updated
        pos = positional(updated)
        if not pos:
            return updated
        in_model = bool(self.model_class and self.model_class[-1])
        receiver_ok = in_model and (_is_super_call(func.value) or (isinstance(func.value, cst.Name) and func.value.value == "self"))
        if not receiver_ok:
            first = pos[0].value
            looks_like_flags = isinstance(first, cst.Name) and first.value in ("True", "False")
            if len(pos) >= 2 and looks_like_flags:
                self.ctx.report(original, f"{func.attr.value}() with positional arguments on an object of unknown type: "
                                          "if it is a model, pass force_insert/force_update/using/update_fields as keywords")
            return updated
        if has_star(updated):
            self.ctx.report(original, f"{func.attr.value}() mixes positional and *args/**kwargs: pass keywords by hand")
            return updated
        if len(pos) > len(PARAMS):
            return updated
        used = {a.keyword.value for a in updated.args if a.keyword is not None}
        names = PARAMS[: len(pos)]
        if used & set(names):
            return updated
        new_args = [kwarg(n, a.value) for n, a in zip(names, pos)]
        new_args += [a for a in updated.args if a.keyword is not None]
        return with_args(updated, new_args)
