"""Codemod: {% load staticfiles %} / {% load admin_static %} -> {% load static %}."""

from __future__ import annotations

from codemods.base import Codemod, FileContext
from codemods.templatelex import BLOCK, replace_tokens, tag_name, tokenize

_OLD = ("staticfiles", "admin_static")


class LoadStaticfiles(Codemod):
    """Rewrite ``{% load staticfiles %}`` and ``{% load admin_static %}`` to ``{% load static %}``.

    What it does: renames the old template tag libraries in every ``{% load %}`` tag of a template,
    including combined loads (``{% load i18n staticfiles %}``) and the ``from`` form
    (``{% load static from staticfiles %}``), without loading ``static`` twice in one tag. Tags inside
    ``{% verbatim %}``, ``{% comment %}`` and ``{# #}`` are left alone.

    Why: both libraries were deprecated in Django 2.1 (``RemovedInDjango30Warning``) and removed in
    Django 3.0, where such a template fails with ``TemplateSyntaxError: 'staticfiles' is not a
    registered tag library``.

    Example::

        {# before #}
        {% load i18n staticfiles %}
        <img src="{% static 'logo.png' %}">

        {# after #}
        {% load i18n static %}
        <img src="{% static 'logo.png' %}">

    Django versions: ``{% load static %}`` uses the staticfiles storage since Django 1.10, so this
    runs on any supported target; needed before 3.0.
    """

    name = "load_staticfiles"
    changes = ("load-staticfiles", "load-admin-static")
    available_from = "1.10"
    removed_in = "3.0"
    triggers = ("staticfiles", "admin_static")
    kinds = frozenset({"template"})
    migrations = True

    def transform_text(self, text: str, ctx: FileContext) -> str:
        replacements = {}
        for tok in tokenize(text):
            if tok.kind != BLOCK or tok.skipped or tag_name(tok) != "load":
                continue
            bits = tok.bits()[1:]
            if not any(b in _OLD for b in bits):
                continue
            if len(bits) >= 3 and bits[-2] == "from":
                # {% load a b from staticfiles %}: only the library after "from" is renamed
                if bits[-1] not in _OLD:
                    continue
                new_bits = bits[:-1] + ["static"]
            else:
                new_bits = []
                for b in bits:
                    b = "static" if b in _OLD else b
                    if b not in new_bits:
                        new_bits.append(b)
            replacements[tok] = tok.with_content(" ".join(["load", *new_bits]))
        return replace_tokens(text, replacements)
