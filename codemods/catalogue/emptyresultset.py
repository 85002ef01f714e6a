"""Codemod: import EmptyResultSet from django.core.exceptions."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class EmptyResultSetImport(RenameCodemod):
    """Import ``EmptyResultSet`` from ``django.core.exceptions`` instead of the ORM's internals.

    What it does: moves ``EmptyResultSet`` imported from ``django.db.models.query``,
    ``django.db.models.sql`` or ``django.db.models.sql.datastructures`` (or used through those
    modules) to ``django.core.exceptions``; aliases are kept.

    Why: those modules only re-exported the exception (it lives in ``django.core.exceptions``
    since Django 1.11); the re-exports were removed in Django 3.1 without a deprecation warning
    (``ImportError``).

    Example::

        # before
        from django.db.models.sql.datastructures import EmptyResultSet

        # after
        from django.core.exceptions import EmptyResultSet

    Django versions: the same class since 1.11, so any target; needed before 3.1.
    """

    name = "emptyresultset"
    changes = ("emptyresultset",)
    available_from = "2.0"
    removed_in = "3.1"
    triggers = ("EmptyResultSet",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {
        "django.db.models.query.EmptyResultSet": "django.core.exceptions.EmptyResultSet",
        "django.db.models.sql.EmptyResultSet": "django.core.exceptions.EmptyResultSet",
        "django.db.models.sql.datastructures.EmptyResultSet": "django.core.exceptions.EmptyResultSet",
    }
