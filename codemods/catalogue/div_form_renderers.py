"""Codemod: FORM_RENDERER DjangoDivFormRenderer / Jinja2DivFormRenderer -> DjangoTemplates / Jinja2."""

from __future__ import annotations

from codemods.settings_value_rename import SettingsValueRenameCodemod


class DivFormRenderers(SettingsValueRenameCodemod):
    """Point ``FORM_RENDERER`` at ``DjangoTemplates`` / ``Jinja2`` instead of the transitional div renderers.

    What it does: replaces the strings ``"django.forms.renderers.DjangoDivFormRenderer"`` and
    ``"django.forms.renderers.Jinja2DivFormRenderer"`` in settings modules (typically
    ``FORM_RENDERER``) with ``"django.forms.renderers.DjangoTemplates"`` and
    ``"django.forms.renderers.Jinja2"``. Strings compared with something are left alone and
    reported. Python code that imports the classes is not changed.

    Why: the div renderers were Django 4.1's opt-in to the ``<div>`` form templates; from Django 5.0
    those templates are the default of ``DjangoTemplates``/``Jinja2``, and the transitional classes
    were deprecated (``RemovedInDjango60Warning``: "The DjangoDivFormRenderer transitional form
    renderer is deprecated. Use DjangoTemplates instead.") and removed in Django 6.0.

    Example::

        # before
        FORM_RENDERER = "django.forms.renderers.DjangoDivFormRenderer"

        # after
        FORM_RENDERER = "django.forms.renderers.DjangoTemplates"

    Django versions: ``DjangoTemplates`` renders ``<div>`` forms from 5.0 (before that it renders
    tables), so this runs for targets >= 5.0; needed before 6.0. Settings files only.
    """

    name = "div_form_renderers"
    changes = ("djangodivformrenderer", "jinja2divformrenderer")
    available_from = "5.0"
    removed_in = "6.0"
    values = {
        "django.forms.renderers.DjangoDivFormRenderer": "django.forms.renderers.DjangoTemplates",
        "django.forms.renderers.Jinja2DivFormRenderer": "django.forms.renderers.Jinja2",
    }
