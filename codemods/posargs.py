"""A declarative base for "these positional arguments must now be passed by keyword" codemods.

    class SignerPositionalArgs(PositionalToKeywordCodemod):
        signatures = {
            "django.core.signing.Signer": (0, ("key", "sep", "salt", "algorithm", "fallback_keys")),
        }

``signatures`` maps a callable's qualified name to (how many leading positional arguments stay
positional, the names of the following parameters in their old positional order). Calls that can be
proved to call one of them (through the module's imports) get their extra positional arguments
turned into keywords, and so do ``super().__init__(...)`` calls inside a class whose base is one of
the callables (a subclass passing its arguments on). Left alone and reported: ``*args`` (positions
can't be known), more positional arguments than the old signature had, a keyword that would be
passed twice, names from a star import or an unsure import.
"""

from __future__ import annotations

import ast
import functools
import re
from typing import ClassVar

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of, walk
from codemods.calls import ast_dotted, kwarg, may_call, with_args
from codemods.imports import ImportIndex
from codemods.keywords import resolve_call, star_source


@functools.lru_cache(maxsize=None)
def _class_re(names: tuple[str, ...]):
    return re.compile(r"\bclass\b[^:]*?\b(?:%s)\b" % "|".join(re.escape(n) for n in names))


def _imported_names(tree: ast.AST) -> tuple[set[str], bool]:
    """(the names imports bind anywhere in ``tree``, whether it has a star import)."""
    names, stars = set(), False
    for n in nodes_of(tree, ast.Import, ast.ImportFrom):
        for a in n.names:
            if a.name == "*":
                stars = True
            elif a.asname:
                names.add(a.asname)
            else:
                names.add(a.name.partition(".")[0] if isinstance(n, ast.Import) else a.name)
    return names, stars


class PositionalToKeywordCodemod(Codemod):
    signatures: ClassVar[dict[str, tuple[int, tuple[str, ...]]]] = {}

    def prune_needles(self) -> tuple[str, ...]:
        # super().__init__(...) in a subclass carries no trigger string; its class header names the
        # base (a trigger) and its method contains "__init__"
        base = super().prune_needles()
        return (*base, "__init__") if base else ()

    def prefilter(self, text: str) -> bool:
        """A trigger, and one of the callables written as a call or imported under an alias, or named
        in a class statement (a subclass whose ``super().__init__(...)`` confirm looks at)."""
        if not super().prefilter(text):
            return False
        names = tuple(sorted({q.rpartition(".")[2] for q in self.signatures}))
        return may_call(text, *names) or bool(_class_re(names).search(text))

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        allowed: dict[str, int] = {}  # callable name (or its alias) -> positional arguments it still takes
        for q, (k, _) in self.signatures.items():
            short = q.rpartition(".")[2]
            allowed[short] = min(k, allowed.get(short, k))
        for n in walk(tree):
            if isinstance(n, ast.ImportFrom):
                for a in n.names:
                    if a.asname and a.name in allowed:
                        allowed[a.asname] = allowed[a.name]
        names = set(allowed)
        imported, stars = _imported_names(tree)
        subclasses = []
        for node in walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                fname = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                if fname in names and len(node.args) > allowed[fname]:
                    # (the transform resolves the callee through an import: ``self.send_mail()`` is
                    # not one of these; a bare name may come from a star import)
                    chain = ast_dotted(f)
                    if chain and (chain.partition(".")[0] in imported or (stars and isinstance(f, ast.Name))):
                        return True
            elif isinstance(node, ast.ClassDef) and any(
                    (b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else None) in names
                    and (ast_dotted(b) or ".").partition(".")[0] in imported for b in node.bases):
                subclasses.append(node)  # (a base the transform resolves through an import)
        for cls in subclasses:  # super().__init__(...) with positional arguments in a subclass
            for node in ast.walk(cls):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr == "__init__" and node.args:
                    return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        return module.visit(_Transformer(self, index, ctx))

    def rewrite(self, call: cst.Call, qual: str, ctx: FileContext, skip_first: int = 0, where=None) -> cst.Call:
        """``call`` with its extra positional arguments as keywords; ``where``: the node findings name
        (the call as it is in the module, when ``call`` is an updated copy)."""
        where = call if where is None else where
        keep, names = self.signatures[qual]
        keep += skip_first
        args = list(call.args)
        if any(a.star == "*" for a in args):
            ctx.report(where, f"{qual.rpartition('.')[2]}(*args): pass the arguments after the first {keep - skip_first} by keyword by hand")
            return call
        pos = [a for a in args if a.keyword is None and not a.star]
        if len(pos) <= keep:
            return call
        extra = pos[keep:]
        if len(extra) > len(names):
            ctx.report(where, f"{qual.rpartition('.')[2]}() gets more positional arguments than it accepts: left alone")
            return call
        used = {a.keyword.value for a in args if a.keyword is not None}
        new_names = names[:len(extra)]
        if used & set(new_names):
            ctx.report(where, f"{qual.rpartition('.')[2]}(): an argument is passed both by position and keyword: left alone")
            return call
        converted = {id(a): kwarg(n, a.value).with_changes(comma=a.comma) for a, n in zip(extra, new_names)}
        new_args = [converted.get(id(a), a) for a in args]
        # keyword arguments must follow every positional one; they already do (Python syntax).
        return with_args(call, new_args)


class _Transformer(cst.CSTTransformer):
    def __init__(self, codemod: PositionalToKeywordCodemod, index: ImportIndex, ctx: FileContext):
        self.codemod, self.index, self.ctx = codemod, index, ctx
        self.class_bases: list[str | None] = []

    def visit_ClassDef(self, node: cst.ClassDef):
        base = None
        for arg in node.bases:
            qual, _ = resolve_call(self.index, arg.value)
            if qual in self.codemod.signatures:
                base = qual
        self.class_bases.append(base)

    def leave_ClassDef(self, original, updated):
        self.class_bases.pop()
        return updated

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        sigs = self.codemod.signatures
        func = original.func
        if isinstance(func, cst.Attribute) and func.attr.value == "__init__" and isinstance(func.value, cst.Call) \
                and isinstance(func.value.func, cst.Name) and func.value.func.value == "super" and not func.value.args:
            base = self.class_bases[-1] if self.class_bases else None
            if base:
                return self.codemod.rewrite(updated, base, self.ctx, where=original)
            return updated
        qual, reason = resolve_call(self.index, func)
        if qual in sigs:
            if reason is None:
                return self.codemod.rewrite(updated, qual, self.ctx, where=original)
        elif reason and self._may_be(func) and self._extra_positional(original, func):
            self.ctx.report(original, f"left alone: {reason}")
        elif qual is None and star_source(self.index, func, sigs):
            if len([a for a in original.args if a.keyword is None]) > min(k for k, _ in sigs.values()):
                self.ctx.report(original, f"'{func.value}' may come from a star import: pass its optional arguments by keyword by hand")
        return updated

    def _extra_positional(self, call: cst.Call, func) -> bool:
        """More positional arguments than the callee of that name keeps (else nothing to leave alone)."""
        short = func.value if isinstance(func, cst.Name) else func.attr.value
        keep = min((k for q, (k, _) in self.codemod.signatures.items() if q.rpartition(".")[2] == short), default=0)
        return len([a for a in call.args if a.keyword is None]) > keep

    def _may_be(self, func) -> bool:
        return isinstance(func, (cst.Name, cst.Attribute)) and \
            (func.value if isinstance(func, cst.Name) else func.attr.value) in {q.rpartition(".")[2] for q in self.codemod.signatures}
