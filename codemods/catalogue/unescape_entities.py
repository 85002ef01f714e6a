"""Codemod: django.utils.text.unescape_entities -> html.unescape."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class UnescapeEntities(RenameCodemod):
    """Rewrite ``django.utils.text.unescape_entities()`` to the standard library's ``html.unescape()``.

    What it does: ``from django.utils.text import unescape_entities`` becomes
    ``from html import unescape`` (an ``as`` alias is kept) and calls are renamed; ``text.
    unescape_entities(x)`` attribute access becomes ``unescape(x)`` with the import added. When the
    name ``unescape`` is already bound to something else in the module, nothing changes and the
    codemod reports it.

    Why: deprecated in Django 3.0 (``RemovedInDjango40Warning``: "django.utils.text.
    unescape_entities() is deprecated in favor of html.unescape()."), removed in 4.0.

    Behaviour: ``html.unescape`` is what Django recommends and is a superset for well-formed input
    (named, decimal and hex references ending in ``;``). It differs on edge cases: it also decodes
    references without the trailing ``;`` (``&amp`` -> ``&``) and HTML5 entity names, and maps
    invalid code points (``&#0;``, surrogates, numbers above U+10FFFF) to U+FFFD where Django
    decoded them raw or left them as they were, and it needs a ``str``
    (Django's version called ``str()`` on its argument and returned a lazy string for a lazy one).
    Review calls that pass lazy translation strings or non-strings.

    Example::

        # before
        from django.utils.text import unescape_entities
        title = unescape_entities(raw)

        # after
        from html import unescape
        title = unescape(raw)

    Django versions: ``html.unescape`` is in every Python 3 version Django supports; needed before
    4.0.
    """

    name = "unescape_entities"
    changes = ("unescape-entities",)
    available_from = "2.0"
    removed_in = "4.0"
    triggers = ("unescape_entities",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.utils.text.unescape_entities": "html.unescape"}
