"""Codemod: {% ifequal %} / {% ifnotequal %} -> {% if a == b %} / {% if a != b %}."""

from __future__ import annotations

from codemods.base import Codemod, FileContext
from codemods.templatelex import BLOCK, replace_tokens, tag_name, tokenize

_OPEN = {"ifequal": "==", "ifnotequal": "!="}
_CLOSE = {"endifequal": "ifequal", "endifnotequal": "ifnotequal"}
# Words the {% if %} parser treats as operators: as a bare argument they would change the meaning.
_OPERATORS = {"and", "or", "not", "in", "is", "==", "!=", "<", ">", "<=", ">=", "="}


class IfEqual(Codemod):
    """Rewrite ``{% ifequal a b %}`` / ``{% ifnotequal a b %}`` to ``{% if a == b %}`` / ``{% if a != b %}``.

    What it does: converts each opening tag and its matching ``{% endifequal %}`` /
    ``{% endifnotequal %}`` to ``{% if %}`` ... ``{% endif %}``, keeping ``{% else %}`` branches and
    nested blocks; quoted arguments with spaces and filters (``a|lower "x y"``) are kept as written.
    Tags inside ``{% verbatim %}``, ``{% comment %}`` and ``{# #}`` are left alone. A template whose
    ifequal tags do not balance, or whose arguments are not exactly two, or where an argument is an
    ``{% if %}`` operator word (``and``, ``in`` ...), is left unchanged and reported.

    Why: ``{% ifequal %}`` and ``{% ifnotequal %}`` were deprecated in Django 3.1
    (``RemovedInDjango40Warning``) and removed in Django 4.0 (``Invalid block tag``).

    Example::

        {# before #}
        {% ifequal product.stock 0 %}Sold out{% else %}In stock{% endifequal %}

        {# after #}
        {% if product.stock == 0 %}Sold out{% else %}In stock{% endif %}

    Django versions: ``{% if a == b %}`` works since Django 1.2, so this runs on any supported
    target; needed before 4.0.
    """

    name = "ifequal"
    changes = ("template-ifequal", "template-ifnotequal")
    available_from = "1.10"
    removed_in = "4.0"
    triggers = ("ifequal", "ifnotequal")
    kinds = frozenset({"template"})
    migrations = True

    def transform_text(self, text: str, ctx: FileContext) -> str:
        tokens = tokenize(text)
        stack = []  # [opening token, convertible]
        replacements = {}
        for tok in tokens:
            if tok.kind != BLOCK or tok.skipped:
                continue
            name = tag_name(tok)
            if name in _OPEN:
                bits = tok.bits()
                ok = len(bits) == 3 and not any(b in _OPERATORS for b in bits[1:])
                if not ok:
                    ctx.report(tok.lineno, f"{{% {name} %}} needs exactly two arguments that are not operators; "
                                           "rewrite it to {% if %} by hand")
                stack.append((tok, ok))
            elif name in _CLOSE:
                if not stack or tag_name(stack[-1][0]) != _CLOSE[name]:
                    ctx.report(tok.lineno, f"unbalanced {{% {name} %}}; template left unchanged")
                    return text
                opening, ok = stack.pop()
                if ok:
                    bits = opening.bits()
                    op = _OPEN[bits[0]]
                    replacements[opening] = opening.with_content(f"if {bits[1]} {op} {bits[2]}")
                    replacements[tok] = tok.with_content("endif")
        if stack:
            ctx.report(stack[-1][0].lineno, f"{{% {tag_name(stack[-1][0])} %}} is never closed; template left unchanged")
            return text
        return replace_tokens(text, replacements)
