"""Codemod: delete USE_DEPRECATED_PYTZ = False from settings."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class UseDeprecatedPytz(SettingRemovalCodemod):
    """Delete the transitional ``USE_DEPRECATED_PYTZ`` setting when it is ``False``.

    What it does: removes a top-level ``USE_DEPRECATED_PYTZ = False`` (the default). ``True`` is
    left and reported: the code relies on pytz time zones (``localize()``/``normalize()``), which
    must be ported to ``zoneinfo`` before Django 5.0.

    Why: Django 4.0 switched to ``zoneinfo`` and added the setting as a transition aid
    (``RemovedInDjango50Warning``: "The USE_DEPRECATED_PYTZ setting, and support for pytz
    timezones is deprecated in favor of the stdlib zoneinfo module."); Django 5.0 removed it.

    Example::

        # before
        USE_TZ = True
        USE_DEPRECATED_PYTZ = False

        # after
        USE_TZ = True

    Django versions: the setting exists from 4.0 with the default ``False``, so this runs for
    targets >= 4.0; needed before 5.0. Settings files only.
    """

    name = "use_deprecated_pytz"
    changes = ("use-deprecated-pytz",)
    available_from = "4.0"
    removed_in = "5.0"
    setting = "USE_DEPRECATED_PYTZ"
    deletable = {False: "4.0"}
    advice = "True means the code still uses pytz time zones: port them to zoneinfo, then delete the setting"
