"""Codemod: delete DEFAULT_HASHING_ALGORITHM = "sha256" from settings."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class DefaultHashingAlgorithm(SettingRemovalCodemod):
    """Delete the transitional ``DEFAULT_HASHING_ALGORITHM`` setting when it is ``"sha256"``.

    What it does: removes a top-level ``DEFAULT_HASHING_ALGORITHM = "sha256"`` (the default).
    ``"sha1"`` is left and reported: it keeps sessions, cookies and password reset tokens signed
    by Django < 3.1 valid, and removing it invalidates them - do that once they have expired.

    Why: Django 3.1 added the setting as a transition aid and deprecated it at once
    (``RemovedInDjango40Warning``: "The DEFAULT_HASHING_ALGORITHM transitional setting is
    deprecated. Support for it and tokens, cookies, sessions, and signatures that use SHA-1 hashing
    algorithm will be removed in Django 4.0."); Django 4.0 removed it.

    Example::

        # before
        DEFAULT_HASHING_ALGORITHM = "sha256"

        # after
        (the line is gone)

    Django versions: the setting exists from 3.1 with the default ``"sha256"``, so this runs for
    targets >= 3.1; needed before 4.0. Settings files only.
    """

    name = "default_hashing_algorithm"
    changes = ("default-hashing-algorithm",)
    available_from = "3.1"
    removed_in = "4.0"
    setting = "DEFAULT_HASHING_ALGORITHM"
    deletable = {"sha256": "3.1"}
    advice = ("'sha1' keeps pre-3.1 signatures valid; Django 4.0 drops them: delete it once old sessions/"
              "cookies/tokens have expired")
