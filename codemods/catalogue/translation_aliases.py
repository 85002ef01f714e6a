"""Codemod: ugettext / ugettext_lazy / ugettext_noop / ungettext / ungettext_lazy -> gettext & co."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.imports import dotted, module_name
from codemods.rename import RenameCodemod

_T = "django.utils.translation."


class TranslationAliases(RenameCodemod):
    """Rewrite the ``u*gettext*`` translation aliases to ``gettext()`` & co.

    What it does: ``ugettext`` -> ``gettext``, ``ugettext_lazy`` -> ``gettext_lazy``,
    ``ugettext_noop`` -> ``gettext_noop``, ``ungettext`` -> ``ngettext``, ``ungettext_lazy`` ->
    ``ngettext_lazy``, wherever they are imported from ``django.utils.translation`` or used through
    the module (``translation.ugettext(...)``). An ``as`` alias is kept, so the very common
    ``from django.utils.translation import ugettext_lazy as _`` becomes
    ``from django.utils.translation import gettext_lazy as _`` and no ``_(...)`` call changes.
    An aliased import is rewritten in place even where the module binds the alias again (a
    ``for _ in ...`` loop, ``_ = ...``) or inside a function: the alias keeps the local name, so no
    use of it changes. Star imports, ``try:`` imports (compatibility shims) and shadowed names are
    left alone and reported.

    Why: the aliases were deprecated in Django 3.0 (``RemovedInDjango40Warning``) and removed in
    Django 4.0, where importing them raises ``ImportError``. They are exact aliases (since Python 3
    ``ugettext is gettext``), so behaviour does not change.

    Example::

        # before
        from django.utils.translation import ugettext_lazy as _, ungettext

        # after
        from django.utils.translation import gettext_lazy as _, ngettext

    Django versions: the new names exist in every supported release; needed before 4.0. Safe in
    historical migrations (only how a value is imported changes; ``verbose_name=_("...")`` strings
    are identical).
    """

    name = "translation_aliases"
    changes = ("ugettext", "ugettext-lazy", "ugettext-noop", "ungettext", "ungettext-lazy")
    available_from = "2.0"
    removed_in = "4.0"
    triggers = ("ugettext", "ungettext")
    # ``ugettext as _`` is rewritten on its import line (the local name stays): the uses of ``_`` - most
    # statements of a module - need not be in view
    alias_needles = False
    kinds = frozenset({"python"})
    migrations = True
    renames = {
        _T + "ugettext": _T + "gettext",
        _T + "ugettext_lazy": _T + "gettext_lazy",
        _T + "ugettext_noop": _T + "gettext_noop",
        _T + "ungettext": _T + "ngettext",
        _T + "ungettext_lazy": _T + "ngettext_lazy",
    }

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        # ``from django.utils.translation import ugettext as _`` -> ``gettext as _``: always exact (the
        # local name stays), even where ``_`` is bound again; ``try:`` shims stay as they are
        module = module.visit(_AliasedImports({o[len(_T):]: n[len(_T):] for o, n in self.renames.items()}))
        return super().transform(module, ctx)


class _AliasedImports(cst.CSTTransformer):
    def __init__(self, names: dict[str, str]):
        self.names = names
        self.in_try = 0

    def visit_SimpleStatementLine(self, node) -> bool:
        # only import statements matter: the expressions of the other lines are not walked
        return any(isinstance(small, cst.ImportFrom) for small in node.body)

    def visit_Try(self, node):
        self.in_try += 1

    def leave_Try(self, original, updated):
        self.in_try -= 1
        return updated

    def leave_ImportFrom(self, original, updated):
        if self.in_try or isinstance(updated.names, cst.ImportStar) or updated.relative or module_name(updated) != _T[:-1]:
            return updated
        names = list(updated.names)
        for i, alias in enumerate(names):
            old = dotted(alias.name)
            local = dotted(alias.asname.name) if alias.asname is not None else None
            if old in self.names and local and local != old:
                names[i] = alias.with_changes(name=cst.Name(self.names[old]))
        return updated.with_changes(names=names)
