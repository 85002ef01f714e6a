"""Codemod: SQLCompiler.quote_name_unless_alias() -> quote_name()."""

from __future__ import annotations

from codemods.method_rename import MethodRenameCodemod


class QuoteNameUnlessAlias(MethodRenameCodemod):
    """Call ``compiler.quote_name()`` instead of ``compiler.quote_name_unless_alias()``.

    What it does: every ``x.quote_name_unless_alias`` (custom expressions, lookups and ``as_sql()``
    methods calling it on the compiler they receive) becomes ``x.quote_name``. A module that defines
    its own ``quote_name_unless_alias`` is reported.

    Why: Django 6.1 added ``SQLCompiler.quote_name()`` and made ``quote_name_unless_alias()`` a
    deprecated wrapper that just calls it (``RemovedInDjango2028Warning``:
    "SQLCompiler.quote_name_unless_alias() is deprecated. Use .quote_name() instead.").

    Example::

        # before
        sql = compiler.quote_name_unless_alias(alias)

        # after
        sql = compiler.quote_name(alias)

    Django versions: ``SQLCompiler.quote_name()`` exists since Django 6.1 (targets >= 6.1 only);
    needed before 2028.
    """

    name = "quote_name_unless_alias"
    changes = ("sqlcompiler-quote-name-unless-alias",)
    available_from = "6.1"
    removed_in = "2028"
    triggers = ("quote_name_unless_alias",)
    kinds = frozenset({"python"})
    migrations = False
    old_method = "quote_name_unless_alias"
    new_method = "quote_name"
