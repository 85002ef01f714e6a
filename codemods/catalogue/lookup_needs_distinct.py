"""Codemod: lookup_needs_distinct -> lookup_spawns_duplicates."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class LookupNeedsDistinct(RenameCodemod):
    """Rename ``django.contrib.admin.utils.lookup_needs_distinct`` to ``lookup_spawns_duplicates``.

    What it does: renames the undocumented admin helper where it is imported from
    ``django.contrib.admin.utils`` or used through that module; aliases are kept.

    Why: Django 4.0 renamed the function (same arguments ``(opts, lookup_path)``, same body) and
    removed the old name without a deprecation period (``ImportError``).

    Example::

        # before
        from django.contrib.admin.utils import lookup_needs_distinct
        if lookup_needs_distinct(self.opts, path): ...

        # after
        from django.contrib.admin.utils import lookup_spawns_duplicates
        if lookup_spawns_duplicates(self.opts, path): ...

    Django versions: ``lookup_spawns_duplicates`` exists from Django 4.0 only, so this runs for
    targets >= 4.0 (the release that removed the old name).
    """

    name = "lookup_needs_distinct"
    changes = ("lookup-needs-distinct",)
    available_from = "4.0"
    removed_in = "4.0"
    triggers = ("lookup_needs_distinct",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.contrib.admin.utils.lookup_needs_distinct": "django.contrib.admin.utils.lookup_spawns_duplicates"}
