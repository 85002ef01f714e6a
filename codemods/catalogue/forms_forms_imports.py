"""Codemod: pretty_name / BoundField imported from django.forms.forms -> their real modules."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class FormsFormsImports(RenameCodemod):
    """Import ``pretty_name`` and ``BoundField`` from their own modules, not ``django.forms.forms``.

    What it does: moves ``from django.forms.forms import pretty_name`` to ``django.forms.utils``
    and ``from django.forms.forms import BoundField`` to ``django.forms.boundfield`` (also
    ``forms.forms.BoundField`` attribute access); aliases are kept.

    Why: ``django.forms.forms`` kept both names "for backwards compatibility in Django 1.9"; they
    were removed in Django 3.1 without a deprecation warning (``ImportError``).

    Example::

        # before
        from django.forms.forms import BoundField, pretty_name

        # after
        from django.forms.boundfield import BoundField
        from django.forms.utils import pretty_name

    Django versions: the new modules exist since Django 1.9, so any target; needed before 3.1.
    """

    name = "forms_forms_imports"
    changes = ("forms-forms-imports",)
    available_from = "2.0"
    removed_in = "3.1"
    triggers = ("pretty_name", "BoundField")
    kinds = frozenset({"python"})
    migrations = True
    renames = {
        "django.forms.forms.pretty_name": "django.forms.utils.pretty_name",
        "django.forms.forms.BoundField": "django.forms.boundfield.BoundField",
    }
