"""Codemod: postgres BitAnd / BitOr / BitXor -> django.db.models."""

from __future__ import annotations

from codemods.rename import RenameCodemod

_MODULES = ("django.contrib.postgres.aggregates", "django.contrib.postgres.aggregates.general")
_NAMES = ("BitAnd", "BitOr", "BitXor")


class BitAnd(RenameCodemod):
    """Import ``BitAnd`` / ``BitOr`` / ``BitXor`` from ``django.db.models`` instead of contrib.postgres.

    What it does: moves the three aggregates imported from ``django.contrib.postgres.aggregates``
    (or ``.aggregates.general``, or used through those modules) to ``django.db.models``; aliases
    are kept. Other postgres aggregates imported on the same line stay where they are.

    Why: Django 6.1 added generally available ``BitAnd``/``BitOr``/``BitXor``; the postgres classes
    became warning subclasses of them (``RemovedInDjango2028Warning``: "The PostgreSQL-specific
    BitAnd function is deprecated. Use django.db.models.aggregates.BitAnd instead.") and are removed
    in Django 2028.

    Example::

        # before
        from django.contrib.postgres.aggregates import ArrayAgg, BitOr

        # after
        from django.contrib.postgres.aggregates import ArrayAgg
        from django.db.models import BitOr

    Django versions: ``django.db.models.BitAnd`` exists from Django 6.1, so this runs for targets
    >= 6.1; needed before 2028.
    """

    name = "bitand"
    changes = ("bitand",)
    available_from = "6.1"
    removed_in = "2028"
    triggers = _NAMES
    kinds = frozenset({"python"})
    migrations = True
    renames = {f"{m}.{n}": f"django.db.models.{n}" for m in _MODULES for n in _NAMES}
