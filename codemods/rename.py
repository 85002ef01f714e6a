"""A declarative base for codemods that move or rename an importable name.

    class ForceText(RenameCodemod):
        renames = {
            "django.utils.encoding.force_text": "django.utils.encoding.force_str",
            "django.utils.encoding.smart_text": "django.utils.encoding.smart_str",
        }

It handles ``from m import old``, ``from m import old as alias`` (the alias stays), ``import m`` /
``from pkg import m`` with ``m.old`` attribute access, and module moves (``django.conf.urls.url`` ->
``django.urls.re_path``): the new import is added, the old one removed once unused. It changes
nothing and reports when unsure: star imports of the old module, imports inside ``try:`` or a
function, a local name that is also assigned, or a new name already bound to something else.
"""

from __future__ import annotations

import ast
import functools
import re
from typing import ClassVar

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.calls import ast_dotted, ast_import_targets, may_resolve_to
from codemods.imports import (
    ImportIndex,
    add_from_import,
    count_references,
    dotted,
    module_name,
    remove_from_import,
)


@functools.lru_cache(maxsize=None)
def _text_res(renames: tuple[str, ...]):
    """(attribute access of an old name, an import statement of a package above an old module)."""
    olds = [split(o) for o in renames]
    names = "|".join(sorted({re.escape(n) for _, n in olds}))
    heads = "|".join(sorted({re.escape(m.split(".")[0]) for m, _ in olds}))
    parents = set()
    for m, _ in olds:
        parts = m.split(".")
        parents.update(".".join(parts[:i]) for i in range(1, len(parts)))
    from_alt = "|".join(sorted(re.escape(p) for p in parents)) or "(?!)"
    attr = re.compile(rf"\.[\s\\]*(?:{names})\b")
    imp = re.compile(rf"\bimport\b[^;\n]*(?:\\\n[^;\n]*)*\b(?:{heads})\b|\bfrom[\s\\]+(?:{from_alt})[\s\\]+import\b")
    return attr, imp


def _only_rebound(index: ImportIndex, local: str) -> bool:
    """``local`` is bound by one top-level ``from ... import name as local`` (not in ``try:``) and is
    unsure only because the module binds it again."""
    found = index.bindings.get(local) or []
    if len(found) != 1:
        return False
    b = found[0]
    return b.kind == "from" and bool(b.asname) and b.asname != b.name and not b.in_try and b.top_level \
        and local in index.other_bound


def split(qualname: str) -> tuple[str, str]:
    mod, _, name = qualname.rpartition(".")
    return mod, name


class RenameCodemod(Codemod):
    renames: ClassVar[dict[str, str]] = {}
    local_statements = True  # (an override of transform that reads more says otherwise)

    def prefilter(self, text: str) -> bool:
        if self.triggers:
            found = any(t in text for t in self.triggers)
        else:
            found = any(split(old)[1] in text for old in self.renames)
        return found and self.text_may_match(text)

    def text_may_match(self, text: str) -> bool:
        """A text-level necessary condition of ``confirm`` (so a file that only mentions an old name
        is not parsed): an old module written out (``from m import name``, ``import m``), or
        attribute access ``.old_name`` in a file with an import statement naming a package above an
        old module. Dotted names written with spaces around their dots are not seen."""
        olds = [split(o) for o in self.renames]
        if any(m in text for m, _ in olds):
            return True
        attr, imp = _text_res(tuple(sorted(self.renames)))
        return bool(attr.search(text)) and bool(imp.search(text))

    def prune_needles(self) -> tuple[str, ...]:
        if not self.prunable:
            return ()
        return tuple(self.triggers) + tuple(split(old)[1] for old in self.renames)

    def confirm(self, tree, text, ctx) -> bool:
        """Exact enough that files which will not change rarely reach libcst: a from-import of an
        old (module, name) pair, a star import of an old module with the name used, or attribute
        access ``x.old_name`` in a file that imports the old module (or a package above it)."""
        if tree is None:
            return True
        olds = {split(o) for o in self.renames}
        old_names = {n for _, n in olds}
        old_mods = {m for m, _ in olds}
        imported: set[str] = set()
        attr_hit = star_hit = False
        used_names = None
        for node in nodes_of(tree, ast.ImportFrom, ast.Import, ast.Attribute):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    if (node.module, a.name) in olds:
                        return True
                    if a.name == "*" and node.module in old_mods:
                        star_hit = True
                    imported.add(f"{node.module}.{a.name}")
            elif isinstance(node, ast.Import):
                for a in node.names:
                    imported.add(a.name)
            elif isinstance(node, ast.Attribute) and node.attr in old_names:
                attr_hit = True
        if star_hit:
            used_names = {n.id for n in nodes_of(tree, ast.Name)}
            if used_names & old_names:
                return True
        if attr_hit and any(m == i or m.startswith(i + ".") for m in old_mods for i in imported):
            # (the transform rewrites ``x.old_name`` where ``x`` resolves through the imports so
            # that the whole resolves to an old name: ``exceptions.FieldDoesNotExist`` does not)
            bound, stars = ast_import_targets(tree)
            return any(may_resolve_to(ast_dotted(node), bound, stars, self.renames)
                       for node in nodes_of(tree, ast.Attribute) if node.attr in old_names)
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        name_map: dict[str, str] = {}  # local bare name -> new bare name
        alias_map: dict[tuple[str, str, str], tuple[str, str]] = {}  # (mod, name, asname) -> (new mod, new name)
        attr_map: dict[str, str] = {}  # old qualname -> new qualname, for attribute access
        imports_to_add: list[tuple[str, str]] = []
        imports_to_remove: list[tuple[str, str]] = []
        for old, new in self.renames.items():
            old_mod, old_name = split(old)
            new_mod, new_name = split(new)
            if index.star_imports(old_mod) and count_references(module, old_name):
                if old_name not in index.bindings:
                    ctx.report(old_name, f"'{old_name}' may come from 'from {old_mod} import *': replace it with {new} by hand")
                    continue
            for local in index.locals_for(old):
                reason = index.unsure_reason(local)
                if reason and old_mod == new_mod and _only_rebound(index, local):
                    # ``from m import old as x`` with ``x`` bound again elsewhere: renaming the imported
                    # name in place is exact (the alias keeps the local name; no use changes)
                    alias_map[(old_mod, old_name, local)] = (new_mod, new_name)
                    continue
                if reason:
                    ctx.report(local, f"left {old} alone: {reason}")
                    continue
                b = index.binding(local)
                if b.asname:
                    alias_map[(old_mod, old_name, local)] = (new_mod, new_name)
                    continue
                clash = index.bindings.get(new_name)
                if (clash and any(x.qualname not in (new, old) for x in clash)) or new_name in index.other_bound:
                    ctx.report(new_name, f"left {old} alone: the name '{new_name}' is already used in this module")
                    continue
                name_map[local] = new_name
                if old_mod == new_mod and not (clash and any(x.qualname == new for x in clash)):
                    # same module, new name not imported yet: rename in place (keeps the import's position)
                    alias_map[(old_mod, old_name, local)] = (new_mod, new_name)
                    continue
                imports_to_remove.append((old_mod, old_name))
                imports_to_add.append((new_mod, new_name))
            attr_map[old] = new
        transformer = _RenameTransformer(index, name_map, alias_map, attr_map)
        if alias_map or any(local != new for local, new in name_map.items()) or any(
                old.startswith(b.qualname + ".") for bs in index.bindings.values() for b in bs for old in attr_map):
            new_module = module.visit(transformer)
        else:  # no name changes, no import is renamed in place, no attribute can reach an old name: the
            new_module = module  # walk would change nothing (a move of names kept: only the imports below)
        if transformer.attr_needs_import:
            for new_mod, new_name in transformer.attr_needs_import:
                new_module = add_from_import(new_module, new_mod, new_name)
        # add before removing: the new import takes the old one's place (and spacing)
        for mod, name in imports_to_add:
            new_module = add_from_import(new_module, mod, name)
        for mod, name in imports_to_remove:
            new_module = remove_from_import(new_module, mod, name)
        # an aliased name moved to another module inside a multi-name import is not split out:
        # say so instead of leaving it silently
        moved_aliases = [(k, v) for k, v in alias_map.items() if k[0] != v[0]]
        if moved_aliases:
            after = ImportIndex.build(new_module)
            for (mod, name, local), (nm, nn) in moved_aliases:
                if f"{mod}.{name}" in (b.qualname for b in after.bindings.get(local, ())):
                    ctx.report(local, f"'{name} as {local}' shares an import with other names: "
                                      f"import it from {nm} by hand")
        # a module imported only for the old attribute may now be unused: leave it (it may have
        # side effects, and linters will tell); nothing else to do.
        return new_module


class _RenameTransformer(cst.CSTTransformer):
    def __init__(self, index, name_map, alias_map, attr_map):
        self.index = index
        self.name_map = name_map
        self.alias_map = alias_map
        self.attr_map = attr_map
        self.attr_needs_import: list[tuple[str, str]] = []
        self._in_import = 0

    def visit_Import(self, node):
        self._in_import += 1

    def leave_Import(self, original, updated):
        self._in_import -= 1
        return updated

    def visit_ImportFrom(self, node):
        self._in_import += 1

    def leave_ImportFrom(self, original, updated):
        self._in_import -= 1
        if isinstance(updated.names, cst.ImportStar) or not self.alias_map:
            return updated
        mod = module_name(updated)
        names = list(updated.names)
        changed = False
        for i, alias in enumerate(names):
            local = dotted(alias.asname.name) if alias.asname is not None else dotted(alias.name)
            key = (mod, dotted(alias.name), local)
            target = self.alias_map.get(key)
            if target and target[0] == mod:
                names[i] = alias.with_changes(name=cst.Name(target[1]))
                changed = True
        if changed:
            updated = updated.with_changes(names=names)
        moved = [(k, v) for k, v in self.alias_map.items() if k[0] == mod and v[0] != mod]
        if moved and len(updated.names) == 1 and updated.names[0].asname is not None:
            a = updated.names[0]
            for (m, n, asn), (nm, nn) in moved:
                if dotted(a.name) == n and dotted(a.asname.name) == asn:
                    return updated.with_changes(module=cst.parse_expression(nm), names=[a.with_changes(name=cst.Name(nn))], relative=[])
        return updated

    def leave_Name(self, original, updated):
        if self._in_import:
            return updated
        new = self.name_map.get(updated.value)
        return updated.with_changes(value=new) if new else updated

    def visit_Attribute(self, node):
        return True

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if self._in_import:
            return updated
        qual = self.index.resolve(original)
        if qual is None or qual not in self.attr_map:
            return updated
        new = self.attr_map[qual]
        old_mod, _ = split(qual)
        new_mod, new_name = split(new)
        if old_mod == new_mod:
            return updated.with_changes(attr=cst.Name(new_name))
        base = dotted(original.value)
        # the new module is reachable through the same import (django.urls from `import django`)?
        head = base.split(".")[0] if base else None
        b = self.index.binding(head) if head else None
        if b is not None and b.kind == "import" and b.asname is None and new_mod.startswith(head + "."):
            return cst.parse_expression(new)
        if new_name in self.index.bindings and any(x.qualname not in (new, qual) for x in self.index.bindings[new_name]):
            return updated  # (a from-import of the same old name is renamed to new_name in this pass too)
        if new_name in self.index.other_bound:
            return updated
        self.attr_needs_import.append((new_mod, new_name))
        return cst.Name(new_name)
