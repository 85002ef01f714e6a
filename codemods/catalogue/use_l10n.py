"""Codemod: remove ``USE_L10N = True`` from settings."""

from __future__ import annotations

import re

import libcst as cst

from codemods.base import FileContext
from codemods.settings_helpers import (
    SettingsCodemod,
    base_values,
    find_setting,
    literal_value,
    remove_statement,
    star_bases,
    uses_name,
)

_TRUE = re.compile(r"^True\s*(#.*)?$")


class UseL10N(SettingsCodemod):
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
    setting_names = ("USE_L10N",)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        info = find_setting(module, "USE_L10N")
        if not info.found:
            return module
        if info.unsafe:
            self.report_unsafe(info, ctx, "remove it by hand once localized formatting is wanted (it is always on from 5.0)")
            return module
        for assign in info.top:
            value = literal_value(assign.value)
            if value is False:
                ctx.report(assign.stmt, "USE_L10N = False: localized formatting is always on from Django 5.0; "
                                        "delete the setting and check number/date formatting (e.g. with |unlocalize)")
                return module
            if value is not True:
                ctx.report(assign.stmt, "USE_L10N is not a literal True; from Django 5.0 localized formatting is always on: "
                                        "delete it by hand")
                return module
        body_without = module.with_changes(body=[s for i, s in enumerate(module.body) if i not in {a.index for a in info.top}])
        if uses_name(body_without, "USE_L10N"):
            ctx.report(info.top[0].stmt, "USE_L10N is read elsewhere in this module: delete it by hand")
            return module
        if star_bases(module):
            inherited = base_values(ctx.path, module, "USE_L10N")
            if inherited is None:
                ctx.report(info.top[0].stmt, "this module star-imports a base that could not be read; USE_L10N = True "
                                             "overrides whatever the base sets: delete it by hand if the base doesn't set it to False")
                return module
            if any(not _TRUE.match(v) for v in inherited):
                ctx.report(info.top[0].stmt, "the star-imported base sets USE_L10N to something else; this line overrides it: left alone")
                return module
        for assign in reversed(info.top):
            module = remove_statement(module, assign.index)
        return module
