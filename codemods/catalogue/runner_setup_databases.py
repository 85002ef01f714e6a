"""Codemod: django.test.runner.setup_databases -> django.test.utils.setup_databases."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class RunnerSetupDatabases(RenameCodemod):
    """Import ``setup_databases()`` from ``django.test.utils`` instead of ``django.test.runner``.

    What it does: ``from django.test.runner import setup_databases`` becomes
    ``from django.test.utils import setup_databases`` (aliases kept; ``runner.setup_databases``
    through ``from django.test import runner`` gets a ``django.test.utils`` import).
    ``DiscoverRunner.setup_databases()`` (a method) is not touched.

    Why: Django 1.11 moved the function and deprecated the old name (``RemovedInDjango21Warning``:
    "`django.test.runner.setup_databases()` has moved to `django.test.utils.setup_databases()`.");
    Django 2.1 removed it.

    Example::

        # before
        from django.test.runner import setup_databases

        # after
        from django.test.utils import setup_databases

    Django versions: ``django.test.utils.setup_databases`` exists since Django 1.11 (the old name
    called it with the same arguments); needed before 2.1.
    """

    name = "runner_setup_databases"
    changes = ("runner-setup-databases",)
    available_from = "1.11"
    removed_in = "2.1"
    triggers = ("setup_databases",)
    kinds = frozenset({"python"})
    migrations = False
    renames = {"django.test.runner.setup_databases": "django.test.utils.setup_databases"}
