"""Codemod: assertFormsetError() -> assertFormSetError()."""

from __future__ import annotations

from codemods.method_rename import MethodRenameCodemod


class AssertFormsetErrorRename(MethodRenameCodemod):
    """Rename ``assertFormsetError()`` to ``assertFormSetError()``.

    What it does: renames calls of the test-case method (``self.assertFormsetError(...)``) to the
    new spelling. A method of that name defined in the project (an own test base class) is left
    alone and reported. Run ``assert_form_error`` too: it moves the call to the formset-based
    signature.

    Why: Django 4.2 renamed the assertion (``RemovedInDjango51Warning``); the old name was removed
    in Django 5.1 (``AttributeError``).

    Example::

        # before
        self.assertFormsetError(formset, 0, "qty", "Too many")

        # after
        self.assertFormSetError(formset, 0, "qty", "Too many")

    Django versions: ``assertFormSetError`` exists since Django 4.2; needed before 5.1.
    """

    name = "assert_formset_error_rename"
    changes = ("assertformseterror",)
    available_from = "4.2"
    removed_in = "5.1"
    triggers = ("assertFormsetError",)
    kinds = frozenset({"python"})
    migrations = False
    old_method = "assertFormsetError"
    new_method = "assertFormSetError"
