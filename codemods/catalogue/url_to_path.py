"""Codemod: django.conf.urls.url() -> django.urls.path() / re_path(); include from django.urls."""

from __future__ import annotations

import re

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import keyword, positional, ast_imports_or_uses
from codemods.imports import ImportIndex, add_from_import, count_references, dotted, remove_from_import

OLD_MOD = "django.conf.urls"
INCLUDES = ("django.conf.urls.include", "django.urls.include")

# regex of a named group -> path converter, only where the converter's regex is the same regex
# (django/urls/converters.py). \d+ differs from [0-9]+ only for non-ASCII digits.
CONVERTERS = {
    "[0-9]+": "int",
    r"\d+": "int",
    "[-a-zA-Z0-9_]+": "slug",
    "[-\\w]+": None,  # NOT slug: \w matches non-ASCII letters (unicode slugs); stays re_path
    "[\\w-]+": None,
    "[^/]+": "str",
    "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}": "uuid",
    ".+": "path",
}
_SPECIAL = set(".^$*+?{}[]|()\\<>")
_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")


def regex_to_route(regex: str, include_like: bool) -> str | None:
    """The path() route that matches exactly what ``regex`` matches in re_path(), or None.

    Endpoints (a view) need ``^...$`` (Django fullmatches them); include()-like targets need
    ``^...`` without ``$`` (both match a prefix); the empty regex of an include() matches at the
    start like ``^``.
    """
    if include_like:
        if regex == "":
            return ""
        if not regex.startswith("^") or regex.endswith("$"):
            return None
        body = regex[1:]
    else:
        if not (regex.startswith("^") and regex.endswith("$")) or regex.endswith("\\$") or len(regex) < 2:
            return None
        body = regex[1:-1]
    out = []
    i = 0
    names = set()
    while i < len(body):
        m = _GROUP.match(body, i)
        if m:
            end = body.find(")", m.end())
            if end < 0:
                return None
            conv = CONVERTERS.get(body[m.end():end])
            name = m.group(1)
            if conv is None or name in names:
                return None
            names.add(name)
            out.append(f"<{conv}:{name}>")
            i = end + 1
            continue
        ch = body[i]
        if ch == "\\":
            if i + 1 >= len(body):
                return None
            nxt = body[i + 1]
            # an escaped punctuation character is that literal character
            if nxt.isascii() and not nxt.isalnum() and not nxt.isspace() and nxt not in "<>":
                out.append(nxt)
                i += 2
                continue
            return None
        if ch in _SPECIAL:
            return None
        out.append(ch)
        i += 1
    return "".join(out)


def _string_value(node: cst.BaseExpression) -> str | None:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _new_string(node: cst.BaseExpression, value: str) -> cst.SimpleString:
    quote = '"'
    if isinstance(node, cst.SimpleString):
        q = node.quote
        quote = q if len(q) == 1 else '"'
    if "\\" in value or quote in value or "\n" in value:
        return cst.SimpleString(repr(value))
    return cst.SimpleString(f"{quote}{value}{quote}")


class UrlToPath(Codemod):
    """Rewrite ``django.conf.urls.url()`` to ``django.urls.path()`` or ``re_path()``.

    What it does: each ``url(regex, view, kwargs, name)`` call (``url`` imported from
    ``django.conf.urls``) becomes ``path()`` when the regex converts exactly, else ``re_path()``
    with the same regex (``re_path`` takes the same arguments; ``regex=`` becomes ``route=``).
    ``include`` imported from ``django.conf.urls`` moves to ``django.urls``. The old import is
    removed once unused and ``from django.urls import ...`` is added (merged into an existing one).

    A regex converts to ``path()`` when it is anchored the way ``path()`` matches:

    * a view: ``^...$`` (``^$`` -> ``''``);
    * an ``include(...)``, a list/tuple of patterns or ``admin.site.urls`` / ``router.urls``:
      ``^prefix/`` without ``$`` -> ``'prefix/'`` (and ``r''`` -> ``''``);

    and the rest is literal text (escaped punctuation such as ``\\.`` allowed) plus named groups
    whose regex is exactly a path converter's: ``(?P<pk>[0-9]+)`` / ``(?P<pk>\\d+)`` ->
    ``<int:pk>``, ``[-a-zA-Z0-9_]+`` -> ``<slug:...>``, ``[^/]+`` -> ``<str:...>``, ``.+`` ->
    ``<path:...>``, the UUID regex -> ``<uuid:...>``. Anything else - unnamed groups, other
    character classes, quantifiers, a missing ``^``, ``$`` on an include, a view without ``$`` (it
    matches a prefix), ``[\\w-]+`` (``\\w`` also matches non-ASCII letters, which ``<slug:>`` does
    not) - stays a regex in ``re_path()``.

    Note: ``<int:...>`` and ``<uuid:...>`` pass an ``int`` / ``UUID`` to the view where ``url()``
    passed a ``str`` (``reverse()`` accepts both); views that do string operations on such an
    argument need a look. ``\\d`` also matches non-ASCII digits, which ``<int:>`` does not.

    Left alone and reported: ``url(**kwargs)``, a non-literal regex is simply kept in
    ``re_path()``; ``url`` imported in ``try:``, shadowed or star-imported; ``url`` used other than
    by calling it. When the name ``path`` is bound to something else (``from os import path``)
    every call becomes ``re_path()``.

    Why: ``django.conf.urls.url()`` was deprecated in Django 3.1 (``RemovedInDjango40Warning``:
    "django.conf.urls.url() is deprecated in favor of django.urls.re_path().") and removed in 4.0.

    Example::

        # before
        from django.conf.urls import include, url
        urlpatterns = [
            url(r'^$', views.index, name='index'),
            url(r'^books/(?P<pk>[0-9]+)/$', views.book, name='book'),
            url(r'^api/', include('api.urls')),
            url(r'^archive/(?P<year>[0-9]{4})/$', views.archive),
        ]

        # after
        from django.urls import include, path, re_path
        urlpatterns = [
            path('', views.index, name='index'),
            path('books/<int:pk>/', views.book, name='book'),
            path('api/', include('api.urls')),
            re_path(r'^archive/(?P<year>[0-9]{4})/$', views.archive),
        ]

    Django versions: ``path()`` / ``re_path()`` / ``django.urls.include`` exist since Django 2.0;
    needed before 4.0. Safe in migrations (they do not use URLs).
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "url_to_path"
    changes = ("conf-urls-url",)
    available_from = "2.0"
    removed_in = "4.0"
    triggers = ("django.conf.urls",)
    kinds = frozenset({"python"})
    migrations = True

    def prune_needles(self) -> tuple[str, ...]:
        return ("url",)  # every url() call and the import path hold it (include() is only re-imported)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return ast_imports_or_uses(tree, [OLD_MOD], ["url", "include"], attributes=False)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        if index.star_imports(OLD_MOD) and "url" not in index.bindings and count_references(module, "url"):
            ctx.report("url", "'url' may come from 'from django.conf.urls import *': rewrite to path()/re_path() by hand")
        url_local = self._safe_local(index, "url", ctx)
        include_local = self._safe_local(index, "include", ctx)
        new_module = module
        used: set[str] = set()
        if url_local is not None:
            path_ok = self._name_free(index, "path", "django.urls.path")
            re_path_ok = self._name_free(index, "re_path", "django.urls.re_path")
            if not re_path_ok:
                ctx.report("re_path", "left url() alone: the name 're_path' is already used in this module")
            else:
                transformer = _UrlCalls(index, ctx, path_ok)
                new_module = module.visit(transformer)
                used = transformer.used
        removing = set()
        if used:
            if count_references(new_module, "url") == 0:
                removing.add("url")
            else:
                ctx.report("url", "'url' is still used other than in a url() call; its import is kept")
        if include_local is not None:
            removing.add("include")
            used.add("include")
        if not used:
            return new_module
        replaced = _replace_in_place(new_module, removing, sorted(used))
        if replaced is not None:
            return replaced
        for name in sorted(removing):
            new_module = remove_from_import(new_module, OLD_MOD, name)
        for name in sorted(used):
            new_module = add_from_import(new_module, "django.urls", name)
        return new_module

    @staticmethod
    def _safe_local(index: ImportIndex, name: str, ctx: FileContext) -> str | None:
        qual = f"{OLD_MOD}.{name}"
        found = index.bindings.get(name) or []
        if not any(b.qualname == qual for b in found):
            for b in (b for bs in index.bindings.values() for b in bs):
                if b.qualname == qual and b.asname:
                    ctx.report(b.asname, f"'{qual}' imported as '{b.asname}': rewrite by hand")
            return None
        reason = index.unsure_reason(name)
        if reason:
            ctx.report(name, f"left {qual} alone: {reason}")
            return None
        if found[0].asname is not None:
            return None
        return name

    @staticmethod
    def _name_free(index: ImportIndex, name: str, qual: str) -> bool:
        if name in index.other_bound:
            return False
        return all(b.qualname == qual for b in index.bindings.get(name, []))


def _replace_in_place(module: cst.Module, removing: set[str], new_names: list[str]) -> cst.Module | None:
    """When the only ``from django.conf.urls import ...`` line imports nothing but ``removing`` and
    there is no ``from django.urls import ...`` yet, turn that line into the new import (so it keeps
    its place, blank lines and comments). None when that does not apply."""
    found = None
    for i, stmt in enumerate(module.body):
        if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.ImportFrom)):
            continue
        imp = stmt.body[0]
        mod = dotted(imp.module) if imp.module is not None and not imp.relative else None
        if mod == "django.urls":
            return None
        if mod == OLD_MOD:
            if found is not None or isinstance(imp.names, cst.ImportStar):
                return None
            if any(a.asname is not None or dotted(a.name) not in removing for a in imp.names):
                return None
            found = i
    if found is None:
        return None
    stmt = module.body[found]
    new_imp = cst.parse_statement(f"from django.urls import {', '.join(new_names)}\n").body[0]
    body = list(module.body)
    body[found] = stmt.with_changes(body=[new_imp])
    return module.with_changes(body=body)


class _UrlCalls(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext, path_ok: bool):
        self.index, self.ctx, self.path_ok = index, ctx, path_ok
        self.used: set[str] = set()

    def _include_like(self, view: cst.BaseExpression | None) -> bool | None:
        """True for include()/lists/admin.site.urls, False for a view, None when unknown."""
        if view is None:
            return None
        if isinstance(view, (cst.List, cst.Tuple)):
            return True
        if isinstance(view, cst.Call):
            q = self.index.resolve(view.func)
            if q in INCLUDES:
                return True
            return False  # views.X.as_view(), decorators(...)
        chain = dotted(view)
        if chain is not None and chain.endswith(".urls"):
            return True
        return False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if not (isinstance(updated.func, cst.Name) and updated.func.value == "url"):
            return updated
        if any(a.star == "**" for a in updated.args):
            self.ctx.report(original, "url(**kwargs) left alone: rewrite to re_path(route=...) by hand")
            return updated
        args = list(updated.args)
        regex_arg = keyword(updated, "regex")
        if regex_arg is not None:
            args = [a.with_changes(keyword=cst.Name("route")) if a is regex_arg else a for a in args]
        pos = positional(updated)
        has_star = any(a.star == "*" for a in updated.args)
        route_node = pos[0].value if pos else (regex_arg.value if regex_arg is not None else None)
        view_arg = pos[1] if len(pos) > 1 else keyword(updated, "view")
        new_name = "re_path"
        if self.path_ok and route_node is not None and not has_star:
            regex = _string_value(route_node)
            kind = self._include_like(view_arg.value if view_arg is not None else None)
            if regex is not None and kind is not None:
                route = regex_to_route(regex, kind)
                if route is not None:
                    new_name = "path"
                    new_str = _new_string(route_node, route)
                    args = [a.with_changes(value=new_str) if a.value is route_node else a for a in args]
        self.used.add(new_name)
        return updated.with_changes(func=cst.Name(new_name), args=args)
