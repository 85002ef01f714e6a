"""Codemod: delete CSRF_COOKIE_MASKED = False from settings."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class CsrfCookieMasked(SettingRemovalCodemod):
    """Delete the transitional ``CSRF_COOKIE_MASKED`` setting when it is ``False``.

    What it does: removes a top-level ``CSRF_COOKIE_MASKED = False`` (the default). ``True`` is left
    and reported: it keeps the pre-4.1 masked CSRF cookie, which Django 5.0 no longer produces.

    Why: Django 4.1 added it as a transition aid and deprecated it (``RemovedInDjango50Warning``:
    "The CSRF_COOKIE_MASKED transitional setting is deprecated. Support for it will be removed in
    Django 5.0."); Django 5.0 removed it.

    Example::

        # before
        CSRF_COOKIE_MASKED = False

        # after
        (the line is gone)

    Django versions: the setting exists from 4.1 with the default ``False``, so this runs for
    targets >= 4.1; needed before 5.0. Settings files only.
    """

    name = "csrf_cookie_masked"
    changes = ("csrf-cookie-masked",)
    available_from = "4.1"
    removed_in = "5.0"
    setting = "CSRF_COOKIE_MASKED"
    deletable = {False: "4.1"}
    advice = ("True keeps masked CSRF cookies, which Django 5.0 no longer produces: delete it once the code that "
              "reads the cookie copes with unmasked values")
