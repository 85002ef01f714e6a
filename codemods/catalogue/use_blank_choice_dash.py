"""Codemod: delete USE_BLANK_CHOICE_DASH = False from settings."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class UseBlankChoiceDash(SettingRemovalCodemod):
    """Delete the transitional ``USE_BLANK_CHOICE_DASH`` setting when it is ``False``.

    What it does: removes a top-level ``USE_BLANK_CHOICE_DASH = False`` (the default). ``True``
    (keep the old ``"---------"`` blank-choice label) is left and reported: override
    ``django.db.models.fields.BLANK_CHOICE_LABEL`` in an ``AppConfig.ready()`` instead.

    Why: Django 6.1 added the setting as a transition aid and deprecated it at once
    (``RemovedInDjango2028Warning``: "The USE_BLANK_CHOICE_DASH setting is deprecated. If you wish
    to define your own default blank choice label, override
    django.db.models.fields.BLANK_CHOICE_LABEL in your app's ready() method."); it goes in 2028.

    Example::

        # before
        USE_BLANK_CHOICE_DASH = False

        # after
        (the line is gone)

    Django versions: the setting exists from 6.1 with the default ``False``, so this runs for
    targets >= 6.1; needed before 2028. Settings files only.
    """

    name = "use_blank_choice_dash"
    changes = ("use-blank-choice-dash",)
    available_from = "6.1"
    removed_in = "2028"
    setting = "USE_BLANK_CHOICE_DASH"
    deletable = {False: "6.1"}
    advice = "True keeps the '---------' label: override BLANK_CHOICE_LABEL in AppConfig.ready(), then delete it"
