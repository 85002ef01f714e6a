"""Codemod: django.utils.http.is_safe_url -> url_has_allowed_host_and_scheme."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class IsSafeUrl(RenameCodemod):
    """Rewrite ``is_safe_url()`` to ``url_has_allowed_host_and_scheme()``.

    What it does: renames ``django.utils.http.is_safe_url`` wherever it is imported or used through
    the module (``http.is_safe_url(...)``), keeping ``as`` aliases. The arguments stay as they are:
    both functions take ``(url, allowed_hosts, require_https=False)`` with the same names, and in
    3.0-3.2 ``is_safe_url`` only forwards them to the new function.

    Why: ``is_safe_url`` was deprecated in Django 3.0 (``RemovedInDjango40Warning``) and removed in
    Django 4.0.

    Example::

        # before
        from django.utils.http import is_safe_url
        ok = is_safe_url(url=nxt, allowed_hosts={request.get_host()}, require_https=True)

        # after
        from django.utils.http import url_has_allowed_host_and_scheme
        ok = url_has_allowed_host_and_scheme(url=nxt, allowed_hosts={request.get_host()}, require_https=True)

    Django versions: ``url_has_allowed_host_and_scheme`` exists since Django 3.0, so this runs only
    for targets >= 3.0; needed before 4.0.
    """

    name = "is_safe_url"
    changes = ("is-safe-url",)
    available_from = "3.0"
    removed_in = "4.0"
    triggers = ("is_safe_url",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.utils.http.is_safe_url": "django.utils.http.url_has_allowed_host_and_scheme"}
