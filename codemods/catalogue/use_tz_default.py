"""Codemod: set USE_TZ = False explicitly where a project relies on the pre-5.0 default."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import FileContext
from codemods.settings_helpers import SettingsCodemod, ast_assigns, base_status, find_setting, star_bases

VALUE = "False"


class UseTzDefault(SettingsCodemod):
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
    triggers = ("INSTALLED_APPS",)
    setting_names = ("INSTALLED_APPS",)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        if ast_assigns(tree, {"USE_TZ"}):
            return False
        return any(isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
            isinstance(t, ast.Name) and t.id == "INSTALLED_APPS"
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])) for node in tree.body)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        if find_setting(module, "USE_TZ").found:
            return module
        info = find_setting(module, "INSTALLED_APPS")
        if not info.top:
            return module
        if ".configure(" in module.code:
            ctx.report(info.top[0].stmt, "settings are passed to settings.configure() here: add "
                                         "USE_TZ=False to that call by hand")
            return module
        if star_bases(module):
            status = base_status(ctx.path, module, {"INSTALLED_APPS", "USE_TZ"})
            if status == "defines":
                return module
            if status == "unknown":
                ctx.report(info.top[0].stmt, "this module star-imports a base that could not be read: set "
                                             "USE_TZ = False in the base settings by hand")
                return module
        stmt = cst.parse_statement(f"USE_TZ = {VALUE}\n").with_changes(leading_lines=[
            cst.EmptyLine(),
            cst.EmptyLine(comment=cst.Comment(
                "# Explicit: Django 5.0 changed the default of USE_TZ to True")),
        ])
        body = list(module.body)
        index = info.last.index + 1
        if index < len(body) and not body[index].leading_lines:
            body[index] = body[index].with_changes(leading_lines=[cst.EmptyLine()])
        body.insert(index, stmt)
        return module.with_changes(body=body)
