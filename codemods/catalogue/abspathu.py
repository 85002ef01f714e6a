"""Codemod: django.utils._os.abspathu -> os.path.abspath."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class Abspathu(RenameCodemod):
    """Replace ``django.utils._os.abspathu`` with ``os.path.abspath``.

    What it does: rewrites ``from django.utils._os import abspathu`` to
    ``from os.path import abspath`` and renames the uses (aliases kept).

    Why: on Python 3 Django defined ``abspathu = abspath``; the private alias was removed in Django
    3.0 without a deprecation warning (``ImportError``).

    Example::

        # before
        from django.utils._os import abspathu
        root = abspathu(path)

        # after
        from os.path import abspath
        root = abspath(path)

    Django versions: the same function on every Python 3 Django; needed before 3.0.
    """

    name = "abspathu"
    changes = ("abspathu",)
    available_from = "2.0"
    removed_in = "3.0"
    triggers = ("abspathu",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.utils._os.abspathu": "os.path.abspath"}
