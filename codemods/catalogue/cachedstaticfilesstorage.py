"""Codemod: STATICFILES_STORAGE CachedStaticFilesStorage -> ManifestStaticFilesStorage."""

from __future__ import annotations

from codemods.settings_value_rename import SettingsValueRenameCodemod


class CachedStaticFilesStorage(SettingsValueRenameCodemod):
    """Switch the static files storage ``CachedStaticFilesStorage`` to ``ManifestStaticFilesStorage``.

    What it does: in the project's settings modules, replaces the string
    ``"django.contrib.staticfiles.storage.CachedStaticFilesStorage"`` wherever it is a value
    (``STATICFILES_STORAGE = ...``, the ``"BACKEND"`` of ``STORAGES["staticfiles"]``, an
    ``os.environ.get()`` default) with
    ``"django.contrib.staticfiles.storage.ManifestStaticFilesStorage"``. A string compared with
    something is left alone and reported. Python code that imports or subclasses
    ``CachedStaticFilesStorage`` is not rewritten (a subclass may rely on the cache-based
    methods): the detector reports it by hand.

    The difference to know: both storages serve the same hashed file names
    (``css/base.5af66c1b1797.css``) and both need the files collected when ``DEBUG`` is
    ``False``, but ``CachedStaticFilesStorage`` hashed each file on first use and kept the names
    in a cache, while ``ManifestStaticFilesStorage`` reads them from ``staticfiles.json``, a
    manifest written by ``collectstatic``. So run ``manage.py collectstatic`` once after the
    switch, and on every deploy before the application starts; a name missing from the manifest
    raises ``ValueError`` ("Missing staticfiles manifest entry ...") instead of being hashed on the
    fly (``manifest_strict``). A ``"staticfiles"`` alias in ``CACHES`` is no longer used.

    Why: deprecated in Django 2.2 "due to the intractable problems that it has"
    (``RemovedInDjango31Warning``: "CachedStaticFilesStorage is deprecated in favor of
    ManifestStaticFilesStorage."), removed in Django 3.1.

    Example::

        # before
        STATICFILES_STORAGE = "django.contrib.staticfiles.storage.CachedStaticFilesStorage"

        # after
        STATICFILES_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"

    Django versions: ``ManifestStaticFilesStorage`` exists since Django 1.7, so any target;
    needed before 3.1. Settings files only.
    """

    name = "cachedstaticfilesstorage"
    changes = ("cachedstaticfilesstorage",)
    available_from = "1.11"
    removed_in = "3.1"
    prunable = False  # a settings codemod: settings modules are small and run whole, with the other settings codemods
    values = {
        "django.contrib.staticfiles.storage.CachedStaticFilesStorage":
            "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    }
