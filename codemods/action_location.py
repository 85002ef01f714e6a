"""The shared part of the codemods that add ``action_location=ActionLocation.CHANGE_LIST`` to a
``ModelAdmin`` method override (Django 6.1): which classes count as admins, how ``ActionLocation`` is
spelled in the module (``admin.ActionLocation``, a bare imported or importable ``ActionLocation``,
or None when the name is taken), and the import added afterwards when a bare name is used."""

from __future__ import annotations

from codemods.imports import ImportIndex, add_from_import
from codemods.signature import OverrideSignatureCodemod

LOCATION = ("django.contrib.admin.ActionLocation", "django.contrib.admin.options.ActionLocation")


class ActionLocationOverride(OverrideSignatureCodemod):
    """An ``OverrideSignatureCodemod`` for ``ModelAdmin`` methods gaining an ``action_location`` parameter."""

    bases = ("django.contrib.admin.ModelAdmin", "django.contrib.admin.options.ModelAdmin",
             "django.contrib.gis.admin.GISModelAdmin")
    base_suffixes = ("Admin",)

    def _location(self, index: ImportIndex) -> str | None:
        for local in index.locals_for("django.contrib.admin"):
            if not index.unsure_reason(local):
                return f"{local}.ActionLocation"
        b = index.binding("ActionLocation")
        if b is not None:
            return "ActionLocation" if b.qualname in LOCATION and not index.unsure_reason("ActionLocation") else None
        return None if "ActionLocation" in index.other_bound else "ActionLocation"

    def transform(self, module, ctx):
        self._index = ImportIndex.build(module)
        return super().transform(module, ctx)

    def after(self, module, ctx):
        if self._location(self._index) == "ActionLocation" and self._index.binding("ActionLocation") is None:
            return add_from_import(module, "django.contrib.admin", "ActionLocation")
        return module
