"""Codemod: django.contrib.staticfiles.templatetags.staticfiles.static -> django.templatetags.static.static."""

from __future__ import annotations

from codemods.removed_module import RemovedModuleRenameCodemod


class StaticfilesStaticFunction(RemovedModuleRenameCodemod):
    """Import ``static()`` from ``django.templatetags.static`` instead of the staticfiles templatetags.

    What it does: moves ``from django.contrib.staticfiles.templatetags.staticfiles import static``
    (and module attribute access to it) to ``django.templatetags.static.static``; ``as`` aliases
    are kept.

    Why: the staticfiles version only warned and called ``django.templatetags.static.static()``
    (which uses the staticfiles storage when the app is installed). Deprecated in Django 2.1
    (``RemovedInDjango30Warning``: "django.contrib.staticfiles.templatetags.static() is deprecated
    in favor of django.templatetags.static.static()."), removed in Django 3.0 with the whole
    ``staticfiles`` template tag module.

    Example::

        # before
        from django.contrib.staticfiles.templatetags.staticfiles import static
        url = static("css/site.css")

        # after
        from django.templatetags.static import static
        url = static("css/site.css")

    Django versions: ``django.templatetags.static.static`` resolves through staticfiles since
    Django 1.10, so this runs on any supported target; needed before 3.0.
    """

    name = "staticfiles_static_function"
    changes = ("staticfiles-static-function",)
    available_from = "2.0"
    removed_in = "3.0"
    triggers = ("staticfiles",)

    def prefilter(self, text: str) -> bool:
        return "staticfiles" in text and "templatetags" in text and self.text_may_match(text)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.contrib.staticfiles.templatetags.staticfiles.static": "django.templatetags.static.static"}
    removed_modules = ("django.contrib.staticfiles.templatetags.staticfiles",)
