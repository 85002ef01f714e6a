"""Codemod: django.contrib.postgres FloatRangeField (model and form field) -> DecimalRangeField."""

from __future__ import annotations

from codemods.rename import RenameCodemod

_RENAMES = {
    f"django.contrib.postgres.{pkg}{sub}.FloatRangeField": f"django.contrib.postgres.{pkg}{sub}.DecimalRangeField"
    for pkg in ("fields", "forms") for sub in ("", ".ranges")
}


class FloatRangeField(RenameCodemod):
    """Rename ``django.contrib.postgres``'s ``FloatRangeField`` (model and form field) to ``DecimalRangeField``.

    What it does: ``FloatRangeField`` imported from ``django.contrib.postgres.fields`` (the model
    field) or ``django.contrib.postgres.forms`` (the form field), also through their ``.ranges``
    submodules, becomes ``DecimalRangeField`` of the same module; ``fields.FloatRangeField`` attribute
    access is renamed too, and so are historical migrations, which spell the field
    ``django.contrib.postgres.fields.ranges.FloatRangeField()``. ``as`` aliases are kept. A module
    where the name ``DecimalRangeField`` is already bound to something else (say the form field in a
    module that renames the model field) is left alone and reported.

    Why: Django 2.2 deprecated ``FloatRangeField`` in favour of the new name ``DecimalRangeField``,
    which matches the ``numrange`` database type (model field: system check ``fields.W902``; form
    field: ``RemovedInDjango31Warning`` "FloatRangeField is deprecated in favor of
    DecimalRangeField."). Django 3.1 removed both, historical migrations included.

    Behaviour: the column type is the same (``numrange``), so the database does not change, but the
    base field is ``DecimalField`` instead of ``FloatField``: the form field cleans the bounds to
    ``decimal.Decimal`` instead of ``float``, and the model field validates and serializes them as
    decimals. Code that does float arithmetic on the bounds of a cleaned form value may need a
    ``float()``. Since migrations are rewritten as well, the model state does not change; run
    ``makemigrations --check`` to confirm.

    Example::

        # before
        from django.contrib.postgres.fields import FloatRangeField
        weight = FloatRangeField()

        # after
        from django.contrib.postgres.fields import DecimalRangeField
        weight = DecimalRangeField()

    Django versions: ``DecimalRangeField`` was added in 2.2, so this runs only for targets >= 2.2;
    needed before 3.1.
    """

    name = "floatrangefield"
    changes = ("floatrangefield",)
    available_from = "2.2"
    removed_in = "3.1"
    triggers = ("FloatRangeField",)
    kinds = frozenset({"python"})
    migrations = True
    renames = _RENAMES

    def prefilter(self, text: str) -> bool:
        return "FloatRangeField" in text and "postgres" in text and self.text_may_match(text)
