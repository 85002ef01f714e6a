"""Codemod: django.utils.lru_cache.lru_cache -> functools.lru_cache."""

from __future__ import annotations

from codemods.removed_module import RemovedModuleRenameCodemod


class LruCache(RemovedModuleRenameCodemod):
    """Import ``lru_cache`` from ``functools`` instead of ``django.utils.lru_cache``.

    What it does: rewrites ``from django.utils.lru_cache import lru_cache`` to
    ``from functools import lru_cache`` (aliases kept; ``lru_cache.lru_cache`` attribute access
    becomes a ``functools`` import).

    Why: ``django.utils.lru_cache`` only re-exported ``functools.lru_cache`` (a Python 2 shim); it
    was removed in Django 3.0 without a deprecation warning (``ImportError``).

    Example::

        # before
        from django.utils.lru_cache import lru_cache

        # after
        from functools import lru_cache

    Django versions: the same object on every Python 3 Django; needed before 3.0.
    """

    name = "lru_cache"
    changes = ("lru-cache",)
    available_from = "2.0"
    removed_in = "3.0"
    triggers = ("lru_cache",)

    def prefilter(self, text: str) -> bool:
        return "lru_cache" in text and "django" in text and self.text_may_match(text)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.utils.lru_cache.lru_cache": "functools.lru_cache"}
    removed_modules = ("django.utils.lru_cache",)
