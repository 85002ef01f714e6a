"""Codemod: drop DATABASES[...]["TEST"]["SERIALIZE"] (Django 4.0+ infers it from serialized_rollback)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import FileContext, walk
from codemods.settings_helpers import SettingsCodemod, find_setting


def _key(element) -> str | None:
    if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
        value = element.key.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _without_serialize(d: cst.Dict) -> cst.Dict | None:
    """``d`` (a DATABASES dict literal) with every TEST dict's SERIALIZE entry removed, or None."""
    changed = False
    aliases = []
    for alias in d.elements:
        if isinstance(alias, cst.DictElement) and isinstance(alias.value, cst.Dict):
            entries = []
            for entry in alias.value.elements:
                if _key(entry) == "TEST" and isinstance(entry.value, cst.Dict):
                    kept = [e for e in entry.value.elements if _key(e) != "SERIALIZE"]
                    if len(kept) != len(entry.value.elements):
                        changed = True
                        if kept:
                            kept[-1] = kept[-1].with_changes(comma=entry.value.elements[-1].comma)
                        entry = entry.with_changes(value=entry.value.with_changes(elements=kept))
                entries.append(entry)
            alias = alias.with_changes(value=alias.value.with_changes(elements=entries))
        aliases.append(alias)
    return d.with_changes(elements=aliases) if changed else None


class TestSerializeSetting(SettingsCodemod):
    """Remove the ``SERIALIZE`` entry of ``DATABASES[...]["TEST"]``.

    What it does: in a settings module's ``DATABASES = {...}`` literal, the ``"SERIALIZE": ...``
    entry of each alias's ``"TEST"`` dict is deleted. Since Django 4.0 the test runner serializes a
    database only for the test cases that set ``serialized_rollback = True`` (and only the aliases in
    their ``databases``); with the entry gone, those tests get their data restored and the others no
    longer pay for the serialization - no test outcome changes, except tests that combined
    ``serialized_rollback = True`` with ``SERIALIZE: False`` (which never restored anything). Left
    alone and reported: ``DATABASES`` built elsewhere (a variable, ``dj_database_url``) that mentions
    ``SERIALIZE``.

    Why: Django 4.0 deprecated the setting (``RemovedInDjango50Warning``: "The SERIALIZE test database
    setting is deprecated as it can be inferred from the TestCase/TransactionTestCase.databases that
    enable the serialized_rollback feature."); 5.0 ignores it.

    Example::

        # before
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "TEST": {"SERIALIZE": False}}}

        # after
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "TEST": {}}}

    Django versions: the runner infers it since Django 4.0 (targets >= 4.0 only); needed before 5.0.
    Settings files only.
    """

    name = "test_serialize_setting"
    changes = ("test-serialize",)
    available_from = "4.0"
    removed_in = "5.0"
    triggers = ("SERIALIZE",)
    setting_names = ("DATABASES",)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(isinstance(n, ast.Constant) and n.value == "SERIALIZE" for n in walk(tree))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        info = find_setting(module, "DATABASES")
        body = list(module.body)
        changed = False
        for top in info.top:
            if not isinstance(top.value, cst.Dict):
                continue
            new = _without_serialize(top.value)
            if new is None:
                continue
            stmt = body[top.index]
            assign = stmt.body[0]
            body[top.index] = stmt.with_changes(body=[assign.with_changes(value=new), *stmt.body[1:]])
            changed = True
        if not changed:
            ctx.report(1, "SERIALIZE is set outside a DATABASES dict literal: remove it by hand "
                          "(use serialized_rollback = True on the test cases that need it)")
            return module
        return module.with_changes(body=body)
