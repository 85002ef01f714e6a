"""Codemod: delete DEFAULT_CONTENT_TYPE = "text/html" from settings."""

from __future__ import annotations

from codemods.settings_removal import SettingRemovalCodemod


class DefaultContentType(SettingRemovalCodemod):
    """Delete ``DEFAULT_CONTENT_TYPE`` from settings when it is ``"text/html"`` (the default).

    What it does: removes a top-level ``DEFAULT_CONTENT_TYPE = "text/html"``. Any other content
    type is left and reported: from Django 3.0 responses default to ``text/html``, so views that
    relied on another default must pass ``content_type=`` explicitly.

    Why: deprecated in Django 2.0 (``RemovedInDjango30Warning``: "The DEFAULT_CONTENT_TYPE setting
    is deprecated.") and removed in Django 3.0.

    Example::

        # before
        DEFAULT_CONTENT_TYPE = "text/html"

        # after
        (the line is gone)

    Django versions: ``"text/html"`` has always been the default, so deleting it changes nothing
    on any release; needed before 3.0. Settings files only.
    """

    name = "default_content_type"
    changes = ("default-content-type",)
    available_from = "2.0"
    removed_in = "3.0"
    setting = "DEFAULT_CONTENT_TYPE"
    deletable = {"text/html": "2.0"}
    advice = "responses default to text/html from Django 3.0: pass content_type= where another type is needed, then delete it"
