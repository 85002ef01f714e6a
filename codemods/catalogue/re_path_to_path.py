"""Modernisation (opt-in): re_path(r"^about/$", view) -> path("about/", view) where exact."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.calls import positional
from codemods.callrewrite import CallRewriteCodemod
from codemods.catalogue.url_to_path import INCLUDES, _new_string, _string_value, regex_to_route
from codemods.imports import remove_if_unused

OLD = "django.urls.re_path"
_TYPED = ("<int:", "<uuid:")  # converters that change the view argument's type (str -> int / UUID)


class RePathToPath(CallRewriteCodemod):
    """(opt-in, ``fix --modernize``) Turn ``re_path()`` routes that need no regex into ``path()``.

    What it does: ``re_path(r"^about/$", view)`` becomes ``path("about/", view)`` and
    ``re_path(r"^blog/", include(...))`` becomes ``path("blog/", include(...))`` when the regex
    matches exactly what the route matches (the same check as ``url_to_path``: ``^...$`` for views,
    ``^...`` for includes, literal characters, and named groups whose regex IS a converter's). Named
    groups become ``<str:...>`` / ``<slug:...>`` / ``<path:...>`` only: ``int`` / ``uuid`` converters
    would pass the view an ``int`` / ``UUID`` instead of a ``str``, so such routes stay ``re_path``.
    ``path`` is imported from ``django.urls`` and ``re_path`` dropped once unused.

    Why: not a deprecation - ``path()`` (Django 2.0+) is the readable form; users of the peer tool
    expect this rewrite. Never applied by ``step``.

    Example::

        # before
        re_path(r"^about/$", views.about, name="about"),

        # after
        path("about/", views.about, name="about"),

    Django versions: ``django.urls.path`` exists since Django 2.0.
    """

    name = "re_path_to_path"
    changes = ()
    available_from = "2.0"
    removed_in = ""
    triggers = ("re_path",)
    kinds = frozenset({"python"})
    migrations = False
    modernize = True
    callables = (OLD,)

    def ast_wants(self, call: ast.Call) -> bool:
        return bool(call.args) and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)

    def rewrite(self, call, qual, ctx, edit):
        pos = positional(call)
        if not pos or any(a.star for a in call.args):
            return None
        regex = _string_value(pos[0].value)
        if regex is None:
            return None
        target = pos[1].value if len(pos) > 1 else None
        include_like = isinstance(target, cst.Call) and edit.index.resolve(target.func) in INCLUDES
        route = regex_to_route(regex, include_like)
        if route is None or any(t in route for t in _TYPED):
            return None
        path_name = edit.name_for("django.urls.path")
        if path_name is None:
            return None
        first = pos[0].with_changes(value=_new_string(pos[0].value, route))
        return call.with_changes(func=cst.Name(path_name), args=[first if a is pos[0] else a for a in call.args])

    def after(self, module, index, ctx):
        for local in index.locals_for(OLD):
            module = remove_if_unused(module, "django.urls", "re_path", local)
        return module
