"""Codemod: OGRGeometry.coord_dim = 2 / 3 -> geom.set_3d(False / True)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of


class OgrCoordDim(Codemod):
    """Replace assignments to ``OGRGeometry.coord_dim`` with ``set_3d()``.

    What it does: in a module that imports ``django.contrib.gis`` (``gdal``), a statement
    ``geom.coord_dim = 3`` becomes ``geom.set_3d(True)`` and ``geom.coord_dim = 2`` becomes
    ``geom.set_3d(False)`` - the replacement Django's warning names. Other values (computed ones,
    chained or augmented assignments) are reported. Reading ``coord_dim`` is unchanged. One GDAL
    detail: setting the dimension to 2 also dropped a geometry's M (measure) values, ``set_3d(False)``
    drops only Z - check measured geometries by hand.

    Why: Django 5.1 deprecated the setter (``RemovedInDjango60Warning``: "coord_dim setter is
    deprecated. Use set_3d() instead."); 6.0 removed it (``AttributeError``).

    Example::

        # before
        geom.coord_dim = 2

        # after
        geom.set_3d(False)

    Django versions: ``set_3d()`` exists since Django 5.1 (targets >= 5.1 only); needed before 6.0.
    """

    name = "ogr_coord_dim"
    confirm_decides = True  # (only in a file that names django.contrib.gis)
    changes = ("ogrgeometry-coord-dim",)
    available_from = "5.1"
    removed_in = "6.0"
    triggers = ("coord_dim",)
    kinds = frozenset({"python"})
    migrations = False

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        if "django.contrib.gis" not in text:
            return False
        return any(isinstance(t, ast.Attribute) and t.attr == "coord_dim"
                   for n in nodes_of(tree, ast.Assign, ast.AugAssign)
                   for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Rewrite(ctx))


class _Rewrite(cst.CSTTransformer):
    def __init__(self, ctx: FileContext):
        self.ctx = ctx

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1:
            return updated
        small = updated.body[0]
        if isinstance(small, cst.AugAssign) and isinstance(small.target, cst.Attribute) and small.target.attr.value == "coord_dim":
            self.ctx.report(original, "coord_dim changed with an augmented assignment: use set_3d() by hand")
            return updated
        if not isinstance(small, cst.Assign) or not any(
                isinstance(t.target, cst.Attribute) and t.target.attr.value == "coord_dim" for t in small.targets):
            return updated
        target = small.targets[0].target
        value = small.value.value if isinstance(small.value, cst.Integer) else None
        if len(small.targets) != 1 or value not in ("2", "3"):
            self.ctx.report(original, "coord_dim is set to a computed value (or in a chained assignment): "
                                      "use set_3d(True/False) by hand")
            return updated
        call = cst.Call(func=target.with_changes(attr=cst.Name("set_3d")),
                        args=[cst.Arg(cst.Name("True" if value == "3" else "False"))])
        return updated.with_changes(body=[cst.Expr(call, semicolon=small.semicolon)])
