"""Codemod: Context classes imported from django.template.base -> django.template.context."""

from __future__ import annotations

from codemods.rename import RenameCodemod

_NAMES = ("BaseContext", "Context", "ContextPopException", "RequestContext")


class TemplateBaseContextImports(RenameCodemod):
    """Import ``Context`` & co. from ``django.template.context`` instead of ``django.template.base``.

    What it does: moves ``BaseContext``, ``Context``, ``ContextPopException`` and
    ``RequestContext`` imported from ``django.template.base`` (or used as ``base.Context``) to
    ``django.template.context``; aliases are kept.

    Why: ``django.template.base`` re-imported them "for backwards compatibility"; the re-export was
    removed in Django 3.1 without a deprecation warning (``ImportError``).

    Example::

        # before
        from django.template.base import Context, Template

        # after
        from django.template.base import Template
        from django.template.context import Context

    Django versions: ``django.template.context`` exists since Django 1.8, so any target; needed
    before 3.1.
    """

    name = "template_base_context_imports"
    changes = ("template-base-context-imports",)
    available_from = "2.0"
    removed_in = "3.1"
    triggers = ("Context",)

    def prefilter(self, text: str) -> bool:
        return "Context" in text and ("template.base" in text or "template import" in text) and self.text_may_match(text)
    kinds = frozenset({"python"})
    migrations = True
    renames = {f"django.template.base.{n}": f"django.template.context.{n}" for n in _NAMES}
