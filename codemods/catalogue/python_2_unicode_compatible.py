"""Codemod: delete the @python_2_unicode_compatible decorator."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.calls import ast_dotted, ast_import_targets, may_resolve_to
from codemods.imports import ImportIndex, remove_if_unused

_QUALNAMES = ("django.utils.encoding.python_2_unicode_compatible", "django.utils.six.python_2_unicode_compatible")


class Python2UnicodeCompatible(Codemod):
    """Delete the ``@python_2_unicode_compatible`` class decorator and its import.

    What it does: removes ``@python_2_unicode_compatible`` (imported from
    ``django.utils.encoding`` or ``django.utils.six``, or used as ``encoding.python_2_unicode_compatible``)
    from class definitions, and the import once nothing uses it. An import inside ``try:``, a
    shadowed name or a star import is left alone and reported.

    Why: on Python 3 the decorator returned the class unchanged (``__str__`` is already text).
    Django 3.0 removed it (with ``django.utils.six``) without a deprecation warning
    (``ImportError``).

    Example::

        # before
        from django.utils.encoding import python_2_unicode_compatible

        @python_2_unicode_compatible
        class Book(models.Model):
            def __str__(self):
                return self.title

        # after
        class Book(models.Model):
            def __str__(self):
                return self.title

    Django versions: a no-op on every Python 3 Django, so any target; needed before 3.0.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "python_2_unicode_compatible"
    changes = ("python-2-unicode-compatible",)
    available_from = "2.0"
    removed_in = "3.0"
    triggers = ("python_2_unicode_compatible",)
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        # Django's decorator imported by name (``six``'s is not Django's), a star import of its module,
        # or a class decorator reaching it through a module import
        if tree is None:
            return True
        mods = {q.rpartition(".")[0] for q in _QUALNAMES}
        for n in nodes_of(tree, ast.ImportFrom):
            if not n.level and (n.module in mods and any(a.name == "*" for a in n.names)
                                or any(f"{n.module}.{a.name}" in _QUALNAMES for a in n.names)):
                return True
        bound, stars = ast_import_targets(tree)
        return any(may_resolve_to(ast_dotted(d), bound, stars, _QUALNAMES) for n in nodes_of(tree, ast.ClassDef)
                   for d in n.decorator_list)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        for q in _QUALNAMES:
            mod = q.rpartition(".")[0]
            if index.star_imports(mod) and "python_2_unicode_compatible" not in index.bindings:
                ctx.report("python_2_unicode_compatible", f"python_2_unicode_compatible may come from 'from {mod} import *': delete it by hand")
                return module
        unsafe = set()
        for q in _QUALNAMES:
            for local in index.locals_for(q):
                reason = index.unsure_reason(local)
                if reason:
                    ctx.report(local, f"python_2_unicode_compatible left alone: {reason}")
                    unsafe.add(local)
        visitor = _Transformer(index, unsafe)
        new = module.visit(visitor)
        if not visitor.changed:
            return module
        for q in _QUALNAMES:
            mod, _, name = q.rpartition(".")
            for local in index.locals_for(q):
                if local not in unsafe:
                    new = remove_if_unused(new, mod, name, local)
        return new


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, unsafe: set[str]):
        self.index, self.unsafe, self.changed = index, unsafe, False

    def leave_ClassDef(self, original, updated):
        keep = []
        for deco in updated.decorators:
            expr = deco.decorator
            head = expr.value if isinstance(expr, cst.Name) else None
            if isinstance(expr, (cst.Name, cst.Attribute)) and self.index.resolve(expr) in _QUALNAMES \
                    and head not in self.unsafe:
                self.changed = True
                continue
            keep.append(deco)
        if len(keep) == len(updated.decorators):
            return updated
        if not keep and updated.decorators:
            # the class line takes over the decorator's leading lines (comments, blank lines)
            first = updated.decorators[0]
            return updated.with_changes(decorators=[], leading_lines=[*first.leading_lines, *updated.leading_lines])
        return updated.with_changes(decorators=keep)
