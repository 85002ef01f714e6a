"""Codemod: django.forms.extras.SelectDateWidget -> django.forms.widgets.SelectDateWidget."""

from __future__ import annotations

from codemods.removed_module import RemovedModuleRenameCodemod


class FormsExtras(RemovedModuleRenameCodemod):
    """Import ``SelectDateWidget`` from ``django.forms.widgets`` instead of ``django.forms.extras``.

    What it does: ``from django.forms.extras import SelectDateWidget`` and
    ``from django.forms.extras.widgets import SelectDateWidget`` become
    ``from django.forms.widgets import SelectDateWidget`` (aliases kept).

    Why: Django 1.9 moved the widget and deprecated the package (``RemovedInDjango20Warning``:
    "django.forms.extras is deprecated. You can find SelectDateWidget in django.forms.widgets
    instead."); Django 2.0 removed ``django.forms.extras``.

    Example::

        # before
        from django.forms.extras.widgets import SelectDateWidget

        # after
        from django.forms.widgets import SelectDateWidget

    Django versions: the same class in ``django.forms.widgets`` since Django 1.9; needed before 2.0.
    """

    name = "forms_extras"
    changes = ("forms-extras",)
    available_from = "1.11"
    removed_in = "2.0"
    triggers = ("forms.extras",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {
        "django.forms.extras.SelectDateWidget": "django.forms.widgets.SelectDateWidget",
        "django.forms.extras.widgets.SelectDateWidget": "django.forms.widgets.SelectDateWidget",
    }
    removed_modules = ("django.forms.extras.widgets", "django.forms.extras")
