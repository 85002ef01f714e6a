"""Codemod: historical migrations' index_together -> named indexes, so migrate works on Django 5.1+."""

from __future__ import annotations

import re
from pathlib import Path

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.scanned_text import word_start

_SIGNS = re.compile(rf"index_together|AlterIndexTogether|{word_start('old_fields')}\b")


class IndexTogetherMigrations(Codemod):
    """Rewrite ``index_together`` out of historical migrations, keeping the same database schema.

    What it does: reads the app's migrations together (in dependency order, tracking each model's
    table, columns and ``index_together`` groups) and, in the migration at hand, turns
    ``CreateModel(options={"index_together": ...})`` into ``options["indexes"]`` of
    ``models.Index(fields=[...], name=N)``, ``AlterIndexTogether`` into ``RemoveIndex`` /
    ``AddIndex`` of the groups it drops / adds, and ``RenameIndex(old_fields=...)`` into
    ``RenameIndex(old_name=N)``. ``N`` is the very name Django gives an ``index_together`` index
    (``<table>_<columns>_<digest>_idx``), so databases migrated with the old history - fully or
    partly - and fresh ones end with the same indexes under the same names (see
    ``codemods.index_together_history``; tested on real SQLite databases with Django 4.2 and 5.1).

    Left alone and reported: an app whose history renames, removes or re-columns a field of a
    group, renames a model or table that has groups, has squashed migrations, index names over 63
    characters or non-literal values: squash that app's migrations on 5.0 instead (docs/fix.md).
    Runs only on migrations.

    Why: Django 5.1 removed ``index_together``; historical operations still create the indexes, but
    on SQLite a later table rebuild drops them, and ``RenameIndex(old_fields=...)`` then fails with
    "Found wrong number (0) of indexes" - ``migrate`` breaks on an empty database (every test run).

    Example::

        # before (0001_initial.py)
        options={
            'index_together': {('status', 'created')},
        },

        # after
        options={
            'indexes': [models.Index(fields=['status', 'created'], name='shop_order_status_created_6364bdd8_idx')],
        },

    Django versions: ``RenameIndex(old_name=...)`` exists from 4.1; needed before 5.1. Run it after
    the models moved to ``Meta.indexes`` (the ``index_together`` codemod and ``makemigrations``).
    """

    name = "index_together_migrations"
    confirm_decides = True  # (only in migrations)
    changes = ("index-together",)
    available_from = "4.1"
    removed_in = "5.1"
    triggers = ("index_together", "AlterIndexTogether", "old_fields")
    kinds = frozenset({"python"})
    migrations = True
    prunable = False  # reasons about the whole migration (and its app's other migrations)

    def prefilter(self, text: str) -> bool:
        return "Migration" in text and bool(_SIGNS.search(text))

    def confirm(self, tree, text, ctx) -> bool:
        return bool(ctx.is_migration) and self.prefilter(text)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        from codemods.index_together_history import rewrite_app

        path = Path(ctx.path)
        result = rewrite_app(path.parent, texts={path: module.code})
        for where, line, message in result.reports:
            if Path(where) == path or Path(where) == path.parent:
                ctx.report(max(int(line or 1), 1), message)
        new = result.changed.get(path)
        return module if new is None else cst.parse_module(new)
