"""Codemod: ForceRHR -> ForcePolygonCW."""

from __future__ import annotations

from codemods.rename import RenameCodemod


class ForceRHR(RenameCodemod):
    """Rewrite the GIS database function ``ForceRHR`` to ``ForcePolygonCW``.

    What it does: renames ``django.contrib.gis.db.models.functions.ForceRHR`` where it is imported
    or used through the ``functions`` module; aliases are kept.

    Why: ``ForceRHR`` (PostGIS ``ST_ForceRHR``, a synonym of ``ST_ForcePolygonCW``: exterior ring
    clockwise, interior rings counter-clockwise) was deprecated in Django 2.1
    (``RemovedInDjango30Warning``: "ForceRHR is deprecated in favor of ForcePolygonCW.") and
    removed in Django 3.0.

    Example::

        # before
        from django.contrib.gis.db.models.functions import ForceRHR
        qs = Zone.objects.annotate(shape=ForceRHR("poly"))

        # after
        from django.contrib.gis.db.models.functions import ForcePolygonCW
        qs = Zone.objects.annotate(shape=ForcePolygonCW("poly"))

    Django versions: ``ForcePolygonCW`` exists from Django 2.1; needed before 3.0.
    """

    name = "forcerhr"
    changes = ("forcerhr",)
    available_from = "2.1"
    removed_in = "3.0"
    triggers = ("ForceRHR",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {"django.contrib.gis.db.models.functions.ForceRHR": "django.contrib.gis.db.models.functions.ForcePolygonCW"}
