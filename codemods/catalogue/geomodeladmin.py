"""Codemod: django.contrib.gis.admin GeoModelAdmin / OSMGeoAdmin -> GISModelAdmin."""

from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_local_names
from codemods.imports import ImportIndex, add_from_import, count_references, dotted, remove_if_unused
from codemods.names import name_for
from codemods.old_name_uses import OldNameUses

MODS = ("django.contrib.gis.admin", "django.contrib.gis.admin.options")
OLD_NAMES = ("GeoModelAdmin", "OSMGeoAdmin")
OLDS = tuple(f"{m}.{n}" for m in MODS for n in OLD_NAMES)
NEW = "django.contrib.gis.admin.GISModelAdmin"
NEW_ALIASES = ("django.contrib.gis.admin.options.GISModelAdmin",)

# what only the old classes had (Django 4.0's django/contrib/gis/admin/options.py): a class that sets
# or reads one of these relies on the OpenLayers 2 map the new class does not draw
OLD_OPTIONS = frozenset({
    "default_lon", "default_lat", "default_zoom", "display_wkt", "display_srid", "extra_js", "num_zoom",
    "max_zoom", "min_zoom", "units", "max_resolution", "max_extent", "modifiable", "mouse_position",
    "scale_text", "layerswitcher", "scrollable", "map_width", "map_height", "map_srid", "map_template",
    "openlayers_url", "point_zoom", "wms_url", "wms_layer", "wms_name", "wms_options", "debug", "widget",
    "get_map_widget",
})


class _OldOptions(cst.CSTVisitor):
    """The old-only options a class body sets (assignment, def) or reads (``self.x``)."""

    def __init__(self):
        self.found: list[str] = []
        self.depth = 0

    def visit_FunctionDef(self, node):
        if self.depth == 0 and node.name.value in OLD_OPTIONS:
            self.found.append(node.name.value)
        self.depth += 1

    def leave_FunctionDef(self, node):
        self.depth -= 1

    def visit_ClassDef(self, node):
        return False  # a nested class (Meta, Media) has its own attributes

    def visit_AssignTarget(self, node):
        if self.depth == 0:
            self._target(node.target)

    def visit_AnnAssign(self, node):
        if self.depth == 0:
            self._target(node.target)

    def visit_AugAssign(self, node):
        if self.depth == 0:
            self._target(node.target)

    def _target(self, target):
        if isinstance(target, cst.Name) and target.value in OLD_OPTIONS:
            self.found.append(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for el in target.elements:
                self._target(el.value)

    def visit_Attribute(self, node: cst.Attribute):
        if node.attr.value in OLD_OPTIONS and dotted(node.value) in ("self", "cls"):
            self.found.append(node.attr.value)


class GeoModelAdminToGIS(Codemod):
    """Replace ``GeoModelAdmin`` / ``OSMGeoAdmin`` with ``GISModelAdmin``.

    What it does: a class deriving from ``django.contrib.gis.admin.GeoModelAdmin`` or
    ``OSMGeoAdmin`` (imported by name, under an alias, or as ``admin.OSMGeoAdmin`` from
    ``django.contrib.gis``), and the admin class passed to ``register()`` / ``site.register()``,
    becomes ``GISModelAdmin``; the import follows and the old one goes once unused.

    Left alone and reported: a class whose body sets, defines or reads (``self.x``) an option only
    the old classes had - ``default_lon``, ``default_lat``, ``default_zoom``, ``map_width``,
    ``map_height``, ``map_srid``, ``map_template``, ``openlayers_url``, ``wms_*``, ``widget``,
    ``get_map_widget()``, ... - (move them to ``gis_widget`` / ``gis_widget_kwargs`` by hand, e.g.
    ``gis_widget_kwargs = {"attrs": {"default_lon": 5, "default_zoom": 8}}``); other uses of the old
    names (``isinstance()``, instantiation); a star import; imports inside ``try:`` or shadowed
    names; and modules where ``GISModelAdmin`` names something else.

    Why: Django 4.0 deprecated both classes (``RemovedInDjango50Warning``:
    "django.contrib.gis.admin.GeoModelAdmin and OSMGeoAdmin are deprecated in favor of
    django.contrib.admin.ModelAdmin and django.contrib.gis.admin.GISModelAdmin."); 5.0 removed them.

    Not identical: ``GISModelAdmin`` edits geometries with ``OSMWidget`` (a current OpenLayers with
    OpenStreetMap tiles, as ``OSMGeoAdmin`` showed) instead of the old classes' OpenLayers 2 map:
    ``GeoModelAdmin``'s WMS base layer is gone, and an empty map opens at OSMWidget's defaults
    (lon 5, lat 47, zoom 12) instead of (0, 0, 4). The admin behaves the same otherwise.

    Example::

        # before
        from django.contrib.gis import admin

        @admin.register(Shop)
        class ShopAdmin(admin.OSMGeoAdmin):
            list_display = ("name",)

        # after
        from django.contrib.gis import admin

        @admin.register(Shop)
        class ShopAdmin(admin.GISModelAdmin):
            list_display = ("name",)

    Django versions: ``GISModelAdmin`` exists from 4.0; needed before 5.0.
    """

    name = "geomodeladmin"
    changes = ("geomodeladmin",)
    available_from = "4.0"
    removed_in = "5.0"
    triggers = ("GeoModelAdmin", "OSMGeoAdmin")
    kinds = frozenset({"python"})
    migrations = False
    prunable = False  # every use of the names is either rewritten or reported

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(ast_local_names(tree, q) for q in OLDS)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        for q in OLDS:
            for local in index.locals_for(q):
                reason = index.unsure_reason(local)
                if reason:
                    ctx.report(local, f"left {q.rpartition('.')[2]} alone: {reason}; use GISModelAdmin by hand")
                    return module
        for mod in MODS:
            for old in OLD_NAMES:
                if index.star_imports(mod) and old not in index.bindings and count_references(module, old):
                    ctx.report(old, f"'{old}' may come from 'from {mod} import *': use GISModelAdmin by hand")
                    return module
        t = _Rewriter(index, ctx)
        new = module.visit(t)
        if not t.changed:
            return module
        if t.needs_import:
            new = add_from_import(new, *t.needs_import)
        for q in OLDS:
            mod, _, old = q.rpartition(".")
            for local in index.locals_for(q):
                new = remove_if_unused(new, mod, old, local)
        return new


class _Rewriter(OldNameUses):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        super().__init__(index, ctx, OLDS)
        self.targets = self.allowed  # expressions naming an old class that we rewrite
        self.blocked: set[int] = set()  # ... that we leave (reported once, at the class)
        self.needs_import: tuple[str, str] | None = None
        self.taken_reported = False

    def visit_ClassDef(self, node: cst.ClassDef):
        bases = [a.value for a in node.bases if a.keyword is None and not a.star and self._is_old(a.value)]
        if not bases:
            return
        options = _OldOptions()
        node.body.visit(options)
        if options.found:
            names = ", ".join(sorted(set(options.found)))
            self.ctx.report(node, f"{node.name.value} left on {dotted(bases[0])}: it uses options GISModelAdmin does not "
                                  f"have ({names}); move them to gis_widget / gis_widget_kwargs and derive from "
                                  "GISModelAdmin by hand")
            self.blocked.update(id(b) for b in bases)
        else:
            self.targets.update(id(b) for b in bases)

    def visit_Call(self, node: cst.Call):
        f = node.func
        name = f.value if isinstance(f, cst.Name) else f.attr.value if isinstance(f, cst.Attribute) else None
        if name != "register":
            return
        pos = [a for a in node.args if a.keyword is None and not a.star]
        cls_arg = pos[1].value if len(pos) > 1 else next(
            (a.value for a in node.args if a.keyword is not None and a.keyword.value == "admin_class"), None)
        if cls_arg is not None and self._is_old(cls_arg):
            self.targets.add(id(cls_arg))

    def is_allowed(self, node) -> bool:
        return id(node) in self.targets or id(node) in self.blocked

    def message(self, node) -> str:
        return f"{dotted(node)} used other than as a base class or registered admin: use GISModelAdmin by hand"

    def _replace(self, original, updated):
        if isinstance(original, cst.Attribute):
            self.changed = True
            return updated.with_changes(attr=cst.Name("GISModelAdmin"))
        found = name_for(self.index, NEW, NEW_ALIASES)
        if found is None:
            if not self.taken_reported:
                self.taken_reported = True
                self.ctx.report(original, "the name 'GISModelAdmin' is taken here: replace the old admin class by hand")
            return updated
        text, imp = found
        if imp is not None:
            self.needs_import = imp
        self.changed = True
        return cst.Name(text)

    def leave_Name(self, original: cst.Name, updated: cst.Name):
        if id(original) in self.targets:
            return self._replace(original, updated)
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if id(original) in self.targets:
            return self._replace(original, updated)
        return updated
