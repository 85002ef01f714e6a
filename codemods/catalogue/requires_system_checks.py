"""Codemod: BaseCommand.requires_system_checks booleans -> '__all__' / []."""

from __future__ import annotations

import ast
import re

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of, walk
from codemods.imports import ImportIndex, dotted

_DJANGO_BASES = {
    "django.core.management.BaseCommand",
    "django.core.management.base.BaseCommand",
    "django.core.management.base.AppCommand",
    "django.core.management.base.LabelCommand",
}


def _is_django_command(qualname: str | None) -> bool:
    if not qualname:
        return False
    if qualname in _DJANGO_BASES:
        return True
    # a built-in command subclassed (django.core.management.commands.runserver.Command, ...)
    return qualname.startswith("django.") and ".management.commands." in qualname and qualname.endswith(".Command")


_BOOL_ASSIGN = re.compile(r"requires_system_checks\s*=\s*(True|False)\b")


class RequiresSystemChecks(Codemod):
    """Rewrite ``requires_system_checks = True`` / ``False`` to ``"__all__"`` / ``[]``.

    What it does: in management command classes - subclasses of Django's ``BaseCommand``,
    ``AppCommand``, ``LabelCommand`` or a built-in command's ``Command`` (directly, or through a
    class defined earlier in the same module that is one) - replaces a boolean class attribute
    ``requires_system_checks``: ``True`` becomes ``"__all__"`` (run every check), ``False``
    becomes ``[]`` (run none). The truthiness is unchanged, so code testing
    ``if self.requires_system_checks:`` behaves the same. Left alone and reported: a class whose
    base is not provably a Django command (a project base class imported from elsewhere), and
    non-literal values.

    Why: booleans were deprecated in Django 3.2 (``RemovedInDjango41Warning``: "Using a boolean
    value for requires_system_checks is deprecated. Use '__all__' instead of True, and [] (an
    empty list) instead of False.") and are rejected from Django 4.1 (``TypeError:
    requires_system_checks must be a list or tuple.``).

    Example::

        # before
        class Command(BaseCommand):
            requires_system_checks = False

        # after
        class Command(BaseCommand):
            requires_system_checks = []

    Django versions: the list / ``"__all__"`` form exists since 3.2.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "requires_system_checks"
    changes = ("requires-system-checks-bool",)
    available_from = "3.2"
    removed_in = "4.1"
    triggers = ("requires_system_checks",)

    def prefilter(self, text: str) -> bool:
        return "requires_system_checks" in text and _BOOL_ASSIGN.search(text) is not None
    kinds = frozenset({"python"})
    migrations = True

    _bases: tuple[str, ...] | None = None  # the class names the file confirm() last saw uses as bases

    def prune_needles(self) -> tuple[str, ...]:
        # a command may derive from a base class defined earlier in the file, which holds no trigger:
        # the names used as bases in this file (read by confirm(), which the pipeline runs first) keep
        # every such class in view; before any confirm(): not pruned
        return () if self._bases is None else (*self.triggers, *self._bases)

    def confirm(self, tree, text, ctx) -> bool:
        self._bases = None
        if tree is None:
            return True
        found = self._confirm(tree)
        if found:
            self._bases = tuple(sorted({b.id for c in nodes_of(tree, ast.ClassDef) for b in c.bases
                                        if isinstance(b, ast.Name)}))
        return found

    def _confirm(self, tree) -> bool:
        for node in walk(tree):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and any(
                            isinstance(t, ast.Name) and t.id == "requires_system_checks" for t in stmt.targets) \
                            and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, bool):
                        return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        commands: set[str] = set()  # classes of this module known to be Django commands
        codemod = self

        class Rewriter(cst.CSTTransformer):
            def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
                is_cmd = False
                for arg in original.bases:
                    name = dotted(arg.value)
                    if name is None:
                        continue
                    if name in commands or _is_django_command(index.resolve(arg.value)):
                        reason = index.unsure_reason(name.split(".")[0]) if name not in commands else None
                        if reason:
                            ctx.report(original, f"left requires_system_checks alone: {reason}")
                            return updated
                        is_cmd = True
                if is_cmd:
                    commands.add(original.name.value)
                if not isinstance(updated.body, cst.IndentedBlock):
                    return updated
                new_body = []
                changed = False
                for stmt in updated.body.body:
                    new_stmt = stmt
                    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and \
                            isinstance(stmt.body[0], cst.Assign) and len(stmt.body[0].targets) == 1 and \
                            isinstance(stmt.body[0].targets[0].target, cst.Name) and \
                            stmt.body[0].targets[0].target.value == "requires_system_checks":
                        value = stmt.body[0].value
                        if isinstance(value, cst.Name) and value.value in ("True", "False"):
                            if not is_cmd:
                                ctx.report(original, f"class {original.name.value} is not provably a Django management "
                                                     "command: replace requires_system_checks True/False with "
                                                     "'__all__'/[] by hand if it is one")
                            else:
                                new_value = cst.SimpleString('"__all__"') if value.value == "True" else cst.List([])
                                new_stmt = stmt.with_changes(body=[stmt.body[0].with_changes(value=new_value)])
                                changed = True
                    new_body.append(new_stmt)
                if not changed:
                    return updated
                return updated.with_changes(body=updated.body.with_changes(body=new_body))

        del codemod
        return module.visit(Rewriter())
