"""Codemod: import FieldDoesNotExist from django.core.exceptions."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class FieldDoesNotExistImport(RenameCodemod):
    """Import ``FieldDoesNotExist`` from ``django.core.exceptions`` instead of ``django.db.models.fields``.

    What it does: moves ``from django.db.models.fields import FieldDoesNotExist`` (and
    ``fields.FieldDoesNotExist`` attribute access) to ``django.core.exceptions``; aliases are kept.

    Why: ``django.db.models.fields`` only re-imported the exception for backwards compatibility
    (it moved to ``django.core.exceptions`` in Django 1.8); the re-export was removed in Django 3.1
    without a deprecation warning (``ImportError``).

    Example::

        # before
        from django.db.models.fields import FieldDoesNotExist

        # after
        from django.core.exceptions import FieldDoesNotExist

    Django versions: the same class since 1.8, so any target; needed before 3.1.
    """

    name = "fielddoesnotexist_import"
    changes = ("fielddoesnotexist-import",)
    available_from = "2.0"
    removed_in = "3.1"
    triggers = ("FieldDoesNotExist",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.db.models.fields.FieldDoesNotExist": "django.core.exceptions.FieldDoesNotExist"}
