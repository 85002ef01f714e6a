"""Codemod: delete URLIZE_ASSUME_HTTPS from settings where it changes nothing."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class UrlizeAssumeHttps(SettingRemovalCodemod):
    """Delete the transitional ``URLIZE_ASSUME_HTTPS`` setting where removing it changes nothing.

    What it does: removes a top-level ``URLIZE_ASSUME_HTTPS = False`` (the default in 6.x) and,
    for targets >= 2028 (where ``urlize`` always assumes HTTPS and the setting is gone),
    ``URLIZE_ASSUME_HTTPS = True``. ``True`` on a 6.x target is the recommended opt-in and is
    kept (reported as a reminder to delete it with the 2028 upgrade).

    Why: Django 6.0 deprecated the HTTP default of ``urlize``/``urlizetrunc`` and the transitional
    setting (``RemovedInDjango2028Warning``: the default protocol "will change from HTTP to HTTPS in
    Django 2028. Set the URLIZE_ASSUME_HTTPS transitional setting to True to opt into using HTTPS
    during the Django 6.x release cycle.").

    Example::

        # before
        URLIZE_ASSUME_HTTPS = False

        # after
        (the line is gone)

    Django versions: the setting exists from 6.0 with the default ``False``, so this runs for
    targets >= 6.0; needed before 2028. Settings files only.
    """

    name = "urlize_assume_https"
    changes = ("urlize-assume-https",)
    available_from = "6.0"
    removed_in = "2028"
    setting = "URLIZE_ASSUME_HTTPS"
    deletable = {False: "6.0", True: "2028"}
    advice = "True opts into HTTPS for urlize until 2028 (where it is the only behaviour): delete it with that upgrade"
