"""``index_together`` / ``AlterIndexTogether`` left in a project's historical migrations.

Django 5.1 removed ``index_together``; a migration that still uses it breaks ``migrate`` and the test
database. ``migration_blockers(paths)`` lists each place with the way out (the
``index_together_migrations`` codemod first, squashing by hand otherwise); ``fix`` and the step's
"left by hand" list print them.
"""

from __future__ import annotations

import re
from pathlib import Path

import release_data
from codemods.base import Finding
from core.files import discover, is_migration as is_migration_path

_ROOT = Path("/").resolve()  # findings are relative to it, then given back as the paths passed in


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


_EMPTY = re.compile(r"index_together\s*=\s*(set\(\s*\)|\{\s*\}|\[\s*\]|\(\s*\))")


def _what(text: str) -> str:
    if "AlterIndexTogether" in text:
        return "AlterIndexTogether" + (" (to an empty set)" if _EMPTY.search(text) else "")
    return "index_together in the model options"


def _mentions_index_together(path) -> bool:
    """The text prefilter of the items below (both forms name it), before any path is resolved."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    return b"AlterIndexTogether" in data or b"index_together" in data


def migration_blockers(paths, files=None) -> list[Finding]:
    """``index_together`` / ``AlterIndexTogether`` left in historical migrations under ``paths``, found
    by the ``index-together`` change's own migration items (``codemods.detect``).

    ``files``: the already discovered files (e.g. ``[f.path for f in summary.files]``) to skip discovery.
    """
    from codemods.detect import detector_for, find_in_files

    found = discover(paths).files if files is None else files
    candidates = {}
    for path in found:
        if is_migration_path(str(path)) and _mentions_index_together(path):
            candidates[Path(path).resolve().relative_to(_ROOT).as_posix()] = str(path)
    if not candidates:
        return []
    spec = next((c for c in release_data.load(use_refreshed=False).changes if c.id == "index-together"), None)
    # the change's own migration items (release_data/changes.json): the detector plan uses too
    items = [i for i in (getattr(spec, "detect", None) or ()) if "migration_option" in i or "migration_operation" in i]
    detector = detector_for({"id": "index-together", "detect": items}, with_codemods=False)
    out = []
    for f in find_in_files(sorted(candidates), [detector], _ROOT):
        path = candidates.get(f.path, f.path)
        out.append(Finding("index_together_migrations", path, f.line,
                           f"{_what(f.text)} in a historical migration. {INDEX_TOGETHER_WAY_OUT}"))
    return sorted(out, key=lambda b: (b.path, b.line))
