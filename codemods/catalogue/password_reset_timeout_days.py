"""Codemod: PASSWORD_RESET_TIMEOUT_DAYS -> PASSWORD_RESET_TIMEOUT (seconds)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.settings_helpers import (
    SettingsCodemod,
    code,
    find_setting,
    is_plain_value,
    literal_value,
    replace_statement,
    uses_name,
)


class PasswordResetTimeoutDays(SettingsCodemod):
    """Rewrite ``PASSWORD_RESET_TIMEOUT_DAYS = n`` to ``PASSWORD_RESET_TIMEOUT = n * 24 * 60 * 60``.

    What it does: replaces the top-level setting with the new one in seconds, written as the
    product ``n * 24 * 60 * 60`` (the same arithmetic Django 3.1-3.2 applied) so the number of days
    stays readable; a literal integer also gets a ``# n days`` comment. A value read from the
    environment keeps its expression (``int(os.environ["DAYS"]) * 24 * 60 * 60``; a compound
    expression is parenthesised). Left alone and reported: the setting inside ``if``/``try``,
    computed by a function, changed with ``+=``, read elsewhere in the module, or a module that
    also sets ``PASSWORD_RESET_TIMEOUT`` (Django raises ``ImproperlyConfigured`` when both are set;
    decide which one wins by hand).

    Why: deprecated in Django 3.1 (``RemovedInDjango40Warning``: "The PASSWORD_RESET_TIMEOUT_DAYS
    setting is deprecated. Use PASSWORD_RESET_TIMEOUT instead."), removed in Django 4.0.

    Example::

        # before
        PASSWORD_RESET_TIMEOUT_DAYS = 3

        # after
        PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60  # 3 days

    Django versions: ``PASSWORD_RESET_TIMEOUT`` exists since 3.1. Settings files only.
    """

    name = "password_reset_timeout_days"
    changes = ("password-reset-timeout-days",)
    available_from = "3.1"
    removed_in = "4.0"
    triggers = ("PASSWORD_RESET_TIMEOUT_DAYS",)
    setting_names = ("PASSWORD_RESET_TIMEOUT_DAYS",)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        info = find_setting(module, "PASSWORD_RESET_TIMEOUT_DAYS")
        if not info.found:
            return module
        if info.unsafe:
            self.report_unsafe(info, ctx, "replace it with PASSWORD_RESET_TIMEOUT (seconds) by hand")
            return module
        other = find_setting(module, "PASSWORD_RESET_TIMEOUT")
        if other.found:
            ctx.report(info.top[0].stmt, "both PASSWORD_RESET_TIMEOUT_DAYS and PASSWORD_RESET_TIMEOUT are set "
                                         "(Django raises ImproperlyConfigured): delete one by hand")
            return module
        rest = module.with_changes(body=[s for i, s in enumerate(module.body) if i not in {a.index for a in info.top}])
        if uses_name(rest, "PASSWORD_RESET_TIMEOUT_DAYS"):
            ctx.report(info.top[0].stmt, "PASSWORD_RESET_TIMEOUT_DAYS is read elsewhere in this module: rewrite by hand")
            return module
        for assign in info.top:
            if not is_plain_value(assign.value):
                ctx.report(assign.stmt, "PASSWORD_RESET_TIMEOUT_DAYS is computed: set PASSWORD_RESET_TIMEOUT "
                                        "(seconds = days * 86400) by hand")
                return module
        for assign in reversed(info.top):
            value = assign.value
            days = literal_value(value)
            expr = code(value).strip()
            if isinstance(value, (cst.BinaryOperation, cst.BooleanOperation, cst.Comparison, cst.UnaryOperation)) \
                    and not value.lpar:
                expr = f"({expr})"
            line = f"PASSWORD_RESET_TIMEOUT = {expr} * 24 * 60 * 60"
            if isinstance(days, int) and not isinstance(days, bool) and assign.stmt.trailing_whitespace.comment is None:
                line += f"  # {days} day{'s' if days != 1 else ''}"
            module = replace_statement(module, assign.index, line + "\n")
        return module
