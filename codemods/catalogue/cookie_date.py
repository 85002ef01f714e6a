"""Codemod: django.utils.http.cookie_date -> django.utils.http.http_date."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class CookieDate(RenameCodemod):
    """Rewrite ``django.utils.http.cookie_date()`` to ``http_date()``.

    What it does: ``from django.utils.http import cookie_date`` becomes ``... import http_date`` and
    the calls are renamed (an ``as`` alias is kept); ``http.cookie_date(...)`` attribute access
    becomes ``http.http_date(...)``. The argument is the same (``epoch_seconds=None``, seconds since
    the epoch, ``None`` for now). A module where ``http_date`` is bound to something else is left
    alone and reported.

    Why: deprecated in Django 2.1 (``RemovedInDjango30Warning``: "cookie_date() is deprecated in
    favor of http_date(), which follows the format of the latest RFC."), removed in 3.0.

    Behaviour: the output format differs slightly. ``cookie_date()`` wrote the old Netscape cookie
    format with dashes, ``'Wdy, DD-Mon-YYYY HH:MM:SS GMT'``; ``http_date()`` writes RFC 7231's
    IMF-fixdate, ``'Wdy, DD Mon YYYY HH:MM:SS GMT'`` (Django's own ``set_cookie(expires=...)``
    switched to it in 2.1; browsers accept both). Code or tests that compare the exact string, or
    parse it with a format containing dashes, must be updated by hand.

    Example::

        # before
        from django.utils.http import cookie_date
        expires = cookie_date(time.time() + 3600)

        # after
        from django.utils.http import http_date
        expires = http_date(time.time() + 3600)

    Django versions: ``http_date`` exists in every release the tool knows; needed before 3.0.
    """

    name = "cookie_date"
    changes = ("cookie-date",)
    available_from = "1.11"
    removed_in = "3.0"
    triggers = ("cookie_date",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.utils.http.cookie_date": "django.utils.http.http_date"}
