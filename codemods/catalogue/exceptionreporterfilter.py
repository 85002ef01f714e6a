"""Codemod: subclasses of django.views.debug.ExceptionReporterFilter -> SafeExceptionReporterFilter."""

from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_local_names
from codemods.imports import ImportIndex, add_from_import, count_references, remove_if_unused
from codemods.names import name_for
from codemods.old_name_uses import OldNameUses

MOD = "django.views.debug"
OLD = f"{MOD}.ExceptionReporterFilter"
NEW = f"{MOD}.SafeExceptionReporterFilter"


class ExceptionReporterFilterBase(Codemod):
    """Derive custom exception reporter filters from ``SafeExceptionReporterFilter``.

    What it does: a class deriving from ``django.views.debug.ExceptionReporterFilter`` (imported
    by name, under an alias, or as ``debug.ExceptionReporterFilter``) derives from
    ``SafeExceptionReporterFilter`` instead; the import follows, and the old one goes once unused.

    Left alone and reported: any other use of ``ExceptionReporterFilter`` (an instance of it, an
    ``isinstance()`` check), a star import of ``django.views.debug``, imports inside ``try:`` or
    shadowed names, and modules where ``SafeExceptionReporterFilter`` names something else.

    Why: Django 3.1 removed the undocumented ``ExceptionReporterFilter`` without a deprecation period
    (``ImportError``); the 3.1 release notes say classes used as ``DEFAULT_EXCEPTION_REPORTER_FILTER``
    must inherit from ``SafeExceptionReporterFilter`` (Django 3.1's reports call hooks that only it
    has: ``get_safe_settings()``, ``get_safe_request_meta()``).

    Not identical: the old base's hooks were lenient (``get_post_parameters()`` returned
    ``request.POST`` and ``get_traceback_frame_variables()`` every local as is). A hook your class does
    not override now comes from ``SafeExceptionReporterFilter``: when ``DEBUG`` is False it hides the
    POST parameters and local variables marked with ``sensitive_post_parameters`` /
    ``sensitive_variables`` - what those decorators ask for.

    Example::

        # before
        from django.views.debug import ExceptionReporterFilter

        class NoPostFilter(ExceptionReporterFilter):
            def get_post_parameters(self, request):
                return {}

        # after
        from django.views.debug import SafeExceptionReporterFilter

        class NoPostFilter(SafeExceptionReporterFilter):
            def get_post_parameters(self, request):
                return {}

    Django versions: ``SafeExceptionReporterFilter`` exists on every supported Django; needed
    before 3.1.
    """

    name = "exceptionreporterfilter"
    confirm_decides = True  # (only where a use of the old class resolves through its import)
    changes = ("exceptionreporterfilter",)
    available_from = "1.11"
    removed_in = "3.1"
    triggers = ("ExceptionReporterFilter",)
    kinds = frozenset({"python"})
    migrations = False
    prunable = False  # every use of the name is either rewritten or reported

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return bool(ast_local_names(tree, OLD))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        for local in index.locals_for(OLD):
            reason = index.unsure_reason(local)
            if reason:
                ctx.report(local, f"left ExceptionReporterFilter alone: {reason}; derive from SafeExceptionReporterFilter by hand")
                return module
        if index.star_imports(MOD) and "ExceptionReporterFilter" not in index.bindings \
                and count_references(module, "ExceptionReporterFilter"):
            ctx.report("ExceptionReporterFilter", f"'ExceptionReporterFilter' may come from 'from {MOD} import *': "
                                                  "derive from SafeExceptionReporterFilter by hand")
            return module
        t = _Rewriter(index, ctx)
        new = module.visit(t)
        if not t.changed:
            return module
        if t.needs_import:
            new = add_from_import(new, MOD, "SafeExceptionReporterFilter")
        for local in index.locals_for(OLD):
            new = remove_if_unused(new, MOD, "ExceptionReporterFilter", local)
        return new


class _Rewriter(OldNameUses):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        super().__init__(index, ctx, (OLD,))
        self.bases = self.allowed  # class-base expressions naming the old class
        self.needs_import = False
        self.taken_reported = False

    def visit_ClassDef(self, node: cst.ClassDef):
        for arg in node.bases:
            if arg.keyword is None and not arg.star and self._is_old(arg.value):
                self.bases.add(id(arg.value))

    def message(self, node) -> str:
        return ("ExceptionReporterFilter used other than as a base class: Django 3.1 removed it; "
                "use SafeExceptionReporterFilter (which filters sensitive values) by hand")

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg):
        if id(original.value) not in self.bases:
            return updated
        if isinstance(original.value, cst.Attribute):
            self.changed = True
            return updated.with_changes(value=updated.value.with_changes(attr=cst.Name("SafeExceptionReporterFilter")))
        found = name_for(self.index, NEW)
        if found is None:
            if not self.taken_reported:
                self.taken_reported = True
                self.ctx.report(original, "the name 'SafeExceptionReporterFilter' is taken here: change the base by hand")
            return updated
        text, imp = found
        self.needs_import = self.needs_import or imp is not None
        self.changed = True
        return updated.with_changes(value=cst.Name(text))
