"""Codemod: django.utils.http.limited_parse_qsl() -> urllib.parse.parse_qsl()."""

from __future__ import annotations

import libcst as cst

from codemods.callrewrite import CallRewriteCodemod
from codemods.calls import positional
from codemods.imports import count_references, remove_if_unused

OLD = "django.utils.http.limited_parse_qsl"
_SAME = ("qs", "keep_blank_values", "encoding", "errors")  # keyword names both functions share


class LimitedParseQsl(CallRewriteCodemod):
    """Replace ``django.utils.http.limited_parse_qsl()`` with ``urllib.parse.parse_qsl()``.

    What it does: a call whose arguments map exactly - the query string and ``keep_blank_values``
    by position or keyword, ``encoding=`` / ``errors=`` by keyword, and ``fields_limit=`` renamed to
    ``max_num_fields=`` - becomes a ``parse_qsl()`` call, with ``from urllib.parse import parse_qsl``
    added and the old import dropped once unused. Left alone and reported: positional arguments
    beyond the first two (``parse_qsl``'s third parameter is ``strict_parsing``, not
    ``encoding``), ``*args`` / ``**kwargs``, ``fields_limit=0`` (no limit in Django, a limit of 0 in
    ``parse_qsl``), uses that are not calls, and modules where ``parse_qsl`` names something else.

    Why: the undocumented helper was removed in Django 3.2 without a deprecation period
    (``ImportError``; "Backwards incompatible changes in 3.2"): Django's ``QueryDict`` itself uses
    ``parse_qsl()`` since then.

    Behaviour: over the limit, ``parse_qsl`` raises ``ValueError`` where ``limited_parse_qsl`` raised
    Django's ``TooManyFieldsSent`` (a ``SuspiciousOperation``, so a 400 response): code that catches
    ``TooManyFieldsSent`` must catch ``ValueError`` too (the codemod reports a module naming
    ``TooManyFieldsSent``). ``limited_parse_qsl`` split fields on ``&`` and ``;``; ``parse_qsl``
    splits on ``&`` only on the Python releases with the bpo-42967 fix (3.6.13+, 3.7.10+, 3.8.8+,
    3.9.2+), as Django 3.2 does; pass ``separator=...`` if ``;`` matters. A ``fields_limit`` of 0 or
    ``None`` meant no limit; ``max_num_fields=None`` means the same.

    Example::

        # before
        from django.utils.http import limited_parse_qsl
        pairs = limited_parse_qsl(body, keep_blank_values=True, fields_limit=100)

        # after
        from urllib.parse import parse_qsl
        pairs = parse_qsl(body, keep_blank_values=True, max_num_fields=100)

    Django versions: ``parse_qsl`` works everywhere; ``max_num_fields`` needs Python 3.6.8+ / 3.7.2+
    (every Python Django 3.2 supports has it). Needed before 3.2.
    """

    name = "limited_parse_qsl"
    changes = ("limited-parse-qsl",)
    available_from = "1.11"
    removed_in = "3.2"
    triggers = ("limited_parse_qsl",)
    kinds = frozenset({"python"})
    migrations = True
    callables = (OLD,)

    def rewrite(self, call, qual, ctx, edit):
        if any(a.star for a in call.args):
            edit.report("limited_parse_qsl(*args/**kwargs): call urllib.parse.parse_qsl by hand "
                        "(fields_limit= is max_num_fields= there)")
            return None
        if len(positional(call)) > 2:
            edit.report("limited_parse_qsl() with more than two positional arguments: parse_qsl's third is "
                        "strict_parsing, not encoding; call parse_qsl with keywords by hand")
            return None
        args = []
        for a in call.args:
            if a.keyword is None or a.keyword.value in _SAME:
                args.append(a)
            elif a.keyword.value == "fields_limit":
                if isinstance(a.value, cst.Integer) and a.value.evaluated_value == 0:
                    edit.report("fields_limit=0 meant no limit; pass max_num_fields=None to parse_qsl by hand")
                    return None
                args.append(a.with_changes(keyword=cst.Name("max_num_fields")))
            else:
                edit.report(f"limited_parse_qsl({a.keyword.value}=...): not a parameter of it; left alone")
                return None
        func = edit.name_for("urllib.parse.parse_qsl")
        if func is None:
            edit.report("the name parse_qsl is taken here: call urllib.parse.parse_qsl by hand")
            return None
        return call.with_changes(func=cst.parse_expression(func), args=args)

    def after(self, module, index, ctx):
        for local in index.locals_for(OLD):
            module = remove_if_unused(module, "django.utils.http", "limited_parse_qsl", local)
            if count_references(module, local):
                ctx.report(local, f"'{local}' ({OLD}) is still used here and is removed in Django 3.2: "
                                  "use urllib.parse.parse_qsl by hand")
        if "TooManyFieldsSent" in index.bindings or count_references(module, "TooManyFieldsSent"):
            ctx.report("TooManyFieldsSent", "parse_qsl raises ValueError, not TooManyFieldsSent, over the field "
                                            "limit: check the except clauses here")
        return module
