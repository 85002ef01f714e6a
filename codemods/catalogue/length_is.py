"""Codemod: ``x|length_is:n`` -> ``x|length == n`` inside {% if %} / {% elif %}."""

from __future__ import annotations

import re

from codemods.base import Codemod, FileContext
from codemods.templatelex import BLOCK, VAR, replace_tokens, tag_name, tokenize

# value|...|length_is:4 (or "4" / '4') as the whole bit: nothing after the filter.
_BIT = re.compile(r"""^(?P<value>.+?)\|length_is:(?P<arg>-?\d+|"-?\d+"|'-?\d+')$""")
_BEFORE_OK = {None, "if", "elif", "and", "or", "not"}
_AFTER_OK = {None, "and", "or"}


class LengthIs(Codemod):
    """Rewrite ``value|length_is:n`` to ``value|length == n`` inside ``{% if %}`` and ``{% elif %}``.

    What it does: in ``{% if %}`` / ``{% elif %}`` tags, replaces each ``length_is`` filter whose
    argument is an integer literal (``4``, ``"4"``) by the ``length`` filter and ``==``; ``and`` /
    ``or`` / ``not`` around it are kept. Left alone and reported: ``length_is`` in ``{{ }}`` output (it
    prints ``True``/``False`` there - wrap it in ``{% if %}`` by hand), in other tags, with a variable
    argument (``length_is`` converts it with ``int()``), followed by another filter, or next to a
    comparison operator. Tags inside ``{% verbatim %}`` and comments are left alone.

    Why: ``length_is`` was deprecated in Django 4.2 (``RemovedInDjango51Warning``) and removed in
    Django 5.1 (``Invalid filter: 'length_is'``).

    Example::

        {# before #}
        {% if products|length_is:"0" %}No products{% endif %}

        {# after #}
        {% if products|length == 0 %}No products{% endif %}

    Django versions: ``{% if x|length == n %}`` works since Django 1.2, so this runs on any supported
    target; needed before 5.1.
    """

    name = "length_is"
    changes = ("length-is",)
    available_from = "1.10"
    removed_in = "5.1"
    triggers = ("length_is",)
    kinds = frozenset({"template"})
    migrations = True

    def transform_text(self, text: str, ctx: FileContext) -> str:
        replacements = {}
        for tok in tokenize(text):
            if tok.skipped or "length_is" not in tok.raw or tok.kind not in (BLOCK, VAR):
                continue
            if tok.kind == VAR:
                ctx.report(tok.lineno, "length_is in {{ }} output prints True/False; "
                                       "use {% if x|length == n %}True{% else %}False{% endif %} by hand")
                continue
            if tag_name(tok) not in ("if", "elif"):
                ctx.report(tok.lineno, f"length_is in {{% {tag_name(tok)} %}}: rewrite it by hand")
                continue
            spans = tok.bit_spans()
            bits = [b for b, _, _ in spans]
            new_raw = tok.raw
            edits = []
            for i, (bit, start, end) in enumerate(spans):
                if "length_is" not in bit:
                    continue
                m = _BIT.match(bit)
                before = bits[i - 1] if i > 0 else None
                after = bits[i + 1] if i + 1 < len(bits) else None
                if not m:
                    ctx.report(tok.lineno, f"{bit}: length_is with a variable argument or followed by another "
                                           "filter; rewrite it by hand")
                    continue
                if before not in _BEFORE_OK or after not in _AFTER_OK:
                    ctx.report(tok.lineno, f"{bit} next to an operator; rewrite it by hand")
                    continue
                arg = m.group("arg").strip("\"'")
                edits.append((start, end, f"{m.group('value')}|length == {int(arg)}"))
            for start, end, new in reversed(edits):
                new_raw = new_raw[:start] + new + new_raw[end:]
            if new_raw != tok.raw:
                replacements[tok] = new_raw
        return replace_tokens(text, replacements)
