"""Codemod: ArrayAgg / JSONBAgg / StringAgg(ordering=...) -> order_by=..."""

from __future__ import annotations

from codemods.keywords import KeywordRenameCodemod

_MODULES = ("django.contrib.postgres.aggregates", "django.contrib.postgres.aggregates.general")
_NAMES = ("ArrayAgg", "JSONBAgg", "StringAgg")


class PostgresAggregateOrdering(KeywordRenameCodemod):
    """Rename the ``ordering`` argument of the PostgreSQL aggregates to ``order_by``.

    What it does: on calls of ``ArrayAgg``, ``JSONBAgg`` and ``StringAgg`` from
    ``django.contrib.postgres.aggregates`` (also via ``.general``), renames ``ordering=`` to
    ``order_by=``. The value keeps its meaning (Django 5.2 simply passes ``ordering`` on as
    ``order_by``). Calls with ``**kwargs``, with both keywords, or of a same-named class from
    elsewhere are left alone (the first two are reported).

    Why: Django 5.2 deprecated ``ordering`` (``RemovedInDjango61Warning``: "The ordering argument
    is deprecated. Use order_by instead."); it goes away in Django 6.1.

    Example::

        # before
        Book.objects.aggregate(titles=ArrayAgg("title", ordering="-published"))

        # after
        Book.objects.aggregate(titles=ArrayAgg("title", order_by="-published"))

    Django versions: ``order_by=`` exists on these aggregates since Django 5.2, so this runs only
    for targets >= 5.2; needed before 6.1. Safe in migrations (aggregates do not appear in model
    state).
    """

    name = "postgres_aggregate_ordering"
    changes = ("postgres-aggregates-ordering",)
    available_from = "5.2"
    removed_in = "6.1"
    triggers = ("ArrayAgg", "JSONBAgg", "StringAgg")
    kinds = frozenset({"python"})
    migrations = True
    callables = tuple(f"{m}.{n}" for m in _MODULES for n in _NAMES)
    keyword_renames = {"ordering": "order_by"}
