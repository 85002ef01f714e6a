"""Finding what a module imports and binds, for ``codemods.imports.ImportIndex``: one walk of the
libcst tree (``CstCollector``) or, much cheaper, of the ``ast`` tree of the same code
(``AstCollector``); both give the same answers (tests/codemods/test_elide.py, test_prune.py).

    index = ImportIndex()
    AstCollector(index).visit(ast_tree)   # or: cst_module.visit(CstCollector(index))
    index.bindings["force_text"]          # [Binding(local, qualname, kind, module, name, ...)]
    index.star_modules, index.other_bound  # star-imported modules; names bound NOT by import
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import libcst as cst

from codemods.base import STATEMENT_BLOCKS, has_walk, nodes_of, walk
from codemods.dotted_names import dotted, module_name


@dataclass
class Binding:
    local: str
    qualname: str  # what the local name refers to
    kind: str  # "from" or "import"
    module: str  # the imported module ("django.utils.encoding" / "django.utils")
    name: str | None  # for from-imports: the imported name
    asname: str | None
    in_try: bool
    top_level: bool


class CstCollector(cst.CSTVisitor):
    """Fills an ``ImportIndex`` (``bindings``, ``star_modules``, ``other_bound``) from a libcst tree."""

    prunable = False  # import tracking always sees the whole module

    def __init__(self, index):
        self.index = index
        self.try_depth = 0
        self.scope_depth = 0

    # structure -------------------------------------------------------------------------------
    def visit_Try(self, node):
        self.try_depth += 1

    def leave_Try(self, node):
        self.try_depth -= 1

    def visit_TryStar(self, node):
        self.try_depth += 1

    def leave_TryStar(self, node):
        self.try_depth -= 1

    def visit_FunctionDef(self, node):
        self.index.other_bound.add(node.name.value)
        self.scope_depth += 1

    def leave_FunctionDef(self, node):
        self.scope_depth -= 1

    def visit_ClassDef(self, node):
        self.index.other_bound.add(node.name.value)
        self.scope_depth += 1

    def leave_ClassDef(self, node):
        self.scope_depth -= 1

    def visit_Lambda(self, node):
        self.scope_depth += 1

    def leave_Lambda(self, node):
        self.scope_depth -= 1

    # imports ---------------------------------------------------------------------------------
    def _add(self, b: Binding):
        self.index.bindings.setdefault(b.local, []).append(b)

    def visit_Import(self, node: cst.Import):
        for alias in node.names:
            full = dotted(alias.name) or ""
            if alias.asname is not None:
                local = dotted(alias.asname.name) or ""
                self._add(Binding(local, full, "import", full, None, local, self.try_depth > 0, self.scope_depth == 0))
            else:
                head = full.split(".")[0]
                self._add(Binding(head, head, "import", full, None, None, self.try_depth > 0, self.scope_depth == 0))
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom):
        mod = module_name(node)
        if isinstance(node.names, cst.ImportStar):
            self.index.star_modules.add(mod)
            return False
        for alias in node.names:
            name = dotted(alias.name) or ""
            local = dotted(alias.asname.name) if alias.asname is not None else name
            qual = f"{mod}{name}" if mod.endswith(".") else f"{mod}.{name}"  # from .. import x
            self._add(Binding(local, qual, "from", mod, name, local if alias.asname else None,
                              self.try_depth > 0, self.scope_depth == 0))
        return False

    # other bindings --------------------------------------------------------------------------
    def _bind_target(self, target):
        if isinstance(target, cst.Name):
            self.index.other_bound.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for el in target.elements:
                self._bind_target(el.value)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value)

    def visit_AssignTarget(self, node):
        self._bind_target(node.target)

    def visit_AnnAssign(self, node):
        self._bind_target(node.target)

    def visit_AugAssign(self, node):
        self._bind_target(node.target)

    def visit_For(self, node):
        self._bind_target(node.target)

    def visit_CompFor(self, node):
        self._bind_target(node.target)

    def visit_WithItem(self, node):
        if node.asname is not None:
            self._bind_target(node.asname.name)

    def visit_ExceptHandler(self, node):
        if node.name is not None:
            self._bind_target(node.name.name)

    def visit_Param(self, node):
        self.index.other_bound.add(node.name.value)

    def visit_NamedExpr(self, node):
        self._bind_target(node.target)

    def visit_Global(self, node):
        for n in node.names:
            self.index.other_bound.add(n.name.value)

    def visit_Del(self, node):
        self._bind_target(node.target)


_BINDERS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign, ast.AugAssign,
            ast.NamedExpr, ast.For, ast.AsyncFor, ast.comprehension, ast.withitem, ast.ExceptHandler, ast.arg,
            ast.Global, ast.Delete)
_BINDER_SET = frozenset(_BINDERS)


class AstCollector:
    """The ast twin of ``CstCollector``: the same bindings, from an ``ast`` tree."""

    def __init__(self, index):
        self.index = index

    def visit(self, node, try_depth: int = 0, scope_depth: int = 0) -> None:
        index = self.index
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    index.bindings.setdefault(a.asname, []).append(
                        Binding(a.asname, a.name, "import", a.name, None, a.asname, try_depth > 0, scope_depth == 0))
                else:
                    head = a.name.split(".")[0]
                    index.bindings.setdefault(head, []).append(
                        Binding(head, head, "import", a.name, None, None, try_depth > 0, scope_depth == 0))
            return
        if isinstance(node, ast.ImportFrom):
            mod = "." * (node.level or 0) + (node.module or "")
            for a in node.names:
                if a.name == "*":
                    index.star_modules.add(mod)
                    continue
                local = a.asname or a.name
                qual = f"{mod}{a.name}" if mod.endswith(".") else f"{mod}.{a.name}"  # from .. import x
                index.bindings.setdefault(local, []).append(
                    Binding(local, qual, "from", mod, a.name, a.asname, try_depth > 0, scope_depth == 0))
            return
        bound = index.other_bound
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
            scope_depth += 1
        elif isinstance(node, ast.Lambda):
            scope_depth += 1
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            try_depth += 1
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                self._bind(t)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            self._bind(node.target)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            self._bind(node.target)
        elif isinstance(node, ast.withitem):
            if node.optional_vars is not None:
                self._bind(node.optional_vars)
        elif isinstance(node, ast.ExceptHandler):
            if node.name:
                bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Global):
            bound.update(node.names)
        elif isinstance(node, ast.Delete):
            for t in node.targets:
                self._bind(t)
        for child in ast.iter_child_nodes(node):
            self.visit(child, try_depth, scope_depth)

    def collect(self, tree: ast.Module, parts: dict | None = None) -> None:
        """``visit(tree)`` of a whole module, without a recursive walk of every node: the imports are
        found among the statements (the only place they can be), in source order with their depths,
        and the other bindings from the tree's shared walk (``codemods.base.nodes_of``); the same
        index (tests/codemods/test_imports.py compares the two).

        ``parts``: what each top-level statement imports and binds, by ``id`` (``import_state.
        statement_parts``), kept from the last tree of the same file: the statements found there
        (the very same objects) are not walked again, and ``parts`` is left holding the statements of
        ``tree``. After a rewrite the next tree shares all but the changed statements with the last
        one (``codemods.reparse``). The first tree of a file, already walked whole by the ``confirm``
        stage, is collected from that walk and leaves ``parts`` empty."""
        if parts is not None and (parts or not has_walk(tree)):
            self._from_parts(tree, parts)
            return
        self._statements(tree.body, 0, 0)
        self._binders(nodes_of(tree, *_BINDERS))

    def statement(self, node: ast.AST, scope_depth: int) -> None:
        """``visit(node, 0, scope_depth)`` of one statement, without a recursive walk of every node:
        its imports from its blocks of statements, its other bindings from one flat walk."""
        self._statements([node], 0, scope_depth)
        self._binders(n for n in walk(node) if type(n) in _BINDER_SET)

    def _from_parts(self, tree: ast.Module, parts: dict) -> None:
        index, kept = self.index, {}
        bindings, star, bound = index.bindings, index.star_modules, index.other_bound
        scratch = type(index)()  # (an ImportIndex for one statement at a time; codemods.imports imports this module)
        collector = AstCollector(scratch)
        for stmt in tree.body:
            hit = parts.get(id(stmt))
            if hit is None or hit[0] is not stmt:
                scratch.bindings, scratch.star_modules, scratch.other_bound = {}, set(), set()
                collector._statements([stmt], 0, 0)
                collector._binders(n for n in walk(stmt) if type(n) in _BINDER_SET)
                hit = (stmt, scratch.bindings or None, scratch.star_modules or None, scratch.other_bound)
            kept[id(stmt)] = hit
            if hit[1] is not None:
                for local, found in hit[1].items():
                    bindings.setdefault(local, []).extend(found)
            if hit[2] is not None:
                star |= hit[2]
            bound |= hit[3]
        parts.clear()
        parts.update(kept)

    def _binders(self, nodes) -> None:
        bound = self.index.other_bound
        for node in nodes:
            cls = type(node)
            if cls in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                bound.add(node.name)
            elif cls is ast.Assign or cls is ast.Delete:
                for t in node.targets:
                    self._bind(t)
            elif cls is ast.withitem:
                if node.optional_vars is not None:
                    self._bind(node.optional_vars)
            elif cls is ast.ExceptHandler:
                if node.name:
                    bound.add(node.name)
            elif cls is ast.arg:
                bound.add(node.arg)
            elif cls is ast.Global:
                bound.update(node.names)
            else:  # AnnAssign, AugAssign, NamedExpr, For, AsyncFor, comprehension
                self._bind(node.target)

    def _statements(self, body: list, try_depth: int, scope_depth: int) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.visit(node, try_depth, scope_depth)
                continue
            inner_try, inner_scope = try_depth, scope_depth
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner_scope += 1
            elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
                inner_try += 1
            for name in STATEMENT_BLOCKS:  # (in ``ast.iter_child_nodes`` order)
                value = getattr(node, name, None)
                if value.__class__ is list:
                    self._statements(value, inner_try, inner_scope)

    def _bind(self, target) -> None:
        if isinstance(target, ast.Name):
            self.index.other_bound.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for el in target.elts:
                self._bind(el)
        elif isinstance(target, ast.Starred):
            self._bind(target.value)
