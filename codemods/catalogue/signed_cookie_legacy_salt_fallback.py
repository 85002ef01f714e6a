"""Codemod: delete SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False from settings."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class SignedCookieLegacySaltFallback(SettingRemovalCodemod):
    """Delete the transitional ``SIGNED_COOKIE_LEGACY_SALT_FALLBACK`` setting when it is ``False``.

    What it does: removes a top-level ``SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False`` (the default
    from Django 6.1). ``True`` is left and reported: it still accepts cookies signed with the
    legacy salt derivation; delete it once those cookies have expired (Django 2028 rejects them).

    Why: deprecated in Django 6.1 (``RemovedInDjango2028Warning``: "The
    SIGNED_COOKIE_LEGACY_SALT_FALLBACK transitional setting is deprecated. Remove it from your
    settings once legacy signed cookies have expired. They will not be accepted in Django 2028.").
    Merely setting it warns at startup.

    Example::

        # before
        SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False

        # after
        (the line is gone)

    Django versions: ``False`` is the default from 6.1 (the 5.2.x/6.0.x security releases that
    introduced it defaulted to ``True``), so this runs for targets >= 6.1; needed before 2028.
    Settings files only.
    """

    name = "signed_cookie_legacy_salt_fallback"
    changes = ("signed-cookie-legacy-salt-fallback",)
    available_from = "6.1"
    removed_in = "2028"
    setting = "SIGNED_COOKIE_LEGACY_SALT_FALLBACK"
    deletable = {False: "6.1"}
    advice = "True still accepts legacy signed cookies: delete it once they have expired (Django 2028 rejects them)"
