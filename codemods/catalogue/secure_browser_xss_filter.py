"""Codemod: delete SECURE_BROWSER_XSS_FILTER from settings."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class SecureBrowserXssFilter(SettingRemovalCodemod):
    """Delete ``SECURE_BROWSER_XSS_FILTER`` from settings.

    What it does: removes a top-level ``SECURE_BROWSER_XSS_FILTER = False`` (the default) for any
    target, and ``SECURE_BROWSER_XSS_FILTER = True`` for targets >= 4.0, where Django no longer
    reads it. Before 4.0 ``True`` makes ``SecurityMiddleware`` send ``X-XSS-Protection: 1;
    mode=block``, so it is left (and reported) for older targets.

    Why: Django 4.0 removed the setting and the header (no modern browser honours it) without a
    deprecation period; the ``security.W007`` check went with it.

    Example::

        # before
        SECURE_BROWSER_XSS_FILTER = True
        SECURE_CONTENT_TYPE_NOSNIFF = True

        # after (target 4.0 or later)
        SECURE_CONTENT_TYPE_NOSNIFF = True

    Django versions: ``False`` is the default since the setting exists, so deleting it is exact on
    any release; ``True`` only from 4.0. Settings files only.
    """

    name = "secure_browser_xss_filter"
    changes = ("secure-browser-xss-filter",)
    available_from = "2.0"
    removed_in = "4.0"
    setting = "SECURE_BROWSER_XSS_FILTER"
    deletable = {False: "2.0", True: "4.0"}
    advice = "it sends X-XSS-Protection before Django 4.0 (which ignores it): delete it when upgrading to 4.0"
