"""Codemod: django.contrib.admin.ACTION_CHECKBOX_NAME -> django.contrib.admin.helpers.ACTION_CHECKBOX_NAME."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class ActionCheckboxName(RenameCodemod):
    """Import ``ACTION_CHECKBOX_NAME`` from ``django.contrib.admin.helpers``.

    What it does: moves ``from django.contrib.admin import ACTION_CHECKBOX_NAME`` and
    ``admin.ACTION_CHECKBOX_NAME`` to ``django.contrib.admin.helpers.ACTION_CHECKBOX_NAME``
    (the same string constant); aliases are kept.

    Why: ``django.contrib.admin`` re-exported the constant only for backwards compatibility; the
    re-export was removed in Django 3.1 without a deprecation warning (``ImportError`` /
    ``AttributeError``).

    Example::

        # before
        from django.contrib import admin
        selected = request.POST.getlist(admin.ACTION_CHECKBOX_NAME)

        # after
        from django.contrib import admin
        from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
        selected = request.POST.getlist(ACTION_CHECKBOX_NAME)

    Django versions: ``django.contrib.admin.helpers.ACTION_CHECKBOX_NAME`` exists in every
    supported release; needed before 3.1.
    """

    name = "action_checkbox_name"
    changes = ("action-checkbox-name",)
    available_from = "2.0"
    removed_in = "3.1"
    triggers = ("ACTION_CHECKBOX_NAME",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.contrib.admin.ACTION_CHECKBOX_NAME": "django.contrib.admin.helpers.ACTION_CHECKBOX_NAME"}
