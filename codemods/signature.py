"""A base for codemods that change the signature of a method a project overrides.

    class InlineHasAddPermission(OverrideSignatureCodemod):
        method = "has_add_permission"
        bases = ("django.contrib.admin.options.InlineModelAdmin", ...)   # or () for any class
        base_suffixes = ("Inline",)                                       # project mixins
        def new_params(self, fn, ctx): ...        # the new cst.Parameters, or None (leave it)
        def new_super_call(self, call, fn, ctx): ... # super().method(...) inside it, rewritten

Only methods defined directly in a class body are considered; a class matches when one of its
bases resolves (through the module's imports) to one of ``bases``, has the same last name, or ends
with one of ``base_suffixes``. A method taking ``*args`` / ``**kwargs`` already accepts whatever
Django passes and is left alone. ``ctx.report`` is used for anything left by hand.
"""

from __future__ import annotations

import ast
from typing import ClassVar

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.calls import ast_import_targets
from codemods.class_bases import ast_bases_may_match
from codemods.imports import ImportIndex, dotted


def positional_names(fn: cst.FunctionDef) -> list[str]:
    p = fn.params
    return [x.name.value for x in (*p.posonly_params, *p.params)]


def all_param_names(fn: cst.FunctionDef) -> set[str]:
    p = fn.params
    names = {x.name.value for x in (*p.posonly_params, *p.params, *p.kwonly_params)}
    for star in (p.star_arg, p.star_kwarg):
        if isinstance(star, cst.Param):
            names.add(star.name.value)
    return names


def has_varargs(fn: cst.FunctionDef) -> bool:
    return isinstance(fn.params.star_arg, cst.Param) or fn.params.star_kwarg is not None


def param(name: str, default: str | None = None) -> cst.Param:
    if default is None:
        return cst.Param(cst.Name(name))
    return cst.Param(cst.Name(name), default=cst.parse_expression(default),
                     equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                           whitespace_after=cst.SimpleWhitespace("")))


def _relayout(new: list[cst.Param], old: list[cst.Param]) -> list[cst.Param]:
    """Commas for ``new`` copied from the old layout (one per line stays one per line)."""
    if not new:
        return new
    sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if len(old) > 1 and isinstance(old[0].comma, cst.Comma):
        sep = old[0].comma
    last = old[-1].comma if old else cst.MaybeSentinel.DEFAULT
    return [p.with_changes(comma=last if i == len(new) - 1 else sep) for i, p in enumerate(new)]


def insert_param(fn: cst.FunctionDef, index: int, new: cst.Param) -> cst.Parameters:
    """``new`` as the ``index``-th positional parameter (counting ``self``)."""
    old = list(fn.params.params)
    params = old[:index] + [new] + old[index:]
    if fn.params.star_arg is not cst.MaybeSentinel.DEFAULT or fn.params.kwonly_params or fn.params.star_kwarg:
        return fn.params.with_changes(params=[p.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                                              if i < len(params) - 1 else p for i, p in enumerate(_relayout(params, old))])
    return fn.params.with_changes(params=_relayout(params, old))


def remove_param(fn: cst.FunctionDef, name: str) -> cst.Parameters:
    old = list(fn.params.params)
    params = [p for p in old if p.name.value != name]
    return fn.params.with_changes(params=_relayout(params, old))


def append_kwonly(fn: cst.FunctionDef, new: cst.Param) -> cst.Parameters:
    """``new`` as a keyword-only parameter (adds the bare ``*`` when needed)."""
    p = fn.params
    if p.star_kwarg is not None or isinstance(p.star_arg, cst.Param):
        raise ValueError("varargs")
    if p.kwonly_params:
        kw = list(p.kwonly_params)
        return p.with_changes(kwonly_params=_relayout(kw + [new], kw))
    old = list(p.params)
    sep = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if len(old) > 1 and isinstance(old[0].comma, cst.Comma):
        sep = old[0].comma
    params = old[:-1] + [old[-1].with_changes(comma=sep)] if old else []
    last = old[-1].comma if old else cst.MaybeSentinel.DEFAULT
    return p.with_changes(params=params, star_arg=cst.ParamStar(comma=sep), kwonly_params=[new.with_changes(comma=last)])


def name_uses(node: cst.CSTNode, name: str) -> int:
    """How often ``name`` is used as a bare Name inside ``node`` (its body)."""
    class _Count(cst.CSTVisitor):
        n = 0

        def visit_Name(self, n):
            if n.value == name:
                _Count.n += 1

        def visit_Param(self, n):
            return False

        def visit_Arg(self, n):  # ``f(name=...)``: the keyword is not a use
            n.value.visit(self)
            return False

        def visit_Attribute(self, n):  # ``x.name``: nor is an attribute
            n.value.visit(self)
            return False

    _Count.n = 0
    node.visit(_Count())
    return _Count.n


def is_super_call(call: cst.Call, method: str) -> bool:
    f = call.func
    return (isinstance(f, cst.Attribute) and f.attr.value == method and isinstance(f.value, cst.Call)
            and isinstance(f.value.func, cst.Name) and f.value.func.value == "super")


def ast_methods(tree: ast.AST, method: str):
    """(class node, method node) for every ``def method`` directly in a class body."""
    for cls in nodes_of(tree, ast.ClassDef):
        for item in cls.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == method:
                yield cls, item


class OverrideSignatureCodemod(Codemod):
    method: ClassVar[str] = ""
    bases: ClassVar[tuple[str, ...]] = ()  # empty: any class
    base_suffixes: ClassVar[tuple[str, ...]] = ()
    # prunable: the triggers are (parts of) the method's name, so its class and its def stay in view;
    # what new_params() reads of the def's body it reads whole (helpers walking one node are not pruned)

    def ast_needs_change(self, fn: ast.FunctionDef) -> bool:
        """Cheap check on the ``def``'s ast node (``confirm``)."""
        return True

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext) -> cst.Parameters | None:
        return None

    def new_super_call(self, call: cst.Call, fn: cst.FunctionDef, ctx: FileContext) -> cst.Call:
        return call

    def after(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        """Called when something changed (e.g. to add an import)."""
        return module

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        bound = None
        for cls, fn in ast_methods(tree, self.method):
            if not self.ast_needs_change(fn):
                continue
            if not self.bases:
                return True
            if bound is None:
                bound = ast_import_targets(tree)
            if self.ast_class_may_match(cls, bound):
                return True
        return False

    def ast_class_may_match(self, cls: ast.ClassDef, bound) -> bool:
        """``class_matches`` on the ``ast`` (or more): a base with one of the last names or suffixes,
        or one that resolves to one of ``bases`` through the imports (``bound``: ``ast_import_targets``)."""
        lasts = {b.rpartition(".")[2] for b in self.bases}

        def named(chain: str) -> bool:
            last = chain.rpartition(".")[2]
            return last in lasts or any(last.endswith(s) for s in self.base_suffixes)

        return ast_bases_may_match(cls, bound, self.bases, named)

    def class_matches(self, cls: cst.ClassDef, index: ImportIndex) -> bool:
        if not self.bases:
            return True
        lasts = {b.rpartition(".")[2] for b in self.bases}
        for arg in cls.bases:
            chain = dotted(arg.value)
            if chain is None:
                continue
            qual = index.resolve(arg.value)
            last = chain.rpartition(".")[2]
            if qual in self.bases or last in lasts or any(last.endswith(s) for s in self.base_suffixes):
                return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        t = _SignatureTransformer(self, index, ctx)
        new = module.visit(t)
        return self.after(new, ctx) if t.changed else new


class _SignatureTransformer(cst.CSTTransformer):
    def __init__(self, codemod: OverrideSignatureCodemod, index: ImportIndex, ctx: FileContext):
        self.c, self.index, self.ctx = codemod, index, ctx
        self.scopes: list[tuple[str, object]] = []  # ("class", matches) / ("fn", our def or None)
        self.changed = False

    def visit_ClassDef(self, node):
        self.scopes.append(("class", self.c.class_matches(node, self.index)))

    def leave_ClassDef(self, original, updated):
        self.scopes.pop()
        return updated

    def visit_FunctionDef(self, node):
        ours = bool(self.scopes) and self.scopes[-1] == ("class", True) and node.name.value == self.c.method
        self.scopes.append(("fn", node if ours else None))

    def leave_FunctionDef(self, original, updated):
        _, fn = self.scopes.pop()
        if fn is None or has_varargs(original):
            return updated
        params = self.c.new_params(original, self.ctx)
        if params is None:
            return updated
        self.changed = True
        return updated.with_changes(params=params)

    def _current(self):
        for kind, value in reversed(self.scopes):
            if kind == "fn":
                return value
        return None

    def leave_Call(self, original, updated):
        current = self._current()
        if current is None or not is_super_call(updated, self.c.method) or has_varargs(current):
            return updated
        quiet = FileContext(self.ctx.path, self.ctx.kind, target=self.ctx.target)
        if self.c.new_params(current, quiet) is None:
            return updated  # the def stays as it is: so do its super() calls
        new = self.c.new_super_call(updated, current, self.ctx)
        if new is not updated:
            self.changed = True
        return new
