"""Codemod: django.contrib.postgres JSONField / KeyTransform -> the built-in ones."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.imports import ImportIndex
from codemods.rename import RenameCodemod

_MODEL = ("django.contrib.postgres.fields.JSONField", "django.contrib.postgres.fields.jsonb.JSONField")
_FORM = ("django.contrib.postgres.forms.JSONField", "django.contrib.postgres.forms.jsonb.JSONField")


class PostgresJSONField(RenameCodemod):
    """Move ``django.contrib.postgres``'s ``JSONField`` and key transforms to the built-in ones.

    What it does:

    * ``django.contrib.postgres.fields.JSONField`` (model field, also via ``.jsonb``) ->
      ``django.db.models.JSONField``;
    * ``django.contrib.postgres.forms.JSONField`` (form field, also via ``.jsonb``) ->
      ``django.forms.JSONField``;
    * ``KeyTransform`` / ``KeyTextTransform`` from ``django.contrib.postgres.fields.jsonb`` ->
      ``django.db.models.fields.json``.

    The old import is removed once unused (other names such as ``ArrayField`` stay); ``as`` aliases
    are kept. A module that imports both the model and the form ``JSONField`` by their bare name is
    left alone and reported (both would become ``JSONField``).

    Why: deprecated in Django 3.1 (``RemovedInDjango40Warning`` for the form field and transforms;
    system check ``fields.W904`` for the model field) and removed in 4.0 except the model field's
    stub kept for historical migrations (``fields.E904`` when used in a model).

    Historical migrations are not touched (``migrations = False``): Django keeps the old field for
    them, and ``makemigrations`` records the move as an ``AlterField`` (the column type ``jsonb`` is
    unchanged, so the migration is a no-op in the database). Run ``makemigrations`` afterwards.

    Example::

        # before
        from django.contrib.postgres.fields import ArrayField, JSONField

        # after
        from django.contrib.postgres.fields import ArrayField
        from django.db.models import JSONField

    Django versions: ``django.db.models.JSONField`` / ``django.forms.JSONField`` exist since Django
    3.1, so this runs only for targets >= 3.1; needed before 4.0.
    """

    local_statements = False  # (its own transform: not audited for statement elision)

    name = "postgres_jsonfield"
    changes = ("postgres-jsonfield", "postgres-forms-jsonfield", "postgres-keytransform")
    available_from = "3.1"
    removed_in = "4.0"
    triggers = ("JSONField", "KeyTransform", "KeyTextTransform")

    def prefilter(self, text: str) -> bool:
        return "postgres" in text and any(t in text for t in self.triggers) and self.text_may_match(text)
    kinds = frozenset({"python"})
    migrations = False
    changes_model_state = True
    renames = {
        **{old: "django.db.models.JSONField" for old in _MODEL},
        **{old: "django.forms.JSONField" for old in _FORM},
        "django.contrib.postgres.fields.jsonb.KeyTransform": "django.db.models.fields.json.KeyTransform",
        "django.contrib.postgres.fields.jsonb.KeyTextTransform": "django.db.models.fields.json.KeyTextTransform",
    }

    def confirm(self, tree, text, ctx) -> bool:
        return "django.contrib.postgres" in text and super().confirm(tree, text, ctx)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        bare = {b.qualname for b in index.bindings.get("JSONField", [])}
        if bare & set(_MODEL) and bare & set(_FORM):
            ctx.report("JSONField", "both the postgres model and form JSONField are imported as 'JSONField': "
                          "import django.db.models.JSONField / django.forms.JSONField under different names by hand")
            return module
        return super().transform(module, ctx)
