"""Base for settings codemods that write down a default Django is about to change.

``ExplicitDefaultCodemod``: in the root settings module (the one defining ``INSTALLED_APPS`` at top
level) that never sets the setting, insert ``SETTING = value`` (with the comment above it) right after
the last ``INSTALLED_APPS = ...`` line: exactly the effective value before the release that changes
the default, so nothing changes at run time. Reported, not changed: a script passing its settings to
``settings.configure(...)`` (``runtests.py``), and a module star-importing a base that cannot be read.
A module star-importing a base that defines ``INSTALLED_APPS`` or the setting is left to the base.

A subclass declares the usual metadata plus ``explicit_setting``, ``explicit_value`` (Python source)
and ``explicit_comment``.
"""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import FileContext
from codemods.settings_helpers import SettingsCodemod, ast_assigns, base_status, find_setting, star_bases


class ExplicitDefaultCodemod(SettingsCodemod):
    # not ``setting``: that name means "a removed setting" to the catalogue (codemods.detect.spec)
    explicit_setting: str = ""
    explicit_value: str = ""  # Python source of the old default
    explicit_comment: str = ""  # the comment line written above the new assignment
    triggers = ("INSTALLED_APPS",)
    setting_names = ("INSTALLED_APPS",)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        if ast_assigns(tree, {self.explicit_setting}):
            return False
        return any(isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
            isinstance(t, ast.Name) and t.id == "INSTALLED_APPS"
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])) for node in tree.body)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        if find_setting(module, self.explicit_setting).found:
            return module
        info = find_setting(module, "INSTALLED_APPS")
        if not info.top:
            return module
        if ".configure(" in module.code:
            ctx.report(info.top[0].stmt, f"settings are passed to settings.configure() here: add "
                                         f"{self.explicit_setting}={self.explicit_value} to that call by hand")
            return module
        if star_bases(module):
            status = base_status(ctx.path, module, {"INSTALLED_APPS", self.explicit_setting})
            if status == "defines":
                return module
            if status == "unknown":
                ctx.report(info.top[0].stmt, f"this module star-imports a base that could not be read: set "
                                             f"{self.explicit_setting} = {self.explicit_value} in the base settings by hand")
                return module
        stmt = cst.parse_statement(f"{self.explicit_setting} = {self.explicit_value}\n").with_changes(leading_lines=[
            cst.EmptyLine(),
            cst.EmptyLine(comment=cst.Comment(self.explicit_comment)),
        ])
        body = list(module.body)
        index = info.last.index + 1
        if index < len(body) and not body[index].leading_lines:
            body[index] = body[index].with_changes(leading_lines=[cst.EmptyLine()])
        body.insert(index, stmt)
        return module.with_changes(body=body)
