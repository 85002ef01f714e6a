"""Codemod: django.utils.deprecation.MiddlewareMixin -> django.middleware.MiddlewareMixin (Django 6.2+)."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class MiddlewareMixinImport(RenameCodemod):
    """Import ``MiddlewareMixin`` from ``django.middleware`` instead of ``django.utils.deprecation``.

    What it does: ``from django.utils.deprecation import MiddlewareMixin`` becomes
    ``from django.middleware import MiddlewareMixin`` (an ``as`` alias is kept; other names of
    ``django.utils.deprecation`` stay where they are), and ``deprecation.MiddlewareMixin``
    attribute access is pointed at ``django.middleware``. Left alone and reported: star imports,
    imports inside ``try:`` (the usual ``try: from django.middleware import MiddlewareMixin /
    except ImportError:`` shim of libraries supporting several Django releases is already right),
    and a name ``MiddlewareMixin`` bound to something else.

    Why: Django 6.2 moved the class to ``django.middleware`` and deprecated the old import path
    ("The MiddlewareMixin class moved from django.utils.deprecation to django.middleware. The old
    import path is deprecated."); the old path goes in Django 2029 (``RemovedInDjango2029Warning``,
    first named ``RemovedInDjango71Warning``).

    Example::

        # before
        from django.utils.deprecation import MiddlewareMixin

        # after
        from django.middleware import MiddlewareMixin

    Django versions: ``django.middleware.MiddlewareMixin`` exists from Django 6.2 (under development
    when this was written; ``django/middleware/__init__.py`` is empty in 6.1 and every earlier
    release), so this runs only for targets >= 6.2 and never on a project that must still run on
    6.1 or older; needed before 2029.
    """

    name = "middlewaremixin_import"
    changes = ("middlewaremixin-import",)
    available_from = "6.2"
    removed_in = "2029"
    triggers = ("MiddlewareMixin",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.utils.deprecation.MiddlewareMixin": "django.middleware.MiddlewareMixin"}
