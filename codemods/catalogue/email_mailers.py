"""Codemod: EMAIL_* settings -> MAILERS (Django 6.1)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.settings_helpers import (
    SettingsCodemod,
    base_status,
    base_values,
    code,
    dict_source,
    find_setting,
    is_plain_value,
    literal_value,
    remove_statement,
    replace_statement,
    star_bases,
    uses_name,
)

SMTP = "django.core.mail.backends.smtp.EmailBackend"
FILEBASED = "django.core.mail.backends.filebased.EmailBackend"
NO_OPTIONS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
# old setting -> OPTIONS key (in the order they are written)
SMTP_OPTIONS = {
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
    "EMAIL_SSL_CERTFILE": "ssl_certfile",
    "EMAIL_SSL_KEYFILE": "ssl_keyfile",
    "EMAIL_TIMEOUT": "timeout",
}
NAMES = ("EMAIL_BACKEND", "EMAIL_FILE_PATH", *SMTP_OPTIONS)


def _literal_text(source: str):
    try:
        return literal_value(cst.parse_expression(source.split("#")[0].strip() or "None"))
    except cst.ParserSyntaxError:
        return ...


class EmailMailers(SettingsCodemod):
    """Replace the deprecated ``EMAIL_*`` connection settings with one ``MAILERS`` setting.

    What it does: collects the top-level ``EMAIL_BACKEND``, ``EMAIL_HOST``, ``EMAIL_PORT``,
    ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``, ``EMAIL_USE_SSL``,
    ``EMAIL_SSL_CERTFILE``, ``EMAIL_SSL_KEYFILE``, ``EMAIL_TIMEOUT`` and ``EMAIL_FILE_PATH`` of a
    settings module and writes ``MAILERS = {"default": {"BACKEND": ..., "OPTIONS": {...}}}`` in
    place of the last of them, following Django's "Migrating email to mailers" table
    (``EMAIL_HOST_USER`` -> ``"username"``, ``EMAIL_HOST`` -> ``"host"``, ...). Values read from
    the environment are kept as expressions. ``EMAIL_SUBJECT_PREFIX``, ``EMAIL_USE_LOCALTIME``,
    ``DEFAULT_FROM_EMAIL`` and ``SERVER_EMAIL`` are not deprecated and stay.

    Exactness: the old settings had defaults that ``MAILERS`` does not share, so for the SMTP
    backend ``"host"`` is always written (``"localhost"`` when ``EMAIL_HOST`` was unset - MAILERS
    requires it) and ``"port"`` too (``25`` when ``EMAIL_PORT`` was unset: the new default port
    follows ``use_tls``/``use_ssl`` - 587/465 - while the old one was always 25). The console,
    locmem and dummy backends get no ``"OPTIONS"``; the file backend gets ``"file_path"``.

    Settings packages: a module that does ``from .base import *`` while the base defines (or, once
    this codemod has run on it, will define) ``MAILERS`` gets
    ``MAILERS = {**MAILERS, "default": {...}}``: a backend switch to console/locmem/dummy/file
    replaces the inherited mailer, SMTP overrides are merged into the inherited ``"OPTIONS"``
    when the base's backend is SMTP. A base that sets no email settings means the module is
    converted on its own.

    Left alone and reported: a module that already sets ``MAILERS`` (Django raises
    ``ImproperlyConfigured`` when both are set), an email setting inside ``if``/``try``, computed by
    a function, or read elsewhere in the module (``SERVER_EMAIL = EMAIL_HOST_USER``), a backend that
    is not Django's own (third-party backends take their own ``OPTIONS``) or comes from the
    environment, SMTP options next to a non-SMTP backend, and overrides whose base can't be read.

    Why: deprecated in Django 6.1 (``RemovedInDjango2028Warning``: "The EMAIL_HOST setting is
    deprecated. Migrate to MAILERS before Django 2028."), removed in Django 2028.

    Example::

        # before
        EMAIL_HOST = os.environ["SMTP_HOST"]
        EMAIL_USE_TLS = True
        EMAIL_PORT = 587

        # after
        MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": os.environ["SMTP_HOST"],
                    "port": 587,
                    "use_tls": True,
                },
            },
        }

    Django versions: ``MAILERS`` exists since 6.1. Settings files only.
    """

    name = "email_mailers"
    changes = ("email-settings-mailers",)
    available_from = "6.1"
    removed_in = "2028"
    triggers = NAMES
    setting_names = NAMES

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        infos = {n: find_setting(module, n) for n in NAMES}
        present = {n: i for n, i in infos.items() if i.found}
        if not present:
            return module
        first = next(iter(present.values()))
        anchor = (first.top or [None])[0]
        where = anchor.stmt if anchor else first.unsafe[0][0]
        for info in present.values():
            if info.unsafe:
                self.report_unsafe(info, ctx, "move the email settings into MAILERS by hand")
                return module
        if find_setting(module, "MAILERS").found:
            ctx.report(where, "MAILERS is also set (Django raises ImproperlyConfigured with EMAIL_* settings): "
                              "merge them by hand")
            return module
        indexes = sorted(a.index for i in present.values() for a in i.top)
        rest = module.with_changes(body=[s for i, s in enumerate(module.body) if i not in set(indexes)])
        values: dict[str, str] = {}
        for n, info in present.items():
            if uses_name(rest, n):
                ctx.report(info.top[0].stmt, f"{n} is read elsewhere in this module: move it into MAILERS by hand")
                return module
            if not is_plain_value(info.last.value):
                ctx.report(info.last.stmt, f"{n} is computed: move it into MAILERS by hand")
                return module
            values[n] = code(info.last.value).strip()

        backend = None
        if "EMAIL_BACKEND" in present:
            backend = literal_value(present["EMAIL_BACKEND"].last.value)
            if not isinstance(backend, str):
                ctx.report(where, "EMAIL_BACKEND is not a string literal: the OPTIONS depend on the backend; "
                                  "write MAILERS by hand")
                return module
            if backend != SMTP and backend != FILEBASED and backend not in NO_OPTIONS:
                ctx.report(where, f"EMAIL_BACKEND {backend!r} is not one of Django's backends: its MAILERS "
                                  "OPTIONS are its own; write MAILERS by hand (see its documentation)")
                return module
        smtp_here = [n for n in SMTP_OPTIONS if n in present]

        merge = False
        if star_bases(module):
            status = base_status(ctx.path, module, {*NAMES, "MAILERS"})
            if status == "unknown":
                ctx.report(where, "this module star-imports a base that could not be read: write MAILERS by hand")
                return module
            merge = status == "defines"

        if backend in NO_OPTIONS or backend == FILEBASED:
            extra = [n for n in present if n not in ("EMAIL_BACKEND", "EMAIL_FILE_PATH")]
            if backend in NO_OPTIONS:
                extra += ["EMAIL_FILE_PATH"] if "EMAIL_FILE_PATH" in present else []
            if extra:
                ctx.report(where, f"{', '.join(extra)} set next to {backend}, which ignores them: "
                                  "write MAILERS by hand")
                return module
            default = [("BACKEND", values["EMAIL_BACKEND"])]
            if backend == FILEBASED:
                if "EMAIL_FILE_PATH" not in present:
                    ctx.report(where, "the file backend needs EMAIL_FILE_PATH, which is not set here: write MAILERS by hand")
                    return module
                default.append(("OPTIONS", [("file_path", values["EMAIL_FILE_PATH"])]))
            items = ([(None, "MAILERS")] if merge else []) + [("default", default)]
        elif "EMAIL_FILE_PATH" in present:
            ctx.report(where, "EMAIL_FILE_PATH is set without the file backend: write MAILERS by hand")
            return module
        elif merge:
            inherited = base_values(ctx.path, module, "EMAIL_BACKEND") or []
            if backend is None and any(_literal_text(v) != SMTP for v in inherited):
                ctx.report(where, "the star-imported base sets another EMAIL_BACKEND: write MAILERS by hand")
                return module
            options = [(None, 'MAILERS["default"].get("OPTIONS", {})')]
            options += [(SMTP_OPTIONS[n], values[n]) for n in smtp_here]
            default = [(None, 'MAILERS["default"]')]
            if backend is not None:
                default.append(("BACKEND", values["EMAIL_BACKEND"]))
            default.append(("OPTIONS", options))
            items = [(None, "MAILERS"), ("default", default)]
        else:
            options = []
            for n in SMTP_OPTIONS:
                if n in present:
                    options.append((SMTP_OPTIONS[n], values[n]))
                elif n == "EMAIL_HOST":
                    options.append(("host", '"localhost"'))
                elif n == "EMAIL_PORT":
                    options.append(("port", "25"))
            backend_src = values.get("EMAIL_BACKEND", f'"{SMTP}"')
            items = [("default", [("BACKEND", backend_src), ("OPTIONS", options)])]

        source = f"MAILERS = {dict_source(items)}\n"
        module = replace_statement(module, indexes[-1], source, keep_trailing_comment=False)
        for index in reversed(indexes[:-1]):
            module = remove_statement(module, index)
        return module
