"""Codemod: pass BaseConstraint's name / violation_error_message by keyword."""

from __future__ import annotations

from codemods.posargs import PositionalToKeywordCodemod

_BASE = (0, ("name", "violation_error_message"))


class BaseconstraintPositionalArgs(PositionalToKeywordCodemod):
    """Pass ``name`` and ``violation_error_message`` to ``BaseConstraint`` by keyword.

    What it does: ``BaseConstraint("name", "message")`` becomes
    ``BaseConstraint(name="name", violation_error_message="message")``, and so does
    ``super().__init__(name, message)`` inside a class whose base is ``BaseConstraint`` (a custom
    constraint). Left alone and reported: ``*args``, more than two positional arguments, a keyword
    passed twice, star or unsure imports.

    Only ``BaseConstraint`` is rewritten: checked in the 4.2 and 5.0 sources, it is the only
    constraint class that ever took positional arguments (``__init__(self, name,
    violation_error_message=None)`` in 4.1/4.2). ``CheckConstraint`` and
    ``contrib.postgres``'s ``ExclusionConstraint`` are keyword-only, and ``UniqueConstraint``'s
    positional arguments are its ``*expressions`` (never deprecated). ``super().__init__`` in a
    subclass of those is not touched.

    Why: Django 5.0 made them keyword-only with a deprecation shim (``RemovedInDjango60Warning``:
    "Passing positional arguments to BaseConstraint is deprecated."); 6.0 removed the shim, so
    positional calls raise ``TypeError``. (The 5.x shim ignored a falsy positional value, e.g.
    ``""`` as the message; the keyword form uses it as given.)

    Example::

        # before
        class MyConstraint(BaseConstraint):
            def __init__(self, name, message=None):
                super().__init__(name, message)

        # after
        class MyConstraint(BaseConstraint):
            def __init__(self, name, message=None):
                super().__init__(name=name, violation_error_message=message)

    Django versions: ``name=`` has been accepted by keyword since ``BaseConstraint`` appeared
    (2.2) and ``violation_error_message=`` since it was added (4.1); needed before 6.0.
    """

    name = "baseconstraint_positional_args"
    changes = ("baseconstraint-positional-args",)
    available_from = "2.2"
    removed_in = "6.0"
    triggers = ("BaseConstraint",)
    kinds = frozenset({"python"})
    migrations = True
    signatures = {
        "django.db.models.BaseConstraint": _BASE,
        "django.db.models.constraints.BaseConstraint": _BASE,
    }
