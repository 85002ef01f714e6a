"""Codemod: force_text / smart_text -> force_str / smart_str."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class ForceText(RenameCodemod):
    """Rewrite ``force_text()`` and ``smart_text()`` to ``force_str()`` and ``smart_str()``.

    What it does: renames the Python 2 era aliases in ``django.utils.encoding`` wherever they are
    imported or used through the module (``encoding.force_text``), keeping ``as`` aliases.

    Why: the ``*_text`` names were deprecated in Django 3.0 (``RemovedInDjango40Warning``) and
    removed in Django 4.0, where importing them raises ``ImportError``.

    Example::

        # before
        from django.utils.encoding import force_text
        label = force_text(value)

        # after
        from django.utils.encoding import force_str
        label = force_str(value)

    Django versions: the new names exist since Django 1.x, so this runs on any target; needed
    before 4.0. Safe in historical migrations (only the imported name changes).
    """

    name = "force_text"
    changes = ("force-text", "smart-text")
    available_from = "2.0"
    removed_in = "4.0"
    triggers = ("force_text", "smart_text")
    kinds = frozenset({"python"})
    migrations = True
    renames = {
        "django.utils.encoding.force_text": "django.utils.encoding.force_str",
        "django.utils.encoding.smart_text": "django.utils.encoding.smart_str",
    }
