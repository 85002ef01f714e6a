"""Codemod: ENGINE "django.db.backends.postgresql_psycopg2" -> "django.db.backends.postgresql"."""

from __future__ import annotations

from codemods.settings_value_rename import SettingsValueRenameCodemod


class PostgresqlPsycopg2(SettingsValueRenameCodemod):
    """Rewrite the database ENGINE ``django.db.backends.postgresql_psycopg2`` to ``...postgresql``.

    What it does: replaces the string ``"django.db.backends.postgresql_psycopg2"`` wherever it
    appears as a value in a settings module (``DATABASES`` entries, an ``os.environ.get()``
    default, ...) with ``"django.db.backends.postgresql"``. Strings compared with something are
    left alone and reported.

    Why: the ``postgresql_psycopg2`` backend module was a deprecated alias of ``postgresql`` since
    Django 2.0 and was removed in Django 3.0 (``ImproperlyConfigured``: "'django.db.backends.
    postgresql_psycopg2' isn't an available database backend").

    Example::

        # before
        DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql_psycopg2", "NAME": "shop"}}

        # after
        DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop"}}

    Django versions: ``django.db.backends.postgresql`` exists since Django 1.9 (the same backend),
    so any target; needed before 3.0. Settings files only.
    """

    name = "postgresql_psycopg2"
    changes = ("postgresql-psycopg2",)
    available_from = "2.0"
    removed_in = "3.0"
    values = {"django.db.backends.postgresql_psycopg2": "django.db.backends.postgresql"}
