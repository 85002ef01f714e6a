"""Codemod: QuerySetPaginator -> Paginator."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class QuerySetPaginator(RenameCodemod):
    """Rewrite ``django.core.paginator.QuerySetPaginator`` to ``Paginator``.

    What it does: renames the alias wherever it is imported from ``django.core.paginator`` or used
    through the module (``paginator.QuerySetPaginator``), keeping ``as`` aliases.

    Why: ``QuerySetPaginator`` was only an alias (a subclass adding nothing) of ``Paginator``; it was
    deprecated in Django 2.2 (``RemovedInDjango31Warning``: "The QuerySetPaginator alias of
    Paginator is deprecated.") and removed in Django 3.1.

    Example::

        # before
        from django.core.paginator import QuerySetPaginator
        pages = QuerySetPaginator(Book.objects.all(), 25)

        # after
        from django.core.paginator import Paginator
        pages = Paginator(Book.objects.all(), 25)

    Django versions: ``Paginator`` exists in every supported release; needed before 3.1. Safe in
    historical migrations (only the imported name changes).
    """

    name = "querysetpaginator"
    changes = ("querysetpaginator",)
    available_from = "2.0"
    removed_in = "3.1"
    triggers = ("QuerySetPaginator",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.core.paginator.QuerySetPaginator": "django.core.paginator.Paginator"}
