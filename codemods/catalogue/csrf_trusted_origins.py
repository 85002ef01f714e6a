"""Codemod: give CSRF_TRUSTED_ORIGINS entries a scheme (Django 4.0 format)."""

from __future__ import annotations

import re

import libcst as cst

from codemods.base import FileContext
from codemods.settings_helpers import SettingsCodemod, code, find_setting

_HOST = re.compile(r"^(\.)?((?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)(:\d{1,5})?$", re.I)


def _new_value(old: str) -> str | None:
    """``"https://host"`` for a scheme-less host entry, ``"https://*.host"`` for ``".host"``; None
    when the entry is not a plain host[:port]."""
    m = _HOST.match(old)
    if not m:
        return None
    dot, host, port = m.group(1), m.group(2).lower(), m.group(3) or ""
    return f"https://{'*.' if dot else ''}{host}{port}"


class CsrfTrustedOrigins(SettingsCodemod):
    """Add the ``https://`` scheme to ``CSRF_TRUSTED_ORIGINS`` entries (Django 4.0 format).

    What it does: in a top-level ``CSRF_TRUSTED_ORIGINS = [...]`` (list or tuple literal),
    ``"example.com"`` becomes ``"https://example.com"`` and ``".example.com"`` becomes
    ``"https://*.example.com"`` (host lower-cased, a ``:port`` kept; quotes and prefixes kept).
    Entries that already have a scheme are left as they are. Left alone and reported: computed
    values (``os.environ[...].split(",")``), non-literal or odd entries (``"*"``, paths), the
    setting inside ``if``/``try``, changed with ``+=`` or in place.

    Decision - https is assumed, and each rewrite is reported: before 4.0 the setting only took
    part in the Referer check of HTTPS requests (Django 3.2 rejects a non-``https`` Referer before
    looking at it), so ``https://`` keeps what the entries meant. A site served over plain HTTP
    gets a new Origin check in 4.0 and needs ``http://`` entries instead - the codemod can't know
    how the site is served, so it says so.

    Why: Django 4.0 requires a scheme (backwards incompatible, no deprecation period; system check
    ``4_0.E001``: "As of Django 4.0, the values in the CSRF_TRUSTED_ORIGINS setting must start with a
    scheme (usually http:// or https://) ..."); and ``".example.com"`` must be written
    ``"https://*.example.com"``.

    Example::

        # before
        CSRF_TRUSTED_ORIGINS = ["example.com", ".example.org"]

        # after
        CSRF_TRUSTED_ORIGINS = ["https://example.com", "https://*.example.org"]

    Django versions: from 4.0 (Django 3.2 compares the whole entry with the Referer's host, so
    scheme-ful values would never match there); settings files only.
    """

    name = "csrf_trusted_origins"
    changes = ("csrf-trusted-origins",)
    available_from = "4.0"
    removed_in = "4.0"
    triggers = ("CSRF_TRUSTED_ORIGINS",)
    setting_names = ("CSRF_TRUSTED_ORIGINS",)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        info = find_setting(module, "CSRF_TRUSTED_ORIGINS")
        if not info.found:
            return module
        for node, reason in info.unsafe:
            ctx.report(node, f"{reason}: give its entries a scheme (https://host, https://*.host) by hand")
        body = list(module.body)
        for assign in info.top:
            value = assign.value
            if not isinstance(value, (cst.List, cst.Tuple)):
                ctx.report(assign.stmt, "CSRF_TRUSTED_ORIGINS is computed: from Django 4.0 every entry needs a "
                                        "scheme (https://host, https://*.host) - check its source by hand")
                continue
            elements = list(value.elements)
            changed = []
            for i, el in enumerate(elements):
                if not isinstance(el, cst.Element) or not isinstance(el.value, cst.SimpleString):
                    ctx.report(assign.stmt, f"CSRF_TRUSTED_ORIGINS entry {code(el.value)} is not a string literal: "
                                            "make sure it includes a scheme")
                    continue
                try:
                    old = el.value.evaluated_value
                except Exception:  # noqa: BLE001
                    continue
                if not isinstance(old, str) or "://" in old:
                    continue
                new = _new_value(old)
                if new is None:
                    ctx.report(assign.stmt, f"CSRF_TRUSTED_ORIGINS entry {old!r} is not a host name: from Django 4.0 "
                                            "it needs a scheme - fix it by hand")
                    continue
                s = el.value
                elements[i] = el.with_changes(value=s.with_changes(value=f"{s.prefix}{s.quote}{new}{s.quote}"))
                changed.append(f"{old!r} -> {new!r}")
            if changed:
                ctx.report(assign.stmt, "CSRF_TRUSTED_ORIGINS: assumed the site is served over HTTPS ("
                                        + ", ".join(changed) + "); use http:// for origins served over plain HTTP")
                body[assign.index] = assign.stmt.with_changes(
                    body=[_with_value(assign.stmt.body[0], value.with_changes(elements=elements))])
        return module.with_changes(body=body)


def _with_value(small, value):
    return small.with_changes(value=value)
