"""Codemod: django.db.transaction.savepoint() -> savepoint_create()."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class Savepoint(RenameCodemod):
    """Rename ``django.db.transaction.savepoint()`` to ``savepoint_create()``.

    What it does: renames the function where it is imported from ``django.db.transaction`` or
    called as ``transaction.savepoint(...)``; arguments (``using=``) stay as they are, aliases are
    kept. ``connection.savepoint()`` (a database wrapper method) is not touched.

    Why: Django 6.1 added ``savepoint_create()``; ``savepoint()`` now warns and calls it
    (``RemovedInDjango2028Warning``: "savepoint() is deprecated. Use savepoint_create() instead.")
    and is removed in Django 2028.

    Example::

        # before
        from django.db import transaction
        sid = transaction.savepoint()

        # after
        from django.db import transaction
        sid = transaction.savepoint_create()

    Django versions: ``savepoint_create`` exists from Django 6.1, so this runs for targets >= 6.1;
    needed before 2028.
    """

    name = "savepoint"
    changes = ("savepoint",)
    available_from = "6.1"
    removed_in = "2028"
    triggers = ("savepoint",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.db.transaction.savepoint": "django.db.transaction.savepoint_create"}
