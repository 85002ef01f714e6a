"""Codemod: CheckConstraint(check=...) -> CheckConstraint(condition=...)."""

from __future__ import annotations

from codemods.keywords import KeywordRenameCodemod


class CheckConstraintCondition(KeywordRenameCodemod):
    """Rename ``CheckConstraint(check=...)`` to ``CheckConstraint(condition=...)``.

    What it does: renames the ``check`` keyword on calls of Django's ``CheckConstraint``
    (``django.db.models.CheckConstraint``, imported directly, as ``models.CheckConstraint`` or from
    ``django.db.models.constraints``), in models and in historical migrations. Calls passing
    ``**kwargs``, passing both keywords, or whose ``CheckConstraint`` may come from a star import or
    a ``try:`` import are left alone and reported; other libraries' ``CheckConstraint`` are ignored.

    Why: Django 5.1 deprecated ``check`` in favour of ``condition``
    (``RemovedInDjango60Warning``: "CheckConstraint.check is deprecated in favor of
    `.condition`."); Django 6.0 removed it (``TypeError`` at import of the models or migration).

    Historical migrations: rewritten too (``migrations = True``). The constraint is the same object
    either way - in 5.1 ``check=`` is only copied to ``condition`` - and ``deconstruct()`` has written
    ``condition=`` since 5.1, so the autodetector sees no change and no new migration is needed;
    but an old migration that still says ``check=`` warns on 5.1/5.2 and fails to import on 6.0.

    Example::

        # before
        models.CheckConstraint(check=models.Q(age__gte=18), name="age_gte_18")

        # after
        models.CheckConstraint(condition=models.Q(age__gte=18), name="age_gte_18")

    Django versions: ``condition=`` exists since Django 5.1 (it is a ``TypeError`` before), so this
    runs only for targets >= 5.1; needed before 6.0.
    """

    name = "checkconstraint_condition"
    changes = ("checkconstraint-check",)
    available_from = "5.1"
    removed_in = "6.0"
    triggers = ("CheckConstraint",)
    kinds = frozenset({"python"})
    migrations = True
    callables = ("django.db.models.CheckConstraint", "django.db.models.constraints.CheckConstraint")
    keyword_renames = {"check": "condition"}
