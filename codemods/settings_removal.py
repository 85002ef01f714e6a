"""A declarative base for "delete this setting when its value is X" settings codemods.

    class FileCharset(SettingRemovalCodemod):
        setting = "FILE_CHARSET"
        deletable = {"utf-8": "2.0"}          # value -> first target release where deleting it is exact
        normalise = staticmethod(str.lower)    # optional: compare values after this
        advice = "files read from disk must be UTF-8 from Django 3.1: convert them, then delete it"

A top-level ``SETTING = <literal>`` is deleted (comments above it move down) when the literal is one
of ``deletable`` and the target release (``ctx.target``; the codemod's ``available_from`` when
unknown) is at least the release given for that value. Everything else is left alone and reported
with ``advice``: other values, computed values, the setting inside ``if``/``try``/a class, read
again elsewhere in the module, or a star-imported base module that sets it to something that is not
deletable (deleting the override would let the base value through).
"""

from __future__ import annotations

import re
from typing import Callable, ClassVar

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
from core import versions


def _key(release: str):
    return versions.feature_key(versions.feature(release))


class SettingRemovalCodemod(SettingsCodemod):
    setting: ClassVar[str] = ""
    deletable: ClassVar[dict] = {}
    normalise: ClassVar[Callable | None] = None
    advice: ClassVar[str] = "delete it by hand"

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        if cls.setting:
            cls.setting_names = (cls.setting,)
            if not cls.triggers:
                cls.triggers = (cls.setting,)

    def _norm(self, value):
        norm = type(self).normalise
        if norm is not None and isinstance(value, str):
            return norm(value)
        return value

    def _deletable(self, value, ctx: FileContext) -> bool:
        if value is ...:
            return False
        value = self._norm(value)
        for candidate, since in self.deletable.items():
            if type(candidate) is type(value) and candidate == value:
                target = ctx.target or self.available_from
                return _key(target) >= _key(since)
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        name = self.setting
        info = find_setting(module, name)
        if not info.found:
            return module
        if info.unsafe:
            self.report_unsafe(info, ctx, self.advice)
            return module
        for assign in info.top:
            value = literal_value(assign.value)
            if not self._deletable(value, ctx):
                shown = module.code_for_node(assign.value).strip()
                ctx.report(assign.stmt, f"{name} = {shown}: {self.advice}")
                return module
        indexes = {a.index for a in info.top}
        rest = module.with_changes(body=[s for i, s in enumerate(module.body) if i not in indexes])
        if uses_name(rest, name):
            ctx.report(info.top[0].stmt, f"{name} is read elsewhere in this module: delete it by hand")
            return module
        if star_bases(module):
            inherited = base_values(ctx.path, module, name)
            if inherited is None:
                ctx.report(info.top[0].stmt, f"this module star-imports a base that could not be read; {name} here may "
                                             f"override it: delete it by hand if the base doesn't set {name}")
                return module
            for text in inherited:
                text = re.sub(r"\s+#.*$", "", text)
                try:
                    value = literal_value(cst.parse_expression(text))
                except cst.ParserSyntaxError:
                    value = ...
                if not self._deletable(value, ctx):
                    ctx.report(info.top[0].stmt, f"the star-imported base sets {name} = {text}; this line overrides it: left alone")
                    return module
        for assign in reversed(info.top):
            module = remove_statement(module, assign.index)
        return module
