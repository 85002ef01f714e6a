"""Codemod: DEFAULT_FILE_STORAGE / STATICFILES_STORAGE -> STORAGES."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.settings_helpers import (
    SettingsCodemod,
    base_status,
    code,
    dict_source,
    find_setting,
    is_plain_value,
    remove_statement,
    replace_statement,
    star_bases,
    uses_name,
)

DEFAULTS = {
    "default": "django.core.files.storage.FileSystemStorage",
    "staticfiles": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
OLD = {"DEFAULT_FILE_STORAGE": "default", "STATICFILES_STORAGE": "staticfiles"}


class StoragesSetting(SettingsCodemod):
    """Replace ``DEFAULT_FILE_STORAGE`` / ``STATICFILES_STORAGE`` with the ``STORAGES`` setting.

    What it does: in a settings module that sets one or both old settings at top level, writes one
    ``STORAGES`` dict in place of the last of them, with BOTH aliases always defined - setting
    ``STORAGES`` replaces Django's whole default, so an alias left out would be lost:
    ``"default"`` gets the ``DEFAULT_FILE_STORAGE`` value or
    ``django.core.files.storage.FileSystemStorage``, ``"staticfiles"`` the ``STATICFILES_STORAGE``
    value or ``django.contrib.staticfiles.storage.StaticFilesStorage``. Values read from the
    environment (``os.environ[...]``, ``os.getenv(...)``) are kept as expressions.

    Settings packages: a module that does ``from .base import *`` and overrides only one storage
    must keep the other alias it inherits, so when the base defines (or, after this codemod runs
    on it, will define) ``STORAGES``, the override becomes
    ``STORAGES = {**STORAGES, "staticfiles": {"BACKEND": ...}}``. The base file is read to decide:
    when it sets none of the storage settings the full two-alias dict is written instead; when it
    can't be found the ``{**STORAGES, ...}`` form is written and a note reported (it fails loudly
    with NameError at import if the base has no ``STORAGES``, never silently).

    Left alone and reported: a module that already sets ``STORAGES`` (Django raises
    ``ImproperlyConfigured`` for both), a storage setting inside ``if``/``try``, computed by a
    function, or read elsewhere in the module. Backend-specific settings (``AWS_*``,
    ``MEDIA_ROOT``...) are not moved into ``"OPTIONS"``; backends still read them.

    Why: deprecated in Django 4.2 (``RemovedInDjango51Warning``: "The DEFAULT_FILE_STORAGE setting
    is deprecated. Use STORAGES instead."), removed in Django 5.1.

    Example::

        # before
        DEFAULT_FILE_STORAGE = "storages.backends.s3.S3Storage"

        # after
        STORAGES = {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
            },
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            },
        }

    Django versions: ``STORAGES`` exists since 4.2. Settings files only.
    """

    name = "storages_setting"
    changes = ("default-file-storage", "staticfiles-storage")
    available_from = "4.2"
    removed_in = "5.1"
    triggers = ("DEFAULT_FILE_STORAGE", "STATICFILES_STORAGE")
    setting_names = ("DEFAULT_FILE_STORAGE", "STATICFILES_STORAGE")

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        infos = {name: find_setting(module, name) for name in OLD}
        present = {name: info for name, info in infos.items() if info.found}
        if not present:
            return module
        for info in present.values():
            if info.unsafe:
                self.report_unsafe(info, ctx, "move it into STORAGES by hand (define both 'default' and 'staticfiles')")
                return module
        first = next(iter(present.values())).top[0].stmt
        if find_setting(module, "STORAGES").found and not star_bases(module):
            ctx.report(first, "STORAGES is also set (Django raises ImproperlyConfigured for both): "
                              "merge the old setting into STORAGES by hand")
            return module
        if find_setting(module, "STORAGES").found:
            ctx.report(first, "STORAGES is also set in this module: merge the old setting into it by hand")
            return module
        indexes = sorted(a.index for info in present.values() for a in info.top)
        rest = module.with_changes(body=[s for i, s in enumerate(module.body) if i not in set(indexes)])
        values = {}
        for name, info in present.items():
            if uses_name(rest, name):
                ctx.report(info.top[0].stmt, f"{name} is read elsewhere in this module: move it into STORAGES by hand")
                return module
            value = info.last.value
            if not is_plain_value(value):
                ctx.report(info.last.stmt, f"{name} is computed: move it into STORAGES by hand")
                return module
            values[OLD[name]] = code(value).strip()

        merge = False
        if star_bases(module):
            status = base_status(ctx.path, module, {"STORAGES", *OLD})
            if status == "defines":
                merge = True
            elif status == "unknown":
                merge = True
                ctx.report(first, "the star-imported base could not be read: wrote STORAGES = {**STORAGES, ...}, "
                                  "which assumes the base defines STORAGES")
        items: list = [(None, "STORAGES")] if merge else []
        for alias in ("default", "staticfiles"):
            if alias in values:
                items.append((alias, [("BACKEND", values[alias])]))
            elif not merge:
                items.append((alias, [("BACKEND", f'"{DEFAULTS[alias]}"')]))
        source = f"STORAGES = {dict_source(items)}\n"
        last = indexes[-1]
        module = replace_statement(module, last, source, keep_trailing_comment=False)
        for index in reversed(indexes[:-1]):
            module = remove_statement(module, index)
        return module
