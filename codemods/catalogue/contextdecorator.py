"""Codemod: django.utils.decorators.ContextDecorator -> contextlib.ContextDecorator."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class ContextDecoratorImport(RenameCodemod):
    """Import ``ContextDecorator`` from ``contextlib`` instead of ``django.utils.decorators``.

    What it does: rewrites ``from django.utils.decorators import ContextDecorator`` (and
    ``decorators.ContextDecorator``) to ``contextlib.ContextDecorator``, keeping aliases.

    Why: Django 2.x re-exported ``contextlib.ContextDecorator`` for Python 2 compatibility; the
    re-export was removed in Django 3.0 without a deprecation warning (``ImportError``).

    Example::

        # before
        from django.utils.decorators import ContextDecorator

        # after
        from contextlib import ContextDecorator

    Django versions: the same class on every Python 3 Django; needed before 3.0.
    """

    name = "contextdecorator"
    changes = ("contextdecorator",)
    available_from = "2.0"
    removed_in = "3.0"
    triggers = ("ContextDecorator",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.utils.decorators.ContextDecorator": "contextlib.ContextDecorator"}
