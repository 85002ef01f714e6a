"""Codemod: set DEFAULT_AUTO_FIELD explicitly to the pre-6.0 default."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import FileContext
from codemods.settings_helpers import SettingsCodemod, ast_assigns, base_status, find_setting, star_bases

VALUE = '"django.db.models.AutoField"'


class DefaultAutoField(SettingsCodemod):
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
    triggers = ("INSTALLED_APPS",)
    setting_names = ("INSTALLED_APPS",)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        if ast_assigns(tree, {"DEFAULT_AUTO_FIELD"}):
            return False
        return any(isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
            isinstance(t, ast.Name) and t.id == "INSTALLED_APPS"
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])) for node in tree.body)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        if find_setting(module, "DEFAULT_AUTO_FIELD").found:
            return module
        info = find_setting(module, "INSTALLED_APPS")
        if not info.top:
            return module
        if ".configure(" in module.code:
            ctx.report(info.top[0].stmt, "settings are passed to settings.configure() here: add "
                                         'DEFAULT_AUTO_FIELD="django.db.models.AutoField" to that call by hand')
            return module
        if star_bases(module):
            status = base_status(ctx.path, module, {"INSTALLED_APPS", "DEFAULT_AUTO_FIELD"})
            if status == "defines":
                return module
            if status == "unknown":
                ctx.report(info.top[0].stmt, "this module star-imports a base that could not be read: set "
                                             'DEFAULT_AUTO_FIELD = "django.db.models.AutoField" in the base settings by hand')
                return module
        stmt = cst.parse_statement(f"DEFAULT_AUTO_FIELD = {VALUE}\n").with_changes(leading_lines=[
            cst.EmptyLine(),
            cst.EmptyLine(comment=cst.Comment(
                "# Default primary key field type (explicit: Django 6.0 changed the default to BigAutoField)")),
        ])
        body = list(module.body)
        index = info.last.index + 1
        if index < len(body) and not body[index].leading_lines:
            body[index] = body[index].with_changes(leading_lines=[cst.EmptyLine()])
        body.insert(index, stmt)
        return module.with_changes(body=body)
