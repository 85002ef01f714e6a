"""Codemod: Signer / TimestampSigner positional arguments -> keywords."""

from __future__ import annotations

from codemods.posargs import PositionalToKeywordCodemod

_SIGNER = (0, ("key", "sep", "salt", "algorithm", "fallback_keys"))


class SignerPositionalArgs(PositionalToKeywordCodemod):
    """Pass ``Signer`` / ``TimestampSigner`` arguments by keyword.

    What it does: turns positional arguments of ``django.core.signing.Signer(...)`` and
    ``TimestampSigner(...)`` into keywords in their old order (``key``, ``sep``, ``salt``,
    ``algorithm``, ``fallback_keys``), also in ``super().__init__(...)`` of a direct subclass.
    ``*args`` calls are left alone and reported.

    Why: Django 4.2 deprecated positional arguments (``RemovedInDjango51Warning``: "Passing
    positional arguments to Signer is deprecated."); Django 5.1 made them keyword-only
    (``TypeError``).

    Example::

        # before
        signer = Signer(settings.OTHER_KEY, ":", "invites")

        # after
        signer = Signer(key=settings.OTHER_KEY, sep=":", salt="invites")

    Django versions: these parameter names have been accepted by keyword since Django 1.x
    (``algorithm`` from 3.1, ``fallback_keys`` from 4.1 - a call can only pass them positionally
    where they exist); needed before 5.1.
    """

    name = "signer_positional_args"
    changes = ("signer-positional-args",)
    available_from = "2.0"
    removed_in = "5.1"
    triggers = ("Signer",)
    kinds = frozenset({"python"})
    migrations = True
    signatures = {
        "django.core.signing.Signer": _SIGNER,
        "django.core.signing.TimestampSigner": _SIGNER,
    }
