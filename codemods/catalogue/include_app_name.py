"""Codemod: include(x, namespace, app_name) / include((p, app, ns)) -> include((x, app_name), namespace=...)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.calls import keyword, kwarg, positional
from codemods.callrewrite import CallRewriteCodemod


def _tuple(*values: cst.BaseExpression) -> cst.Tuple:
    sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return cst.Tuple(elements=[cst.Element(v, comma=sep if i < len(values) - 1 else cst.MaybeSentinel.DEFAULT)
                               for i, v in enumerate(values)])


class IncludeAppName(CallRewriteCodemod):
    """Pass the application namespace inside ``include()``'s first argument, as Django 2.0 requires.

    What it does: ``include(module, namespace="ns", app_name="app")`` (keywords, or the old
    positional order ``include(module, "ns", "app")``) becomes ``include((module, "app"),
    namespace="ns")``, and the 3-tuple form ``include((patterns, "app", "ns"))`` becomes
    ``include((patterns, "app"), namespace="ns")``. ``include(module, namespace="ns")`` without an
    application namespace is not touched: Django 2.0 then needs ``app_name`` in the included URLconf
    (change ``instance-namespace-without-app-name``, by hand). Left alone and reported: ``*args`` /
    ``**kwargs``.

    Why: Django 1.9 deprecated ``include()``'s ``app_name`` argument and 3-tuples
    (``RemovedInDjango20Warning``: "Passing a 3-tuple to django.conf.urls.include() is deprecated.
    Pass a 2-tuple containing the list of patterns and app_name, and provide the namespace argument
    to include() instead."); 2.0 removed both.

    Example::

        # before
        url(r"^blog/", include("blog.urls", namespace="blog", app_name="blog")),

        # after
        url(r"^blog/", include(("blog.urls", "blog"), namespace="blog")),

    Django versions: the 2-tuple form works since Django 1.9; needed before 2.0.
    """

    name = "include_app_name"
    changes = ("include-app-name-argument",)
    available_from = "1.11"
    removed_in = "2.0"
    triggers = ("include",)
    kinds = frozenset({"python"})
    migrations = False
    callables = ("django.conf.urls.include", "django.urls.include")

    def ast_wants(self, call: ast.Call) -> bool:
        if any(k.arg in ("app_name", None) for k in call.keywords) or len(call.args) >= 3:
            return True
        return len(call.args) == 1 and isinstance(call.args[0], ast.Tuple) and len(call.args[0].elts) == 3

    def rewrite(self, call, qual, ctx, edit):
        if any(a.star for a in call.args):
            if keyword(call, "app_name") is not None or any(a.star == "**" for a in call.args):
                edit.report("include(*args/**kwargs): pass (patterns, app_name) and namespace= by hand")
            return None
        pos = positional(call)
        names = {a.keyword.value for a in call.args if a.keyword is not None}
        if names - {"namespace", "app_name", "arg"}:
            return None
        first = pos[0].value if pos else (keyword(call, "arg").value if keyword(call, "arg") else None)
        if first is None:
            return None
        ns = pos[1].value if len(pos) > 1 else (keyword(call, "namespace").value if keyword(call, "namespace") else None)
        app = pos[2].value if len(pos) > 2 else (keyword(call, "app_name").value if keyword(call, "app_name") else None)
        if len(pos) > 3:
            return None
        if app is None:
            if len(pos) == 1 and not names and isinstance(first, cst.Tuple) and len(first.elements) == 3 \
                    and not any(isinstance(e, cst.StarredElement) for e in first.elements):
                patterns, app_value, ns_value = (e.value for e in first.elements)
                return call.with_changes(args=[
                    cst.Arg(_tuple(patterns, app_value), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    kwarg("namespace", ns_value)])
            return None
        args = [cst.Arg(_tuple(first, app))]
        if ns is not None and not (isinstance(ns, cst.Name) and ns.value == "None"):
            args = [args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), kwarg("namespace", ns)]
        return call.with_changes(args=args)
