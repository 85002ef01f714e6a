"""``index_together`` / ``AlterIndexTogether`` left in a project's historical migrations.

Django 5.1 removed ``index_together``; a migration that still uses it breaks ``migrate`` and the test
database. ``migration_blockers(paths)`` lists each place with the way out (the
``index_together_migrations`` codemod first, squashing by hand otherwise); ``fix`` and the step's
"left by hand" list print them.
"""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

from codemods.base import Finding
from core.files import discover, is_migration as is_migration_path


INDEX_TOGETHER_WAY_OUT = (
    "Django 5.1 removed index_together (AlterIndexTogether survives only as a stub for historical "
    "migrations). First try the index_together_migrations codemod (`django-upgrade fix --only "
    "index_together_migrations`, applied by step 5.0 -> 5.1): it rewrites a history under Django's own index "
    "names where that is provably safe, and reports the apps it leaves. Otherwise: replace Meta.index_together with Meta.indexes = [models.Index(fields=[...])], "
    "run makemigrations (it generates RenameIndex operations that adopt the existing indexes), then, still "
    "on Django 5.0, `manage.py squashmigrations APP LAST`. Check the squashed migration: a "
    "RenameIndex(old_fields=...) left in it (Django's optimizer does not fold it into its CreateModel when "
    "other operations stand between them, and drops index_together all the same) fails with 'Found wrong "
    "number (0) of indexes'; replace it by models.Index(fields=OLD_FIELDS, name=NEW_NAME) in that "
    "CreateModel's options['indexes']. Once every database has applied the squashed migration, delete the "
    "migrations it replaces, point the dependencies on them at it and remove its `replaces` "
    "(docs.djangoproject.com/en/5.0/topics/migrations/#migration-squashing); then run the suite"
)


def _index_together_sites(tree: ast.AST) -> list[tuple[int, str]]:
    sites = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            fname = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if fname == "AlterIndexTogether":
                value = next((k.value for k in node.keywords if k.arg == "index_together"),
                             node.args[1] if len(node.args) > 1 else None)
                empty = isinstance(value, (ast.Set, ast.List, ast.Tuple)) and not value.elts or (
                    isinstance(value, ast.Call) and not value.args and getattr(value.func, "id", "") == "set")
                sites.append((node.lineno, "AlterIndexTogether" + (" (to an empty set)" if empty else "")))
        elif isinstance(node, ast.Dict):
            for k in node.keys:
                if isinstance(k, ast.Constant) and k.value == "index_together":
                    sites.append((k.lineno, "index_together in the model options"))
    return sites


def migration_blockers(paths, files=None) -> list[Finding]:
    """``index_together`` / ``AlterIndexTogether`` left in historical migrations under ``paths``.

    ``files``: the already discovered files (e.g. ``[f.path for f in summary.files]``) to skip discovery.
    """
    out: list[Finding] = []
    for path in (discover(paths).files if files is None else [Path(f) for f in files]):
        p = str(path)
        if not is_migration_path(p):
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if ("index_together" not in text and "AlterIndexTogether" not in text) or "Migration" not in text:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        for line, what in sorted(_index_together_sites(tree)):
            out.append(Finding("index_together_migrations", p, line, f"{what} in a historical migration. {INDEX_TOGETHER_WAY_OUT}"))
    return out
