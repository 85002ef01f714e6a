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
import bisect

from codemods.base import STATEMENT_BLOCKS, child_fields, first_line, import_statements, line_starts, line_text

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


class PyFile:
    """The resolved references of one parsed file."""

    def __init__(self, tree: ast.Module, text: str, needles: tuple[str, ...] | None = None):
        """``needles``: strings one of which occurs in every statement a finding can be in (the
        triggers of the items asked about); the module's and class bodies' statements holding none
        of them, nor a name imported from a dotted path that holds one (``with_metaclass`` from
        ``django.utils.six``), are not walked. None: every statement. Function bodies are always
        walked whole (a name they bind shadows an import for all of them)."""
        self.tree = tree
        self.lines = text.splitlines()
        self.imports: list[tuple[int, str]] = []  # (line, dotted name an import statement names)
        self.refs: list[tuple[int, str]] = []  # (line, resolved dotted name of a name / attribute chain)
        self.calls: list[tuple[ast.Call, str | None]] = []  # (call, resolved callee)
        self.classes: list[tuple[ast.ClassDef, list[str]]] = []  # (class, its bases: resolved or as written)
        self.strings: list[ast.Constant] = []
        self.attributes: list[ast.Attribute] = []  # every attribute node (for the attribute_* items: no second walk)
        self.settings_refs: list[tuple[int, str]] = []  # (line, NAME) of settings.NAME
        self.module_aliases: dict[str, str | None] = {}
        self._docstrings: set[int] = set()
        self._local: dict[int, dict] = {}  # id(function) -> {name it binds: dotted (an import) or None}
        self._globals: dict[int, set] = {}
        self._imported: set[str] = set()  # every local name some import binds (module or function)
        self._bound_from: list[tuple[str, str]] = []  # (local name, the dotted path an import binds it to)
        self._collect_module(tree)
        self._skip = _Skipper.make(text, needles, self._bound_from)
        self._visit(tree, ())

    # -- imports ------------------------------------------------------------------------------
    def _collect_module(self, tree) -> None:
        """Module-level imports (outside functions; ``try:``/``if``/class bodies included) and the
        names every import binds (functions included), from the statements only."""
        stack = [(n, False) for n in tree.body]
        while stack:
            node, in_func = stack.pop()
            cls = node.__class__
            if cls in _FUNCS or cls is ast.ClassDef:
                self._docstring(node)
                stack.extend((n, in_func or cls is not ast.ClassDef) for n in node.body)
                continue
            if cls is ast.Import:
                for al in node.names:
                    local = al.asname or al.name.split(".")[0]
                    self._bound_from.append((local, al.name))
                    self._imported.add(local)
                    if not in_func:
                        self.module_aliases[local] = al.name if al.asname else al.name.split(".")[0]
            elif cls is ast.ImportFrom:
                for al in node.names:
                    if al.name == "*":
                        continue
                    self._bound_from.append((al.asname or al.name, f"{node.module or ''}.{al.name}"))
                    self._imported.add(al.asname or al.name)
                    if not in_func and node.module and not node.level:
                        self.module_aliases[al.asname or al.name] = f"{node.module}.{al.name}"
            else:  # (the blocks of statements it holds: ``match`` cases included)
                for name in STATEMENT_BLOCKS:
                    block = getattr(node, name, None)
                    if block.__class__ is list:
                        stack.extend((n, in_func) for n in block)
        self._docstring(tree)

    def _docstring(self, node) -> None:
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            self._docstrings.add(id(body[0].value))

    # -- the walk -----------------------------------------------------------------------------
    def _visit(self, root, scopes) -> None:
        """One walk: imports, calls, classes, strings, and the names each function binds; the names
        that some import binds are resolved afterwards, once every function's own bindings are known."""
        stack: list[tuple[ast.AST, tuple, bool]] = [(root, (), False)]
        AST, Name, Attribute, Call, Constant, ClassDef = ast.AST, ast.Name, ast.Attribute, ast.Call, ast.Constant, ast.ClassDef
        Load, Lambda = ast.Load, ast.Lambda
        imported, local = self._imported, self._local
        pending: list[tuple[ast.AST, tuple]] = []  # (Name / outermost Attribute, scopes) to resolve
        calls: list[tuple[ast.Call, tuple]] = []
        classes: list[tuple[ast.ClassDef, tuple]] = []
        push = stack.append
        attributes = self.attributes
        skip = self._skip
        while stack:
            node, sc, in_chain = stack.pop()
            cls = node.__class__
            if skip is not None and not sc and cls is not ast.Import and cls is not ast.ImportFrom \
                    and isinstance(node, ast.stmt) and skip(node):
                # outside functions, a statement no finding can be in: only its imports are seen
                # (``imports`` lists every import of the file)
                stack.extend((n, (), False) for n in import_statements(node))
                continue
            if cls is Name:
                if node.ctx.__class__ is Load:
                    if not in_chain and node.id in imported:
                        pending.append((node, sc))
                elif sc:
                    local[id(sc[-1])].setdefault(node.id, None)
                continue
            if cls is Attribute:
                attributes.append(node)
                if not in_chain:
                    head = node.value
                    while head.__class__ is Attribute:
                        head = head.value
                    if head.__class__ is Name:
                        if head.id in imported:
                            pending.append((node, sc))
                        elif head.id == "settings" and node.value is head:
                            self.settings_refs.append((node.lineno, node.attr))
                push((node.value, sc, True))
                continue
            if cls in _FUNCS and node is not root:
                if sc and cls is not Lambda:
                    local[id(sc[-1])].setdefault(node.name, None)
                if cls is not Lambda:
                    self._docstring(node)
                    for d in node.decorator_list:
                        push((d, sc, False))
                args = node.args
                for d in args.defaults + [d for d in args.kw_defaults if d is not None]:
                    push((d, sc, False))
                own = local[id(node)] = {}
                for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
                    if arg is not None:
                        own[arg.arg] = None
                inner = sc + (node,)
                for child in (node.body if cls is not Lambda else [node.body]):
                    push((child, inner, False))
                continue
            if cls is ast.Import:
                for al in node.names:
                    self.imports.append((node.lineno, al.name))
                    if sc:
                        local[id(sc[-1])][al.asname or al.name.split(".")[0]] = al.name if al.asname else al.name.split(".")[0]
                continue
            if cls is ast.ImportFrom:
                if node.module and not node.level:
                    self.imports.append((node.lineno, node.module))
                for al in node.names:
                    if al.name == "*":
                        continue
                    full = f"{node.module}.{al.name}" if node.module and not node.level else None
                    if full:
                        self.imports.append((node.lineno, full))
                    if sc:
                        local[id(sc[-1])][al.asname or al.name] = full
                continue
            if cls is ast.Global or cls is ast.Nonlocal:
                if sc:
                    self._globals.setdefault(id(sc[-1]), set()).update(node.names)
                continue
            if cls is Call:
                calls.append((node, sc))
            elif cls is ClassDef:
                classes.append((node, sc))
                if sc:
                    local[id(sc[-1])].setdefault(node.name, None)
            elif cls is Constant and node.value.__class__ is str and id(node) not in self._docstrings:
                self.strings.append(node)
            elif cls is ast.ExceptHandler and node.name and sc:
                local[id(sc[-1])].setdefault(node.name, None)
            for field in child_fields(cls):
                value = getattr(node, field, None)
                if value.__class__ is list:
                    for item in value:
                        if isinstance(item, AST):
                            push((item, sc, False))
                elif isinstance(value, AST):
                    push((value, sc, False))
        for g_fn, names in self._globals.items():
            for n in names:
                local.get(g_fn, {}).pop(n, None)
        for node, sc in pending:
            name = self.resolve(node, sc)
            if name:
                self.refs.append((node.lineno, name))
                if node.__class__ is Attribute and name.startswith("django.conf.settings.") \
                        and node.value.__class__ is Name:
                    self.settings_refs.append((node.lineno, node.attr))
        self.calls = [(c, self.resolve(c.func, sc)) for c, sc in calls]
        self.classes = [(c, [self.resolve(b, sc) or _written(b) for b in c.bases]) for c, sc in classes]
        self.refs.sort()
        self.calls.sort(key=lambda x: (x[0].lineno, x[0].col_offset))

    def resolve(self, node, scopes=()) -> str | None:
        """The dotted name a Name / Attribute chain refers to through the imports, or None."""
        parts = []
        while node.__class__ is ast.Attribute:
            parts.append(node.attr)
            node = node.value
        if node.__class__ is not ast.Name:
            return None
        ident = node.id
        if ident not in self._imported:
            return None  # no import anywhere binds this name
        head = self.module_aliases.get(ident)
        for fn in reversed(scopes):
            bound = self._local.get(id(fn), {})
            if ident in bound:
                head = bound[ident]
                break
        if head is None:
            return None
        return ".".join([head, *reversed(parts)]) if parts else head

    def text(self, line: int) -> str:
        return line_text(self.lines, line)


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


class _Skipper:
    """Whether a statement's lines hold none of the needles: the start offsets of every occurrence
    of each needle, and a binary search in the statement's span of whole lines."""

    @classmethod
    def make(cls, text: str, needles, bound_from) -> "_Skipper | None":
        if needles is None or "\r" in text or any(not n or "\n" in n for n in needles):
            return None
        return cls(text, (*needles, *(local for local, path in bound_from if any(n in path for n in needles))))

    def __init__(self, text: str, needles):
        self.starts = line_starts(text)  # offset of each line's first character
        found: list[int] = []
        for needle in dict.fromkeys(needles):
            at = text.find(needle)
            while at != -1:
                found.append(at)
                at = text.find(needle, at + 1)
        self.found = sorted(found)

    def __call__(self, node: ast.stmt) -> bool:
        first = first_line(node)
        last = node.end_lineno or node.lineno
        starts = self.starts
        if last >= len(starts):
            return False
        i = bisect.bisect_left(self.found, starts[first - 1])
        return i == len(self.found) or self.found[i] >= starts[last]
