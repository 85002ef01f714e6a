"""Import tracking and editing for codemods, without libcst's scope / qualified-name metadata.

Resolving libcst's ScopeProvider on every file costs ~10x a plain parse. Codemods only need to know
which names the module imports from where, whether a name is also bound another way (shadowing,
reassignment), and whether an import sits in ``try:`` or is a star import. ``ImportIndex.build``
collects exactly that in one walk.

    index = ImportIndex.build(module)
    index.resolve(node)             # "django.utils.encoding.force_text" for a Name / Attribute node
    index.locals_for("django.utils.encoding.force_text")   # ["force_text"] or ["ft"] (aliases)
    index.unsure_reason("force_text")                       # None, or why a rewrite must not happen
    module = add_from_import(module, "django.utils.encoding", "force_str")
    module = remove_from_import(module, "django.utils.encoding", "force_text")   # if now unused

When the pipeline hid definitions from libcst (``codemods.elide``), ``ImportIndex.build`` and
``count_references`` of the module add what the hidden code imports, binds and names
(``hidden_definitions``), so a name used only in hidden code still counts as used.
"""

from __future__ import annotations

import ast
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import libcst as cst


def dotted(node: cst.BaseExpression | None) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


def module_name(node: cst.ImportFrom) -> str:
    mod = dotted(node.module) if node.module is not None else ""
    dots = "".join("." for _ in node.relative)
    return f"{dots}{mod or ''}"


def parse_dotted(text: str) -> cst.BaseExpression:
    parts = text.split(".")
    expr: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        expr = cst.Attribute(value=expr, attr=cst.Name(part))
    return expr


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


@dataclass
class ImportIndex:
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    star_modules: set[str] = field(default_factory=set)
    other_bound: set[str] = field(default_factory=set)  # names bound NOT by import

    @classmethod
    def build(cls, module: cst.Module) -> "ImportIndex":
        """The index of ``module``. Memoised on the module object: the codemods that run on one
        file in turn share it until one of them changes the tree (a full walk costs as much as a
        transform). Treat the result as read-only."""
        def compute():
            index = cls()
            tree = _hinted_tree(module)
            if tree is not None:
                _AstCollector(index).visit(tree)  # same answers, a fraction of a libcst walk
            else:
                module.visit(_Collector(index))
            _add_hidden_index(index)
            return index

        return _memoized("index", module, compute)

    # -- questions ---------------------------------------------------------------------------
    def binding(self, local: str) -> Binding | None:
        found = self.bindings.get(local) or []
        return found[0] if len(found) == 1 else None

    def resolve(self, node: cst.BaseExpression) -> str | None:
        """The qualified name a Name/Attribute expression refers to through this module's imports."""
        chain = dotted(node)
        if chain is None:
            return None
        head, _, rest = chain.partition(".")
        b = self.binding(head)
        if b is None:
            return None
        return f"{b.qualname}.{rest}" if rest else b.qualname

    def locals_for(self, qualname: str) -> list[str]:
        """Local names bound (by from-import) to exactly ``qualname``."""
        return [local for local, bs in self.bindings.items() for b in bs if b.qualname == qualname and b.kind == "from"]

    def imports_module(self, module: str) -> bool:
        return any(b.module == module or b.qualname == module for bs in self.bindings.values() for b in bs)

    def star_imports(self, module: str) -> bool:
        return module in self.star_modules

    def unsure_reason(self, local: str) -> str | None:
        """Why a rewrite of the local name ``local`` would be unsafe, or None when it is safe."""
        found = self.bindings.get(local) or []
        if not found:
            return None
        if len(found) > 1:
            return f"'{local}' is imported more than once"
        b = found[0]
        if b.in_try:
            return f"'{local}' is imported inside try: (a compatibility shim)"
        if not b.top_level:
            return f"'{local}' is imported inside a function or class"
        if local in self.other_bound:
            return f"'{local}' is also assigned or defined in this module"
        return None


class _Collector(cst.CSTVisitor):
    prunable = False  # import tracking always sees the whole module

    def __init__(self, index: ImportIndex):
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


class _RefCounter(cst.CSTVisitor):
    """Counts bare-name uses of ``name`` (or of every name, in ``counts``, when ``name`` is None)."""

    prunable = False  # reference counts are about the whole module

    def __init__(self, name: str | None):
        self.name = name
        self.count = 0
        self.counts: dict[str, int] = {}

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def visit_Attribute(self, node: cst.Attribute):
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg):
        node.value.visit(self)
        return False

    def visit_Name(self, node: cst.Name):
        if self.name is None:
            self.counts[node.value] = self.counts.get(node.value, 0) + 1
        elif node.value == self.name:
            self.count += 1


def count_references(module: cst.CSTNode, name: str) -> int:
    """Uses of the bare name ``name`` outside import statements (attribute names and keywords excluded).

    For a whole module one walk counts every name, memoised on the module object."""
    if isinstance(module, cst.Module):
        def compute():
            tree = _hinted_tree(module)
            if tree is not None:  # the same counts from the ast tree (tests/codemods/test_elide.py)
                from codemods.astnames import ast_name_counts

                return ast_name_counts(tree)
            counter = _RefCounter(None)
            module.visit(counter)
            return counter.counts

        count = _memoized("names", module, compute).get(name, 0)
        hidden = _hidden()
        return count + hidden.count(name) if hidden is not None else count
    counter = _RefCounter(name)
    module.visit(counter)
    return counter.count


class FileState:
    """What the import helpers remember about the file being processed: the one-entry memos keyed by
    the libcst module (``_memoized``), the ast tree hinted by the pipeline, the hidden definitions.
    The pipeline gives each file a fresh one (``file_state()``); outside it, a process-wide default."""

    def __init__(self):
        self.memo: dict[str, tuple[object, object]] = {}
        self.tree_hint: dict[str, tuple[object, object]] = {}
        self.hidden: dict[str, object] = {}


_STATE: ContextVar[FileState] = ContextVar("dua_import_state", default=FileState())


@contextmanager
def file_state():
    """A fresh ``FileState`` for one file (nothing of it outlives the file, nor leaks to another)."""
    token = _STATE.set(FileState())
    try:
        yield
    finally:
        _STATE.reset(token)


class _Current:
    """One dict of the current ``FileState`` (``_MEMO``, ``_TREE_HINT``, ``_HIDDEN`` below)."""

    def __init__(self, attr: str):
        self._attr = attr

    def _dict(self) -> dict:
        return getattr(_STATE.get(), self._attr)

    def get(self, key, default=None):
        return self._dict().get(key, default)

    def clear(self) -> None:
        self._dict().clear()

    def __getitem__(self, key):
        return self._dict()[key]

    def __setitem__(self, key, value) -> None:
        self._dict()[key] = value

    def __contains__(self, key) -> bool:
        return key in self._dict()

    def __bool__(self) -> bool:
        return bool(self._dict())


_MEMO = _Current("memo")
_TREE_HINT = _Current("tree_hint")
_HIDDEN = _Current("hidden")


@contextmanager
def hidden_definitions(elision):
    """While the pipeline works on a file whose definitions ``codemods.elide`` hid from libcst
    (``elision``; None: nothing hidden), ``ImportIndex.build`` and ``count_references`` of a whole
    module include what the hidden definitions import, bind and name."""
    _HIDDEN.clear()
    if elision is not None:
        _HIDDEN["elision"] = elision
    try:
        yield
    finally:
        _HIDDEN.clear()


def _hidden():
    elision = _HIDDEN.get("elision")
    if elision is None:
        return None
    if "parts" not in _HIDDEN:
        _HIDDEN["parts"] = elision.definitions()
    return _HIDDEN["parts"]


class _BoundNames(set):
    """``other_bound`` of a module with hidden definitions: ``name in`` also asks those (lazily)."""

    def __init__(self, names, hidden):
        super().__init__(names)
        self.hidden = hidden

    def __contains__(self, name) -> bool:
        return set.__contains__(self, name) or self.hidden.binds(name)


def _add_hidden_index(index: "ImportIndex") -> None:
    hidden = _hidden()
    if hidden is None:
        return
    part = hidden.import_index()
    for local, found in part.bindings.items():
        index.bindings.setdefault(local, []).extend(found)
    index.star_modules |= part.star_modules
    index.other_bound = _BoundNames(index.other_bound | part.other_bound, hidden)


def hint_tree(module: cst.Module, tree) -> None:
    """Tell the import tracker that ``tree`` (an ``ast.Module``) is the parse of exactly ``module``'s
    code, so ``ImportIndex.build(module)`` can walk the much cheaper ast tree."""
    _TREE_HINT["tree"] = (module, tree)


def _hinted_tree(module: cst.Module):
    """The ast tree of ``module``'s code when the pipeline hinted it: for the hinted module itself, or
    for a copy a codemod's first transformer made of it without changing it (a libcst transform
    always returns a new module; pruned statements come back as the very same objects, the others
    are compared structurally)."""
    hint = _TREE_HINT.get("tree")
    if hint is None:
        return None
    hinted, tree = hint
    if hinted is module:
        return tree
    if not isinstance(module, cst.Module) or len(hinted.body) != len(module.body):
        return None
    pairs = [*zip(hinted.body, module.body), *zip(hinted.header, module.header), *zip(hinted.footer, module.footer)]
    if len(hinted.header) != len(module.header) or len(hinted.footer) != len(module.footer):
        return None
    if all(a is b or a.deep_equals(b) for a, b in pairs):
        return tree
    return None


class _AstCollector:
    """The ast twin of ``_Collector``: the same bindings, from an ``ast`` tree."""

    def __init__(self, index: ImportIndex):
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

    def _bind(self, target) -> None:
        if isinstance(target, ast.Name):
            self.index.other_bound.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for el in target.elts:
                self._bind(el)
        elif isinstance(target, ast.Starred):
            self._bind(target.value)


def _memoized(kind: str, module: cst.CSTNode, compute):
    """A one-entry cache per kind, keyed by the identity of the (immutable) libcst module."""
    hit = _MEMO.get(kind)
    if hit is not None and hit[0] is module:
        return hit[1]
    value = compute()
    _MEMO[kind] = (module, value)
    return value


# -- editing -------------------------------------------------------------------------------------

def _is_top_import(stmt) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)


def _insert_index(module: cst.Module) -> int:
    """After the last top-level import, else after the docstring / __future__ imports."""
    last_import = None
    for i, stmt in enumerate(module.body):
        if _is_top_import(stmt):
            last_import = i
    if last_import is not None:
        return last_import + 1
    idx = 0
    if module.body and isinstance(module.body[0], cst.SimpleStatementLine) and module.body[0].body and \
            isinstance(module.body[0].body[0], cst.Expr) and isinstance(module.body[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        idx = 1
    return idx


def has_from_import(module: cst.Module, mod: str, name: str) -> bool:
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.ImportFrom) and module_name(small) == mod and not isinstance(small.names, cst.ImportStar):
                if any(dotted(a.name) == name and a.asname is None for a in small.names):
                    return True
    return False


def add_from_import(module: cst.Module, mod: str, name: str) -> cst.Module:
    """Ensure ``from mod import name`` at top level, merging into an existing ``from mod import ...``."""
    if has_from_import(module, mod, name):
        return module
    body = list(module.body)
    for i, stmt in enumerate(body):
        if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
            continue
        small = stmt.body[0]
        if isinstance(small, cst.ImportFrom) and module_name(small) == mod and not isinstance(small.names, cst.ImportStar):
            names = list(small.names)
            last = names[-1]
            trailing = last.comma
            names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            if small.lpar is not None and isinstance(trailing, cst.Comma):
                # parenthesised, one-per-line style: the old last name gets the comma layout that
                # leads to the next name (the indentation after "("), the new one the closing one
                sep: cst.BaseParenthesizableWhitespace = cst.SimpleWhitespace(" ")
                if isinstance(trailing.whitespace_after, cst.ParenthesizedWhitespace):
                    if isinstance(small.lpar.whitespace_after, cst.ParenthesizedWhitespace):
                        sep = small.lpar.whitespace_after
                    elif len(names) >= 2 and isinstance(names[-2].comma, cst.Comma):
                        sep = names[-2].comma.whitespace_after
                names[-1] = last.with_changes(comma=cst.Comma(whitespace_before=trailing.whitespace_before,
                                                              whitespace_after=sep))
                names.append(cst.ImportAlias(name=cst.Name(name), comma=trailing))
            else:
                names.append(cst.ImportAlias(name=cst.Name(name)))
            body[i] = stmt.with_changes(body=[small.with_changes(names=names)])
            return module.with_changes(body=body)
    new_stmt = cst.parse_statement(f"from {mod} import {name}\n")
    body.insert(_related_insert_index(module, mod), new_stmt)
    return module.with_changes(body=body)


def _stmt_modules(stmt) -> list[str]:
    mods = []
    if isinstance(stmt, cst.SimpleStatementLine):
        for small in stmt.body:
            if isinstance(small, cst.ImportFrom):
                mods.append(module_name(small))
            elif isinstance(small, cst.Import):
                mods.extend(dotted(a.name) or "" for a in small.names)
    return mods


def _related_insert_index(module: cst.Module, mod: str) -> int:
    """Keep import groups tidy: insert after the top-level import that shares the longest dotted
    prefix with ``mod`` (so ``django.urls`` lands among the ``django.*`` imports and sorted within
    them where it can), else after the last import."""
    want = mod.split(".")
    best_i, best_len = None, 0
    for i, stmt in enumerate(module.body):
        for other in _stmt_modules(stmt):
            parts = other.split(".")
            common = 0
            for a, b in zip(want, parts):
                if a != b:
                    break
                common += 1
            if common and (common > best_len or (common == best_len and other <= mod)):
                best_i, best_len = i, common
    if best_i is None:
        return _insert_index(module)
    # within the group, move past neighbours that sort before the new module
    i = best_i
    while i + 1 < len(module.body):
        nxt = _stmt_modules(module.body[i + 1])
        if nxt and all(n.split(".")[0] == want[0] and n <= mod for n in nxt):
            i += 1
        else:
            break
    return i + 1


def _strip_leading_blank_lines(lines) -> list:
    """``lines`` (EmptyLine nodes) without the blank ones before the first comment."""
    lines = list(lines)
    while lines and lines[0].comment is None:
        lines.pop(0)
    return lines


def _is_docstring(stmt) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and \
        isinstance(stmt.body[0], cst.Expr) and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))


def remove_from_import(module: cst.Module, mod: str, name: str, asname: str | None = None) -> cst.Module:
    """Remove ``name`` (optionally ``name as asname``) from top-level ``from mod import ...`` lines.

    A line left empty is dropped; comments above it move to the next statement. When the dropped
    line opened the module (or followed its docstring), the blank lines below it go too, so the file
    does not start with blank lines; the spacing above it (after the docstring) is kept.
    """
    body = []
    changed = False
    carry = []
    strip_next = False  # the removed statement opened the module (or followed its docstring)
    for stmt in module.body:
        if carry or strip_next:
            own = list(stmt.leading_lines)
            if strip_next:
                own = _strip_leading_blank_lines(own)
            stmt = stmt.with_changes(leading_lines=[*carry, *own])
            if not body and not module.header:
                stmt = stmt.with_changes(leading_lines=_strip_leading_blank_lines(stmt.leading_lines))
            carry = []
            strip_next = False
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.ImportFrom):
            small = stmt.body[0]
            if module_name(small) == mod and not isinstance(small.names, cst.ImportStar):
                keep = [a for a in small.names if not (dotted(a.name) == name and
                        ((a.asname is None and asname is None) or (a.asname is not None and dotted(a.asname.name) == asname)))]
                if len(keep) != len(small.names):
                    changed = True
                    if not keep:
                        if not body or (len(body) == 1 and _is_docstring(body[0])):
                            # at the top: keep the spacing above the removed line, drop the one below
                            carry = [*carry, *stmt.leading_lines]
                            strip_next = True
                        else:
                            carry = [*carry, *(l for l in stmt.leading_lines if l.comment is not None)]
                        continue
                    last = keep[-1]
                    if small.lpar is None:
                        keep[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    elif keep[-1] is not small.names[-1]:
                        # the old last name went: its comma carries the layout before ")"
                        keep[-1] = last.with_changes(comma=small.names[-1].comma)
                    body.append(stmt.with_changes(body=[small.with_changes(names=keep)]))
                    continue
        body.append(stmt)
    if carry:
        kept = [l for l in carry if l.comment is not None] if strip_next else carry
        module = module.with_changes(footer=[*kept, *module.footer])
    return module.with_changes(body=body) if changed else module


def remove_if_unused(module: cst.Module, mod: str, name: str, local: str | None = None) -> cst.Module:
    """Remove the from-import of ``name`` when the local name is no longer referenced."""
    local = local or name
    if count_references(module, local) == 0:
        return remove_from_import(module, mod, name, asname=None if local == name else local)
    return module
