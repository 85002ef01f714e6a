"""Codemod: assertQuerysetEqual() -> assertQuerySetEqual()."""

from __future__ import annotations

from codemods.method_rename import MethodRenameCodemod


class AssertQuerysetEqual(MethodRenameCodemod):
    """Rename ``assertQuerysetEqual()`` to ``assertQuerySetEqual()``.

    What it does: renames calls of the test-case method (``self.assertQuerysetEqual(...)``, or on
    any test-case object) to the new spelling. Method definitions of that name (a project's own
    test base class overriding it) are left alone and reported.

    Why: Django 4.2 renamed the assertion (``RemovedInDjango51Warning``); the old name was removed
    in Django 5.1 (``AttributeError``).

    Example::

        # before
        self.assertQuerysetEqual(Book.objects.all(), [b1, b2], ordered=False)

        # after
        self.assertQuerySetEqual(Book.objects.all(), [b1, b2], ordered=False)

    Django versions: ``assertQuerySetEqual`` exists since Django 4.2; needed before 5.1. Run the
    ``queryset_equal_transform`` codemod first on code that compares with ``repr()`` strings.
    """

    name = "assert_queryset_equal"
    changes = ("assertquerysetequal",)
    available_from = "4.2"
    removed_in = "5.1"
    triggers = ("assertQuerysetEqual",)
    kinds = frozenset({"python"})
    migrations = False
    old_method = "assertQuerysetEqual"
    new_method = "assertQuerySetEqual"
