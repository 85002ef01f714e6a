"""Codemod: ugettext / ugettext_lazy / ugettext_noop / ungettext / ungettext_lazy -> gettext & co."""

from __future__ import annotations

import dataclasses

import libcst as cst

from codemods.base import FileContext
from codemods.imports import ImportIndex, dotted, module_name
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
        aliases = _AliasedImports({o[len(_T):]: n[len(_T):] for o, n in self.renames.items()})
        new = module.visit(aliases)
        if not aliases.renamed:
            return super().transform(module, ctx)  # (the very module the pipeline's ast tree answers for)
        index = _renamed_index(ImportIndex.build(module), aliases.renamed)
        if index is not None:  # the import index of the new module without walking it again
            index.remember(new)
        return super().transform(new, ctx)


def _renamed_index(index: ImportIndex, renamed: set[tuple[str, str, str]]) -> ImportIndex | None:
    """``index`` with the bindings of the rewritten aliased imports (``(old name, new name, alias)``)
    pointing at the new names; None when a binding is not plainly one of those (then the new module
    is indexed from scratch)."""
    mod = _T[:-1]
    out = ImportIndex(bindings={}, star_modules=set(index.star_modules), other_bound=index.other_bound)
    for local, found in index.bindings.items():
        copied = []
        for b in found:
            hit = next(((o, n) for o, n, a in renamed if b.kind == "from" and b.module == mod and b.name == o
                        and b.asname == a == local), None)
            if hit is not None and b.in_try:
                return None  # (a shim the pre-pass may have seen otherwise)
            copied.append(dataclasses.replace(b, name=hit[1], qualname=f"{mod}.{hit[1]}") if hit else b)
        out.bindings[local] = copied
    return out


class _AliasedImports(cst.CSTTransformer):
    def __init__(self, names: dict[str, str]):
        self.names = names
        self.in_try = 0
        self.renamed: set[tuple[str, str, str]] = set()  # (old name, new name, alias) rewritten

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
                self.renamed.add((old, self.names[old], local))
        return updated.with_changes(names=names)
