"""Codemod: is_safe_url(url, host=h) -> is_safe_url(url, allowed_hosts={h})."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.calls import has_star, keyword, positional, with_args
from codemods.callrewrite import CallRewriteCodemod

OLD = "django.utils.http.is_safe_url"


class IsSafeUrlHost(CallRewriteCodemod):
    """Pass ``allowed_hosts={host}`` to ``is_safe_url()`` instead of ``host=``.

    What it does: ``is_safe_url(url, host=request.get_host())`` - and the old positional form
    ``is_safe_url(url, request.get_host())``, whose second argument was ``host`` until 2.0 - becomes
    ``is_safe_url(url, allowed_hosts={request.get_host()})``. A host of ``None`` (the literal) is
    dropped. Left alone and reported: calls that also pass ``allowed_hosts``, and ``**kwargs``.

    Why: Django 1.11 added ``allowed_hosts`` (a set) and deprecated ``host`` (``RemovedInDjango21Warning``:
    "The host argument is deprecated, use allowed_hosts instead."); 2.1 removed it, and from 2.1 the
    second positional argument IS ``allowed_hosts`` (a bare host string there would be searched as a
    string, a silent security bug).

    Example::

        # before
        safe = is_safe_url(next_url, host=request.get_host())

        # after
        safe = is_safe_url(next_url, allowed_hosts={request.get_host()})

    Django versions: ``allowed_hosts`` exists since Django 1.11; needed before 2.1 (the function itself
    is renamed by ``is_safe_url`` for 3.0+).
    """

    name = "is_safe_url_host"
    changes = ("is-safe-url-host",)
    available_from = "1.11"
    removed_in = "2.1"
    triggers = ("is_safe_url",)
    kinds = frozenset({"python"})
    migrations = False
    callables = (OLD,)

    def ast_wants(self, call: ast.Call) -> bool:
        return any(k.arg in ("host", None) for k in call.keywords) or (
            len(call.args) == 2 and not any(isinstance(a, ast.Starred) for a in call.args))

    def rewrite(self, call, qual, ctx, edit):
        host_kw = keyword(call, "host")
        pos = positional(call)
        if host_kw is None and len(pos) != 2:
            if has_star(call, ("**",)):
                edit.report("is_safe_url(**...) may pass host=: check it by hand")
            return None
        if has_star(call) or keyword(call, "allowed_hosts") is not None:
            edit.report("is_safe_url() passes host and allowed_hosts (or *args/**kwargs): merge them by hand")
            return None
        host = host_kw.value if host_kw is not None else pos[1].value
        args = [a for a in call.args if a is not host_kw and (host_kw is not None or a is not pos[1])]
        if not (isinstance(host, cst.Name) and host.value == "None"):
            value = cst.Set(elements=[cst.Element(host)])
            new = cst.Arg(value=value, keyword=cst.Name("allowed_hosts"),
                          equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                                whitespace_after=cst.SimpleWhitespace("")))
            index = 1 if host_kw is None else next(i for i, a in enumerate(call.args) if a is host_kw)
            args.insert(index, new)
        return with_args(call, args)
