"""A RenameCodemod for names whose whole module is removed (``django.utils.lru_cache``).

    class LruCache(RemovedModuleRenameCodemod):
        renames = {"django.utils.lru_cache.lru_cache": "functools.lru_cache"}
        removed_modules = ("django.utils.lru_cache",)

After the renames, a ``from parent import removed_module`` that is no longer referenced is dropped
(it would raise ``ImportError`` on the new Django). ``import parent.removed_module`` (a dotted
import, whose attribute chains can't be re-pointed without importing the new module) is reported
and the file left alone.
"""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from codemods.base import FileContext
from codemods.imports import ImportIndex, count_references, remove_from_import
from codemods.rename import RenameCodemod


class RemovedModuleRenameCodemod(RenameCodemod):
    removed_modules: ClassVar[tuple[str, ...]] = ()

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        for bindings in index.bindings.values():
            for b in bindings:
                if b.kind == "import" and any(b.module == m or b.module.startswith(m + ".") for m in self.removed_modules):
                    ctx.report(b.local, f"'import {b.module}': the module is removed; rewrite its uses by hand")
                    return module
        new = super().transform(module, ctx)
        for mod in self.removed_modules:
            parent, _, leaf = mod.rpartition(".")
            for local in index.locals_for(mod):
                if count_references(new, local) == 0:
                    new = remove_from_import(new, parent, leaf, asname=None if local == leaf else local)
                else:
                    ctx.report(local, f"'{local}' ({mod}) is still used here and the module is removed: rewrite by hand")
        return new
