"""Codemod: ugettext / ugettext_lazy / ugettext_noop / ungettext / ungettext_lazy -> gettext & co."""

from __future__ import annotations

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
    Star imports, ``try:`` imports and shadowed names are left alone and reported.

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
    kinds = frozenset({"python"})
    migrations = True
    renames = {
        _T + "ugettext": _T + "gettext",
        _T + "ugettext_lazy": _T + "gettext_lazy",
        _T + "ugettext_noop": _T + "gettext_noop",
        _T + "ungettext": _T + "ngettext",
        _T + "ungettext_lazy": _T + "ngettext_lazy",
    }
