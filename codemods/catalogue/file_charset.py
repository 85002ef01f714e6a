"""Codemod: delete FILE_CHARSET = "utf-8" from settings."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class FileCharset(SettingRemovalCodemod):
    """Delete ``FILE_CHARSET`` from settings when it is UTF-8 (the default).

    What it does: removes a top-level ``FILE_CHARSET = "utf-8"`` (any spelling of UTF-8:
    ``"UTF-8"``, ``"utf8"``). Another charset is left and reported: from Django 3.1 templates,
    static files and translation files must be UTF-8, so the files need converting first.

    Why: deprecated in Django 2.2 (``RemovedInDjango31Warning``: "The FILE_CHARSET setting is
    deprecated. Starting with Django 3.1, all files read from disk must be UTF-8 encoded.") and
    removed in Django 3.1.

    Example::

        # before
        DEFAULT_CHARSET = "utf-8"
        FILE_CHARSET = "utf-8"

        # after
        DEFAULT_CHARSET = "utf-8"

    Django versions: ``"utf-8"`` has always been the default, so deleting it changes nothing on
    any release; needed before 3.1. Settings files only.
    """

    name = "file_charset"
    changes = ("file-charset",)
    available_from = "2.0"
    removed_in = "3.1"
    setting = "FILE_CHARSET"
    deletable = {"utf-8": "2.0", "utf8": "2.0"}
    normalise = staticmethod(lambda v: v.lower().replace("_", "-"))
    advice = "from Django 3.1 all files read from disk must be UTF-8: convert them, then delete the setting"
