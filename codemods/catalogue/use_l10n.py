"""Codemod: remove ``USE_L10N = True`` from settings."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class UseL10N(SettingRemovalCodemod):
    """Remove ``USE_L10N = True`` from settings modules.

    What it does: deletes top-level ``USE_L10N = True`` lines (comments above them are kept).
    ``USE_L10N = False`` is NOT equivalent to deleting it - localized formatting is always on
    from Django 5.0 - so it is left and reported, as is a value that is computed, read from the
    environment, set inside ``if``/``try``, or read again later in the file. In a settings module
    that does ``from .base import *``, the line is removed only when the base sets no other value
    (the base file is read to check; when it can't be found the line is left and reported).

    Why: Django 4.0 made ``True`` the default and deprecated the setting
    (``RemovedInDjango50Warning``: "The USE_L10N setting is deprecated. Starting with Django 5.0,
    localized formatting of data will always be enabled."); Django 5.0 removed it.

    Example::

        # before
        USE_I18N = True
        USE_L10N = True

        # after
        USE_I18N = True

    Django versions: available from 4.0 (on 3.2 the default is ``False``, so deleting the line
    there would turn localized formatting off). Settings files only.
    """

    name = "use_l10n"
    changes = ("use-l10n",)
    available_from = "4.0"
    removed_in = "5.0"
    triggers = ("USE_L10N",)
    setting = "USE_L10N"
    deletable = {True: "4.0"}
    advice = (
        "localized formatting is always on from Django 5.0: delete the setting by hand "
        "(after USE_L10N = False, check number/date formatting, e.g. with |unlocalize)"
    )
