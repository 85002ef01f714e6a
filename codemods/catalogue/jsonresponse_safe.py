"""Codemod: drop ``safe=False`` (and a no-op ``safe=True``) from ``JsonResponse(...)`` calls (Django 6.2)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.calls import has_star, keyword, positional, with_args
from codemods.callrewrite import CallRewriteCodemod

CALLABLES = ("django.http.JsonResponse", "django.http.response.JsonResponse")


def _is_dict(node: cst.BaseExpression) -> bool:
    """A value that is a ``dict`` for sure: a dict display or comprehension."""
    return isinstance(node, (cst.Dict, cst.DictComp))


def _const(node: cst.BaseExpression) -> str | None:
    return node.value if isinstance(node, cst.Name) and node.value in ("True", "False") else None


class JsonResponseSafe(CallRewriteCodemod):
    """Drop the deprecated ``safe`` argument from ``JsonResponse(...)`` calls.

    What it does: ``JsonResponse(data, safe=False)`` becomes ``JsonResponse(data)`` (also ``safe``
    passed third positionally, and through ``django.http.response``); ``safe=True`` is dropped only
    where the data is a dict display or comprehension, where it never did anything.

    Left alone and reported: ``safe=True`` with any other data (it raised ``TypeError`` for a
    non-dict; keep that check yourself, ``if not isinstance(data, dict): raise TypeError(...)``,
    before dropping it), a ``safe`` value that is not the literal ``True`` / ``False``, and calls
    with ``*args`` / ``**kwargs``.

    Why: Django 6.2 deprecated the ``safe`` parameter (6.2 release notes: "Omitting the argument is
    equivalent to the prior safe=False usage") and changed its default to ``False``, since the
    ``Array`` prototype pollution it guarded against was fixed in ES5.

    Example::

        # before
        return JsonResponse(list(qs.values("id", "name")), safe=False)

        # after
        return JsonResponse(list(qs.values("id", "name")))

    Django versions: omitting ``safe`` means ``safe=False`` from 6.2 (before 6.2 it meant
    ``safe=True`` and a list raised ``TypeError``, so never apply this earlier); needed before 2029.
    """

    name = "jsonresponse_safe"
    changes = ("jsonresponse-safe",)
    available_from = "6.2"
    removed_in = "2029"
    triggers = ("JsonResponse",)
    kinds = frozenset({"python"})
    migrations = False
    callables = CALLABLES

    def ast_wants(self, call: ast.Call) -> bool:
        return any(k.arg == "safe" or k.arg is None for k in call.keywords) or len(call.args) >= 3

    def rewrite(self, call, qual, ctx, edit):
        if has_star(call):
            if keyword(call, "safe") is not None or len(positional(call)) >= 3 or has_star(call, ("**",)):
                edit.report("JsonResponse() with *args/**kwargs may pass safe: drop it by hand (6.2 deprecates it)")
            return None
        pos = positional(call)
        arg = keyword(call, "safe")
        if arg is None and len(pos) == 3:
            arg = pos[2]
        elif len(pos) > 3 or (arg is not None and len(pos) >= 3):
            edit.report("JsonResponse() with safe among more positional arguments: drop it by hand")
            return None
        if arg is None:
            return None
        value = _const(arg.value)
        data = pos[0].value if pos else getattr(keyword(call, "data"), "value", None)
        if value == "True" and data is not None and _is_dict(data):
            value = "False"  # a dict passes the check: nothing to keep
        if value != "False":
            edit.report("JsonResponse(safe=...) other than False: safe=True rejected non-dict data with TypeError; "
                        "keep that check yourself if you need it and drop safe by hand")
            return None
        return with_args(call, [a for a in call.args if a is not arg])
