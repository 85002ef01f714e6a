"""One Python file, indexed once for every detect item: names resolved through imports and aliases.

A name is resolved through the imports that bind it: module-level imports (anywhere outside a
function, ``try:``/``if`` included) and imports inside the function using it. A name a function binds
itself (a parameter, an assignment, a ``for`` target, a nested ``def``) shadows the import there,
and a module-level ``def``/``class`` of the name that is never imported resolves to nothing. So
``from django.shortcuts import render_to_response`` then ``render_to_response(...)`` is found, a
project's own ``def render_to_response`` is not, and neither is a parameter of that name.
"""

from __future__ import annotations

import ast

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _bound_in(fn) -> dict[str, str | None]:
    """Names a function binds itself: {name: dotted (an import) or None (anything else)}."""
    out: dict[str, str | None] = {}
    a = fn.args
    for arg in [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]:
        if arg is not None:
            out[arg.arg] = None
    body = fn.body if isinstance(fn.body, list) else [fn.body]
    glob: set[str] = set()
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            glob.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            out.setdefault(node.id, None)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.setdefault(node.name, None)
            stack.extend(getattr(node, "decorator_list", []))
            continue  # its body is its own scope
        elif isinstance(node, ast.Lambda):
            continue
        elif isinstance(node, ast.Import):
            for al in node.names:
                out[al.asname or al.name.split(".")[0]] = al.name if al.asname else al.name.split(".")[0]
            continue
        elif isinstance(node, ast.ImportFrom):
            for al in node.names:
                if al.name != "*":
                    out[al.asname or al.name] = f"{node.module}.{al.name}" if node.module and not node.level else None
            continue
        elif isinstance(node, ast.ExceptHandler) and node.name:
            out.setdefault(node.name, None)
        stack.extend(ast.iter_child_nodes(node))
    for g in glob:
        out.pop(g, None)
    return out


class PyFile:
    """The resolved references of one parsed file."""

    def __init__(self, tree: ast.Module, text: str):
        self.tree = tree
        self.lines = text.splitlines()
        self.imports: list[tuple[int, str]] = []  # (line, dotted name an import statement names)
        self.refs: list[tuple[int, str]] = []  # (line, resolved dotted name of a name / attribute chain)
        self.calls: list[tuple[ast.Call, str | None]] = []  # (call, resolved callee)
        self.classes: list[tuple[ast.ClassDef, list[str]]] = []  # (class, its bases: resolved or as written)
        self.strings: list[ast.Constant] = []
        self.settings_refs: list[tuple[int, str]] = []  # (line, NAME) of settings.NAME
        self.module_aliases: dict[str, str | None] = {}
        self._docstrings: set[int] = set()
        self._collect_module(tree)
        self._visit(tree, [self.module_aliases])

    # -- imports ------------------------------------------------------------------------------
    def _collect_module(self, tree) -> None:
        stack = list(tree.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (*_FUNCS, ast.ClassDef)):
                self._docstring(node)
                if isinstance(node, ast.ClassDef):
                    stack.extend(node.body)  # class-level imports bind module-wide enough
                continue
            if isinstance(node, ast.Import):
                for al in node.names:
                    local = al.asname or al.name.split(".")[0]
                    self.module_aliases[local] = al.name if al.asname else al.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom):
                if node.module and not node.level:
                    for al in node.names:
                        if al.name != "*":
                            self.module_aliases[al.asname or al.name] = f"{node.module}.{al.name}"
            else:
                stack.extend(n for n in ast.iter_child_nodes(node) if isinstance(n, ast.stmt))
        self._docstring(tree)

    def _docstring(self, node) -> None:
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            self._docstrings.add(id(body[0].value))

    # -- the walk -----------------------------------------------------------------------------
    def _visit(self, root, scopes: list[dict]) -> None:
        stack: list[tuple[ast.AST, list[dict], bool]] = [(root, scopes, False)]
        while stack:
            node, sc, in_chain = stack.pop()
            if isinstance(node, _FUNCS) and node is not root:
                if not isinstance(node, ast.Lambda):
                    self._docstring(node)
                    for d in node.decorator_list:
                        stack.append((d, sc, False))
                for d in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
                    stack.append((d, sc, False))
                inner = sc + [_bound_in(node)]
                body = node.body if isinstance(node.body, list) else [node.body]
                for child in body:
                    stack.append((child, inner, False))
                continue
            if isinstance(node, ast.Import):
                for al in node.names:
                    self.imports.append((node.lineno, al.name))
                continue
            if isinstance(node, ast.ImportFrom):
                if node.module and not node.level:
                    self.imports.append((node.lineno, node.module))
                    for al in node.names:
                        if al.name != "*":
                            self.imports.append((node.lineno, f"{node.module}.{al.name}"))
                continue
            if isinstance(node, (ast.Name, ast.Attribute)):
                if not in_chain and not (isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load)):
                    name = self.resolve(node, sc)
                    if name:
                        self.refs.append((node.lineno, name))
                    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                            and node.value.id == "settings" and (name is None or name.startswith("django.conf.settings.")):
                        self.settings_refs.append((node.lineno, node.attr))
                if isinstance(node, ast.Attribute):
                    stack.append((node.value, sc, True))
                continue
            if isinstance(node, ast.Call):
                self.calls.append((node, self.resolve(node.func, sc)))
            elif isinstance(node, ast.ClassDef):
                self.classes.append((node, [self.resolve(b, sc) or _written(b) for b in node.bases]))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in self._docstrings:
                self.strings.append(node)
            for child in ast.iter_child_nodes(node):
                stack.append((child, sc, False))

    def resolve(self, node, scopes: list[dict] | None = None) -> str | None:
        """The dotted name a Name / Attribute chain refers to through the imports, or None."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        head = None
        for scope in reversed(scopes or [self.module_aliases]):
            if node.id in scope:
                head = scope[node.id]
                break
        if head is None:
            return None
        return ".".join([head, *reversed(parts)])

    def text(self, line: int) -> str:
        return self.lines[line - 1].strip()[:200] if 0 < line <= len(self.lines) else ""


def _written(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def assign_targets(stmt) -> list:
    if isinstance(stmt, ast.Assign):
        out = []
        for t in stmt.targets:
            out += list(t.elts) if isinstance(t, (ast.Tuple, ast.List)) else [t]
        return out
    if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        return [stmt.target]
    return []


def top_statements(tree) -> list:
    """Module-level statements, including those inside top-level ``if`` / ``try`` / ``with``."""
    out, stack = [], list(reversed(tree.body))
    while stack:
        stmt = stack.pop()
        out.append(stmt)
        for name in ("body", "orelse", "finalbody"):
            if isinstance(stmt, (ast.If, ast.Try, ast.With)) or type(stmt).__name__ == "TryStar":
                stack.extend(reversed(getattr(stmt, name, []) or []))
        for h in getattr(stmt, "handlers", []) or []:
            stack.extend(reversed(h.body))
    return out
