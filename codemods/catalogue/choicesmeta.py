"""Codemod: django.db.models.enums.ChoicesMeta -> ChoicesType."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class ChoicesMetaRename(RenameCodemod):
    """Rename ``django.db.models.enums.ChoicesMeta`` to ``ChoicesType``.

    What it does: renames the metaclass of ``Choices`` where it is imported from
    ``django.db.models.enums`` or used through that module; aliases are kept.

    Why: Django 5.0 renamed the metaclass; the old name is a module ``__getattr__`` that returns
    ``ChoicesType`` and warns (``RemovedInDjango60Warning``: "ChoicesMeta is deprecated in favor of
    ChoicesType."). Django 6.0 removed it (``ImportError``).

    Example::

        # before
        from django.db.models.enums import ChoicesMeta

        # after
        from django.db.models.enums import ChoicesType

    Django versions: ``ChoicesType`` exists from Django 5.0, so this runs for targets >= 5.0;
    needed before 6.0.
    """

    name = "choicesmeta"
    changes = ("choicesmeta",)
    available_from = "5.0"
    removed_in = "6.0"
    triggers = ("ChoicesMeta",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.db.models.enums.ChoicesMeta": "django.db.models.enums.ChoicesType"}
