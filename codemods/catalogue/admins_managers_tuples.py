"""Codemod: ADMINS / MANAGERS (name, address) tuples -> address strings (Django 6.0+)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.settings_helpers import SettingsCodemod, code, find_setting

_NAMES = ("ADMINS", "MANAGERS")


def _droppable(expr: cst.BaseExpression) -> bool:
    """A name part whose evaluation can be dropped: a string literal, a name or attribute chain."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        return True
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return isinstance(expr, cst.Name)


def _pair(el: cst.BaseElement) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    if not isinstance(el, cst.Element) or not isinstance(el.value, (cst.Tuple, cst.List)):
        return None
    items = el.value.elements
    if len(items) != 2 or not all(isinstance(i, cst.Element) for i in items):
        return None
    return items[0].value, items[1].value


class AdminsManagersTuples(SettingsCodemod):
    """Turn ``ADMINS`` / ``MANAGERS`` lists of ``(name, address)`` tuples into lists of addresses.

    What it does: in a top-level ``ADMINS = [...]`` / ``MANAGERS = [...]`` (list or tuple literal)
    whose items are all 2-tuples, each ``("Name", "address")`` becomes ``"address"``. Left alone
    and reported: computed values, a mix of tuples and strings, a name part that is not a literal or
    a plain name (its evaluation would be dropped), tuples with comments inside, the setting inside
    ``if``/``try`` or changed with ``+=``. ``MANAGERS = ADMINS`` needs nothing.

    Decision - the address only, not ``'"Name" <address>'``: Django never used the name (5.2 and
    6.x send to ``[a[1] for a in setting]``, verified in the sources), so dropping it is the exactly
    equivalent form. ``'"Name" <address>'`` (or ``email.utils.formataddr``) would add a display
    name to the To: header - do that by hand if wanted. Code of your own or of third-party packages
    that reads ``settings.ADMINS`` expecting pairs (``for name, email in settings.ADMINS``) must be
    updated too.

    Why: Django 6.0 deprecated the tuples (``RemovedInDjango2028Warning``: "Using (name, address)
    pairs in the ADMINS setting is deprecated. Replace with a list of email address strings.").

    Example::

        # before
        ADMINS = [("Ops", "ops@example.com"), ("Mary", "mary@example.com")]

        # after
        ADMINS = ["ops@example.com", "mary@example.com"]

    Django versions: from 6.0 (5.2 requires 2-tuples: ``mail_admins`` raises ``ValueError`` for
    strings); needed before 2028. Settings files only.
    """

    name = "admins_managers_tuples"
    changes = ("admins-managers-tuples",)
    available_from = "6.0"
    removed_in = "2028"
    triggers = _NAMES
    setting_names = _NAMES

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        body = list(module.body)
        changed = False
        for setting in _NAMES:
            info = find_setting(module, setting)
            for node, reason in info.unsafe:
                ctx.report(node, f"{reason}: from Django 6.0 use a list of address strings by hand")
            for assign in info.top:
                new = self._rewrite(setting, assign, ctx)
                if new is not None:
                    body[assign.index] = assign.stmt.with_changes(body=[assign.stmt.body[0].with_changes(value=new)])
                    changed = True
        return module.with_changes(body=body) if changed else module

    def _rewrite(self, setting: str, assign, ctx: FileContext):
        value = assign.value
        if not isinstance(value, (cst.List, cst.Tuple)):
            if not isinstance(value, cst.Name):
                ctx.report(assign.stmt, f"{setting} is computed: from Django 6.0 it must be a list of address strings")
            return None
        if not value.elements:
            return None
        pairs = [_pair(el) for el in value.elements]
        if not any(pairs):
            return None  # already strings
        if not all(pairs):
            ctx.report(assign.stmt, f"{setting} mixes (name, address) pairs with other items: fix it by hand "
                                    "(Django 6.0 accepts only address strings)")
            return None
        elements = []
        for el, (name, address) in zip(value.elements, pairs):
            if not _droppable(name):
                ctx.report(assign.stmt, f"{setting}: the name {code(name)} is computed: replace the pair with its "
                                        "address by hand")
                return None
            if "#" in code(el.value) and any(
                    isinstance(n, cst.Comment) for n in _comments(el.value)):
                ctx.report(assign.stmt, f"{setting}: a pair holds a comment: replace it with its address by hand")
                return None
            elements.append(el.with_changes(value=address))
        return value.with_changes(elements=elements)


def _comments(node: cst.CSTNode) -> list[cst.Comment]:
    found: list[cst.Comment] = []

    class V(cst.CSTVisitor):
        def visit_Comment(self, n):
            found.append(n)

    node.visit(V())
    return found
