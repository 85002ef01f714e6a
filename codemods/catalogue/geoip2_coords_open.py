"""Codemod: GeoIP2.coords(q) -> lon_lat(q); GeoIP2.open(path, cache) -> GeoIP2(path, cache)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.calls import keyword, positional
from codemods.imports import ImportIndex

_GEOIP2 = ("django.contrib.gis.geoip2.GeoIP2", "django.contrib.gis.geoip2.base.GeoIP2")


def _ordering(node) -> tuple[str, ...] | None:
    if isinstance(node, (cst.Tuple, cst.List)):
        out = []
        for e in node.elements:
            if not isinstance(e.value, cst.SimpleString):
                return None
            out.append(e.value.evaluated_value)
        return tuple(out)
    return None


class Geoip2CoordsOpen(Codemod):
    """Replace ``GeoIP2.coords()`` with ``lon_lat()`` / ``lat_lon()`` and ``GeoIP2.open()`` with the constructor.

    What it does: in a module that imports ``django.contrib.gis.geoip2``,
    ``g.coords(query)`` becomes ``g.lon_lat(query)`` (``coords``' default ordering was
    ``("longitude", "latitude")``) and ``g.coords(query, ordering=("latitude", "longitude"))``
    becomes ``g.lat_lon(query)``; ``GeoIP2.open(path, cache)`` becomes ``GeoIP2(path, cache)``.
    Other orderings and extra arguments are reported.

    Why: Django 5.1 deprecated both (``RemovedInDjango60Warning``: "GeoIP2.coords() is deprecated.
    Use GeoIP2.lon_lat() instead." / "GeoIP2.open() is deprecated. Use GeoIP2() instead."); 6.0
    removed them.

    Example::

        # before
        lon, lat = geo.coords(ip)
        geo = GeoIP2.open("/var/geoip", GeoIP2.MODE_AUTO)

        # after
        lon, lat = geo.lon_lat(ip)
        geo = GeoIP2("/var/geoip", GeoIP2.MODE_AUTO)

    Django versions: ``lon_lat()`` / ``lat_lon()`` and the constructor work on every release the tool
    knows; needed before 6.0.
    """

    name = "geoip2_coords_open"
    changes = ("geoip2-coords", "geoip2-open")
    available_from = "1.11"
    removed_in = "6.0"
    triggers = ("geoip2",)
    kinds = frozenset({"python"})
    migrations = False

    def prune_needles(self) -> tuple[str, ...]:
        return ("coords", "open")

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        imports_geoip2 = any(
            (isinstance(n, ast.ImportFrom) and (n.module or "").startswith("django.contrib.gis")
             and ("geoip2" in (n.module or "") or any(a.name == "geoip2" for a in n.names)))
            or (isinstance(n, ast.Import) and any(a.name.startswith("django.contrib.gis.geoip2") for a in n.names))
            for n in nodes_of(tree, ast.ImportFrom, ast.Import))
        if not imports_geoip2:
            return False
        return any(isinstance(c.func, ast.Attribute) and c.func.attr in ("coords", "open") for c in nodes_of(tree, ast.Call))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Rewrite(ImportIndex.build(module), ctx))


class _Rewrite(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        f = updated.func
        if not isinstance(f, cst.Attribute):
            return updated
        if f.attr.value == "open" and self.index.resolve(f.value) in _GEOIP2:
            return updated.with_changes(func=f.value)
        if f.attr.value != "coords":
            return updated
        pos, order = positional(updated), keyword(updated, "ordering")
        if any(a.star for a in updated.args) or len(pos) not in (1, 2) or (len(pos) == 2 and order is not None) \
                or len(updated.args) != len(pos) + (order is not None):
            self.ctx.report(original, "coords() with unexpected arguments: use lon_lat() / lat_lon() by hand")
            return updated
        ordering = ("longitude", "latitude") if len(pos) == 1 and order is None else \
            _ordering(order.value if order is not None else pos[1].value)
        new = {("longitude", "latitude"): "lon_lat", ("latitude", "longitude"): "lat_lon"}.get(ordering)
        if new is None:
            self.ctx.report(original, "coords() with another ordering: build the tuple from city() by hand")
            return updated
        return updated.with_changes(func=f.with_changes(attr=cst.Name(new)), args=[pos[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
