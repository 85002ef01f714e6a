"""Codemod: django.core.urlresolvers -> django.urls."""

from __future__ import annotations

import ast

from codemods.base import nodes_of
from codemods.imports import ImportIndex
from codemods.removed_module import RemovedModuleRenameCodemod

#: the names ``django.core.urlresolvers`` re-exported that ``django.urls`` still has in 2.0+
_NAMES = (
    "clear_script_prefix", "clear_url_caches", "get_script_prefix", "get_urlconf", "is_valid_path",
    "resolve", "reverse", "reverse_lazy", "set_script_prefix", "set_urlconf", "translate_url",
    "NoReverseMatch", "Resolver404", "ResolverMatch", "get_ns_resolver", "get_resolver",
    "get_callable", "get_mod_func",
)


class CoreUrlresolvers(RemovedModuleRenameCodemod):
    """Import URL helpers from ``django.urls`` instead of ``django.core.urlresolvers``.

    What it does: ``from django.core.urlresolvers import reverse, NoReverseMatch`` becomes
    ``from django.urls import reverse, NoReverseMatch`` (aliases kept); ``urlresolvers.reverse``
    through ``from django.core import urlresolvers`` becomes a ``django.urls`` import. Every name the
    old module re-exported and ``django.urls`` still has is covered (``reverse``, ``reverse_lazy``,
    ``resolve``, ``NoReverseMatch``, ``Resolver404``, ``get_script_prefix``, ...). The regex-based
    classes (``RegexURLPattern``, ``RegexURLResolver``, ``LocaleRegexURLResolver``) were removed by
    Django 2.0 itself (``URLPattern`` / ``URLResolver`` work differently): they are reported, and the
    file is left alone while the old module is still needed for them.

    Why: Django 1.10 moved the module to ``django.urls`` and deprecated the old path
    (``RemovedInDjango20Warning``: "Importing from django.core.urlresolvers is deprecated in favor
    of django.urls."); Django 2.0 removed it.

    Example::

        # before
        from django.core.urlresolvers import reverse

        # after
        from django.urls import reverse

    Django versions: ``django.urls`` exists since Django 1.10 (the same objects); needed before 2.0.
    """

    name = "core_urlresolvers"
    changes = ("core-urlresolvers",)
    available_from = "1.11"
    removed_in = "2.0"
    triggers = ("urlresolvers",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {f"django.core.urlresolvers.{n}": f"django.urls.{n}" for n in _NAMES}
    removed_modules = ("django.core.urlresolvers",)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None or super().confirm(tree, text, ctx):
            return True
        for node in nodes_of(tree, ast.ImportFrom):  # names the rename cannot move: reported
            if node.module == "django.core.urlresolvers" and not node.level:
                return True
        return False

    def transform(self, module, ctx):
        index = ImportIndex.build(module)
        for bindings in index.bindings.values():
            for b in bindings:
                if b.kind == "from" and b.module == "django.core.urlresolvers" and b.name not in _NAMES:
                    ctx.report(b.local, f"'{b.name}' is not in django.urls on Django 2.0 (URLPattern / "
                                        "URLResolver replace the regex classes): rewrite it by hand")
        return super().transform(module, ctx)
