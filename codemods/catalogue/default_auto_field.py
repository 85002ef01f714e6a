"""Codemod: set DEFAULT_AUTO_FIELD explicitly to the pre-6.0 default."""

from __future__ import annotations

from codemods.settings_explicit_default import ExplicitDefaultCodemod


class DefaultAutoField(ExplicitDefaultCodemod):
    """Add ``DEFAULT_AUTO_FIELD = "django.db.models.AutoField"`` to a root settings module that lacks it.

    What it does: in the settings module that defines ``INSTALLED_APPS`` at top level and never
    sets ``DEFAULT_AUTO_FIELD`` (anywhere, including inside ``if``/``try``), inserts the setting
    right after the last ``INSTALLED_APPS = ...`` line, with a comment. That is exactly the
    effective default before Django 6.0, so nothing changes until then, and Django 6.0's new
    ``BigAutoField`` default creates no migrations (nor the ``models.W042`` warnings before it).

    A script that passes its settings to ``settings.configure(...)`` (``runtests.py``) is reported,
    not changed.

    Settings packages: a module that does ``from .base import *`` is skipped when the base defines
    ``INSTALLED_APPS`` or ``DEFAULT_AUTO_FIELD`` (the setting belongs in the base, which this codemod
    also visits); it is added there only when the base defines neither, and skipped with a report
    when the base can't be found. ``AppConfig.default_auto_field`` is the per-app alternative: the
    setting only applies to apps that don't set it, so adding it is always equivalent - even when
    every app config sets its own, in which case the line is simply inert.

    Why: Django 6.0 changed the default of ``DEFAULT_AUTO_FIELD`` from ``AutoField`` to
    ``BigAutoField``; projects that relied on the old default get ``AlterField`` migrations for
    every implicit primary key (and many-to-many through table) unless they set it explicitly.

    Example::

        # before
        INSTALLED_APPS = ["shop"]

        # after
        INSTALLED_APPS = ["shop"]

        # Default primary key field type (explicit: Django 6.0 changed the default to BigAutoField)
        DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

    Django versions: ``DEFAULT_AUTO_FIELD`` exists since 3.2. Settings files only.
    """

    name = "default_auto_field"
    changes = ("default-auto-field-default",)
    available_from = "3.2"
    removed_in = "6.0"
    explicit_setting = "DEFAULT_AUTO_FIELD"
    explicit_value = '"django.db.models.AutoField"'
    explicit_comment = '# Default primary key field type (explicit: Django 6.0 changed the default to BigAutoField)'
