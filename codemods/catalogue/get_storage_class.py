"""Codemod: get_storage_class(path) -> import_string(path)."""

from __future__ import annotations


import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import has_star, keyword, positional, ast_imports_or_uses
from codemods.imports import ImportIndex, add_from_import, count_references, remove_from_import
from codemods.keywords import resolve_call, star_source

OLD = "django.core.files.storage.get_storage_class"
OLD_MOD = "django.core.files.storage"
DEFAULT_BACKEND = 'settings.STORAGES["default"]["BACKEND"]'


class GetStorageClass(Codemod):
    """Rewrite ``get_storage_class()`` to ``import_string()``.

    What it does: Django 4.2's ``get_storage_class(import_path=None)`` is
    ``import_string(import_path or settings.DEFAULT_FILE_STORAGE)``, and on 4.2 Django keeps
    ``settings.STORAGES["default"]["BACKEND"]`` equal to ``DEFAULT_FILE_STORAGE`` (whichever of the
    two the project sets). So, with ``import_string`` from ``django.utils.module_loading``:

    * ``get_storage_class("a.b.C")`` (a non-empty string literal) -> ``import_string("a.b.C")``;
    * ``get_storage_class()`` / ``get_storage_class(None)`` ->
      ``import_string(settings.STORAGES["default"]["BACKEND"])`` (``from django.conf import
      settings`` added when needed);
    * ``get_storage_class(expr)`` -> ``import_string(expr or settings.STORAGES["default"]["BACKEND"])``
      (``expr`` may be ``None`` or empty at run time; simplify it by hand when it cannot).

    It returns the class, as before. (``storages["default"]`` would be the configured *instance*,
    with ``OPTIONS`` applied - a different thing; use it by hand where that is what the code wants.)
    Calls with ``*args`` / ``**kwargs``, uses other than calls, star / ``try:`` imports and modules
    where ``import_string`` or ``settings`` name something else are left alone and reported.

    Why: deprecated in Django 4.2 (``RemovedInDjango51Warning``: "django.core.files.storage.
    get_storage_class is deprecated in favor of using django.core.files.storage.storages.") and
    removed in 5.1.

    Example::

        # before
        from django.core.files.storage import get_storage_class
        media_storage = get_storage_class()()

        # after
        from django.conf import settings
        from django.utils.module_loading import import_string
        media_storage = import_string(settings.STORAGES["default"]["BACKEND"])()

    Django versions: ``settings.STORAGES`` exists since Django 4.2, so this runs only for targets
    >= 4.2; needed before 5.1. (A literal path works on any release.)
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "get_storage_class"
    changes = ("get-storage-class",)
    available_from = "4.2"
    removed_in = "5.1"
    triggers = ("get_storage_class",)
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return ast_imports_or_uses(tree, [OLD_MOD], ["get_storage_class"])

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        if index.star_imports(OLD_MOD) and "get_storage_class" not in index.bindings \
                and count_references(module, "get_storage_class"):
            ctx.report("get_storage_class", f"'get_storage_class' may come from 'from {OLD_MOD} import *': rewrite it by hand")
            return module

        def usable(name, qual):
            return name not in index.other_bound and all(b.qualname == qual for b in index.bindings.get(name, []))

        if not usable("import_string", "django.utils.module_loading.import_string"):
            ctx.report("import_string", "get_storage_class left alone: the name 'import_string' is used for something else")
            return module
        t = _Calls(index, ctx, usable("settings", "django.conf.settings"))
        new = module.visit(t)
        if not t.changed:
            return module
        new = add_from_import(new, "django.utils.module_loading", "import_string")
        if t.needs_settings:
            new = add_from_import(new, "django.conf", "settings")
        for local in index.locals_for(OLD):
            b = index.binding(local)
            if b is not None and count_references(new, local) == 0:
                new = remove_from_import(new, OLD_MOD, "get_storage_class", asname=b.asname)
            elif b is not None:
                ctx.report(local, f"'{local}' is still used other than in a call: replace it by hand")
        return new


class _Calls(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext, settings_ok: bool):
        self.index, self.ctx, self.settings_ok = index, ctx, settings_ok
        self.changed = False
        self.needs_settings = False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        qual, reason = resolve_call(self.index, original.func)
        if qual != OLD:
            if reason and isinstance(original.func, cst.Name) and original.func.value == "get_storage_class":
                self.ctx.report(original, f"get_storage_class left alone: {reason}")
            elif star_source(self.index, original.func, (OLD,)):
                self.ctx.report(original, "get_storage_class may come from a star import: rewrite it by hand")
            return updated
        if has_star(updated):
            self.ctx.report(original, "get_storage_class(*args/**kwargs) left alone: use import_string() by hand")
            return updated
        pos = positional(updated)
        kw = keyword(updated, "import_path")
        others = [a for a in updated.args if a.keyword is not None and a.keyword.value != "import_path"]
        if others or len(pos) > 1 or (pos and kw is not None):
            self.ctx.report(original, "get_storage_class() with unexpected arguments left alone")
            return updated
        value = pos[0].value if pos else (kw.value if kw is not None else None)
        if isinstance(value, cst.Name) and value.value == "None":
            value = None
        literal = isinstance(value, (cst.SimpleString, cst.ConcatenatedString)) and \
            isinstance(value.evaluated_value, str) and value.evaluated_value != ""
        if literal:
            arg_value = value
        else:
            if not self.settings_ok:
                self.ctx.report(original, "get_storage_class left alone: the name 'settings' is not django.conf.settings")
                return updated
            default = cst.parse_expression(DEFAULT_BACKEND)
            self.needs_settings = True
            if value is None:
                arg_value = default
            else:
                if isinstance(value, (cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.NamedExpr)):
                    value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
                arg_value = cst.BooleanOperation(left=value, operator=cst.Or(), right=default)
        self.changed = True
        return cst.Call(func=cst.Name("import_string"), args=[cst.Arg(value=arg_value)],
                        lpar=updated.lpar, rpar=updated.rpar)
