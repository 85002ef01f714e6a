"""Codemod: set USE_TZ = False explicitly where a project relies on the pre-5.0 default."""

from __future__ import annotations

from codemods.settings_explicit_default import ExplicitDefaultCodemod


class UseTzDefault(ExplicitDefaultCodemod):
    """Add ``USE_TZ = False`` to a root settings module that relies on the old default.

    What it does: in the settings module that defines ``INSTALLED_APPS`` at top level and never
    sets ``USE_TZ`` (anywhere, including inside ``if``/``try``), inserts ``USE_TZ = False`` right
    after the last ``INSTALLED_APPS = ...`` line, with a comment. That is exactly the effective
    default before Django 5.0, so nothing changes; moving to ``USE_TZ = True`` (aware datetimes,
    UTC in the database) is a separate decision with data implications.

    A script that passes its settings to ``settings.configure(...)`` (``runtests.py``) is reported,
    not changed. Settings packages: a module that does ``from .base import *`` is skipped when the
    base defines ``INSTALLED_APPS`` or ``USE_TZ`` (the setting belongs in the base, which this
    codemod also visits), and reported when the base can't be found.

    Why: Django 4.0 announced the change of default (``RemovedInDjango50Warning``: "The default
    value of USE_TZ will change from False to True in Django 5.0. Set USE_TZ to False in your
    project settings if you want to keep the current default behavior."); 5.0 made ``True`` the
    default. (``startproject`` has written ``USE_TZ = True`` since 1.4, so only projects that
    removed it are concerned.)

    Example::

        # before
        INSTALLED_APPS = ["shop"]

        # after
        INSTALLED_APPS = ["shop"]

        # Explicit: Django 5.0 changed the default of USE_TZ to True
        USE_TZ = False

    Django versions: ``USE_TZ`` exists on every release the tool knows. Settings files only.
    """

    name = "use_tz_default"
    changes = ("use-tz-default",)
    available_from = "1.11"
    removed_in = "5.0"
    explicit_setting = "USE_TZ"
    explicit_value = 'False'
    explicit_comment = '# Explicit: Django 5.0 changed the default of USE_TZ to True'
