"""Codemod: django.utils.six uses -> plain Python 3 (only when every use in the file is known)."""

from __future__ import annotations

import ast
import re

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.confirmed_needles import NeedlesFromConfirm
from codemods.imports import ImportIndex, add_from_import, dotted, remove_from_import
from codemods.old_name_uses import ImportDepth
from codemods.scanned_text import word_start

SIX = "django.utils.six"
_SIX_WORD = re.compile(word_start("six") + r"\b")  # (every import of the module writes it so; "posix" does not)

#: six attribute -> Python 3 expression (six 1.10/1.11 as vendored by Django, on Python 3)
VALUES = {
    "text_type": "str", "string_types": "(str,)", "integer_types": "(int,)", "class_types": "(type,)",
    "binary_type": "bytes", "PY2": "False", "PY3": "True", "unichr": "chr",
    "moves.range": "range", "moves.xrange": "range", "moves.zip": "zip", "moves.map": "map",
    "moves.filter": "filter", "moves.input": "input", "moves.reduce": "functools.reduce",
    "StringIO": "io.StringIO", "BytesIO": "io.BytesIO",
}
#: six function -> how its one-argument call reads in Python 3 ("{}" is the argument)
CALLS = {"iteritems": "iter({}.items())", "itervalues": "iter({}.values())", "iterkeys": "iter({}.keys())",
         "u": "{}"}
#: modules to import for a value ("io.StringIO" needs "import io")
_MODULES = ("io", "functools")
_URLLIB = "moves.urllib.parse."


def _builtins_used(value: str) -> set[str]:
    return {n for n in ("str", "int", "type", "bytes", "chr", "range", "zip", "map", "filter", "input", "iter")
            if n in value}


class UtilsSix(NeedlesFromConfirm, Codemod):
    """Replace ``django.utils.six`` with the Python 3 code it stood for - all or nothing per file.

    What it does: rewrites the uses of Django's vendored ``six`` that have one exact Python 3 meaning
    (``six.text_type`` -> ``str``, ``six.string_types`` -> ``(str,)``, ``integer_types``,
    ``binary_type``, ``PY2`` / ``PY3`` -> ``False`` / ``True``, ``six.iteritems(d)`` ->
    ``iter(d.items())`` (also ``itervalues`` / ``iterkeys``), ``six.u(s)`` -> ``s``, ``unichr`` -> ``chr``,
    ``six.moves.range`` / ``zip`` / ``map`` / ``filter`` / ``input`` -> the builtins, ``StringIO`` /
    ``BytesIO`` -> ``io``, ``six.moves.urllib.parse.X`` -> ``urllib.parse.X``, and
    ``@six.python_2_unicode_compatible`` -> removed (an identity decorator on Python 3)) through
    ``from django.utils import six``, ``from django.utils.six import ...`` and
    ``from django.utils.six.moves(.urllib.parse) import ...``; the six imports are removed. A file
    using anything else of six (``with_metaclass``, ``add_metaclass``, ``reraise``, ``b()``, ...),
    importing it inside ``try:`` / a function, star-importing it, or rebinding a builtin the rewrite
    would use is reported and left ENTIRELY alone (install the ``six`` package and import it instead,
    or port it by hand).

    Why: ``django.utils.six`` was a private Python 2 compatibility copy of ``six``; Django 3.0 removed
    it without a deprecation period (``ModuleNotFoundError: No module named 'django.utils.six'``).

    Example::

        # before
        from django.utils import six
        if isinstance(value, six.string_types):
            for k, v in six.iteritems(data):
                ...

        # after
        if isinstance(value, (str,)):
            for k, v in iter(data.items()):
                ...

    Django versions: Python 3 code runs on every release the tool plans for; needed before 3.0.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "utils_six"
    changes = ("utils-six",)
    available_from = "1.11"
    removed_in = "3.0"
    triggers = ("six",)
    kinds = frozenset({"python"})
    migrations = True
    # prune needles (NeedlesFromConfirm): a use of a name imported from six (text_type, range, ...) holds no
    # fixed trigger: the needles are the names this file binds from six (``_names``, read by confirm())

    def prefilter(self, text: str) -> bool:
        return "six" in text and _SIX_WORD.search(text) is not None

    def confirm(self, tree, text, ctx) -> bool:
        self._names = None
        if tree is None:
            return True
        names: set[str] = set()
        found = False
        for n in nodes_of(tree, ast.ImportFrom, ast.Import):
            if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("django.utils"):
                whole = (n.module or "").startswith(SIX)
                for a in n.names:
                    if whole or a.name == "six":
                        found = True
                        if a.name != "*":
                            names.add(a.asname or a.name)
            elif isinstance(n, ast.Import):
                for a in n.names:
                    if a.name.startswith(SIX):
                        found = True
                        names.add(a.asname or a.name.split(".")[0])
        if found:
            self._names = tuple(sorted(names))
        return found

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        locals_: dict[str, str] = {}  # local name -> six path ("" for the module, "text_type", "moves.range", ...)
        for local, bindings in index.bindings.items():
            for b in bindings:
                if b.kind == "import" and (b.module == SIX or b.module.startswith(SIX + ".")):
                    ctx.report(local, f"'import {b.module}': rewrite the six uses by hand")
                    return module
            for b in bindings:
                q = b.qualname
                if q == SIX or q.startswith(SIX + "."):
                    if b.kind != "from":
                        ctx.report(local, f"'import {b.module}': rewrite the six uses by hand")
                        return module
                    reason = index.unsure_reason(local)
                    if reason:
                        ctx.report(local, f"left django.utils.six alone: {reason}")
                        return module
                    locals_[local] = q[len(SIX) + 1:] if q != SIX else ""
        if any(index.star_imports(m) for m in (SIX, SIX + ".moves")):
            ctx.report(1, "django.utils.six is star-imported: port it by hand")
            return module
        if not locals_:
            return module
        t = _Rewrite(locals_)
        new = module.visit(t)
        if t.unknown:
            ctx.report(1, f"six.{sorted(t.unknown)[0]} has no single Python 3 spelling here: install the six package "
                          "(import six) or port this file by hand")
            return module
        # (``in``, not ``&``: other_bound also asks the definitions hidden from libcst, see codemods.elide)
        taken = {n for n in set().union(*(_builtins_used(v) for v in t.used)) if n in index.other_bound}
        if "urllib" in t.used and ("urllib" in index.other_bound or any(
                b.qualname not in ("urllib", "urllib.parse") and not b.qualname.startswith(SIX)
                for b in index.bindings.get("urllib", []))):
            taken.add("urllib")
        clash = {n for n in t.urllib if n in index.other_bound or any(
            not b.qualname.startswith(SIX) for b in index.bindings.get(n, []))}
        taken |= clash
        if taken:
            ctx.report(1, f"this module rebinds {', '.join(sorted(taken))}: rewrite the six uses by hand")
            return module
        for local, path in locals_.items():
            b = index.binding(local)
            new = remove_from_import(new, b.module, b.name, asname=None if local == b.name else local)
        for mod in sorted(t.modules):
            head = mod.split(".")[0]
            have = [b for b in index.bindings.get(head, []) if b.kind == "import" and
                    (b.qualname == mod or b.module == mod)]
            if head in index.other_bound or any(b.qualname != head and not b.qualname.startswith(SIX)
                                                 for b in index.bindings.get(head, []) if b.kind == "from"):
                ctx.report(1, f"the name {head} is taken here: rewrite the six uses by hand")
                return module
            if not have:
                body = list(new.body)
                from codemods.imports import _related_insert_index

                body.insert(_related_insert_index(new, mod), cst.parse_statement(f"import {mod}\n"))
                new = new.with_changes(body=body)
        for name in sorted(t.urllib):
            new = add_from_import(new, "urllib.parse", name)
        return new


class _Rewrite(ImportDepth):
    def __init__(self, locals_: dict[str, str]):
        super().__init__()
        self.locals = locals_
        self.unknown: set[str] = set()
        self.used: set[str] = set()
        self.modules: set[str] = set()
        self.urllib: set[str] = set()
        self.inner: set[int] = set()
        self.in_import = 0

    def _path(self, node) -> str | None:
        chain = dotted(node)
        if chain is None:
            return None
        head, _, rest = chain.partition(".")
        if head not in self.locals:
            return None
        base = self.locals[head]
        return ".".join(p for p in (base, rest) if p)

    def _value(self, path: str, local: str | None = None) -> cst.BaseExpression | None:
        """The Python 3 expression for a six path; ``local``: the bare name it was imported as."""
        if path in VALUES:
            value = VALUES[path]
            self.used.add(value)
            mod = value.split(".")[0]
            if mod in _MODULES:
                self.modules.add(mod)
            return cst.parse_expression(value)
        if path.startswith(_URLLIB) and path.count(".") == 3:
            name = path.rpartition(".")[2]
            if local is not None:
                if local != name:
                    return None  # ``import urlencode as enc``: keep it simple, report
                self.urllib.add(name)
                return cst.Name(name)
            self.modules.add("urllib.parse")
            self.used.add("urllib")
            return cst.parse_expression(f"urllib.parse.{name}")
        return None

    def visit_Attribute(self, node):
        if self._path(node) is not None:  # inner links of a six chain are judged with the whole chain
            inner = node.value
            while isinstance(inner, cst.Attribute):
                self.inner.add(id(inner))
                inner = inner.value

    def leave_Decorator(self, original, updated):
        path = self._path(updated.decorator)
        if path == "python_2_unicode_compatible":
            return cst.RemoveFromParent()
        return updated

    def leave_Call(self, original, updated):
        path = self._path(updated.func)
        if path in CALLS:
            if len(updated.args) != 1 or updated.args[0].keyword or updated.args[0].star:
                self.unknown.add(path)
                return updated
            arg = updated.args[0].value
            text = CALLS[path]
            self.used.add(text)
            if text == "{}":
                return arg
            method = text.split(".")[1].split("(")[0]
            receiver = arg if isinstance(arg, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) else \
                arg.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
            inner = cst.Call(func=cst.Attribute(value=receiver, attr=cst.Name(method)))
            return cst.Call(func=cst.Name("iter"), args=[cst.Arg(inner)])
        return updated

    def leave_Attribute(self, original, updated):
        if self.in_import or id(original) in self.inner:
            return updated
        path = self._path(original)
        if path is None or path in CALLS or path == "python_2_unicode_compatible":
            return updated
        value = self._value(path)
        if value is None:
            self.unknown.add(path or "six")
            return updated
        return value

    def leave_Name(self, original, updated):
        if self.in_import or updated.value not in self.locals:
            return updated
        path = self.locals[updated.value]
        if path in CALLS or path == "python_2_unicode_compatible":
            return updated  # handled by leave_Call / leave_Decorator (a bare reference stays: reported below)
        if not path or path.count(".") < (3 if path.startswith("moves.urllib") else 0) or path in ("moves",):
            return updated  # a module (six, six.moves, ...): the attribute chain around it decides
        value = self._value(path, updated.value)
        if value is None:
            self.unknown.add(path)
            return updated
        return value

    def leave_Module(self, original, updated):
        # any six name still referenced (outside imports) is something the table does not cover
        same = {local for local, path in self.locals.items()  # from six.moves import range: range stays range
                if VALUES.get(path) == local or (path.startswith(_URLLIB) and path.rpartition(".")[2] == local)}
        remaining = _Refs(set(self.locals) - same)
        updated.visit(remaining)
        for name in remaining.found:
            self.unknown.add(self.locals[name] or "<module>")
        return updated


class _Refs(cst.CSTVisitor):
    def __init__(self, names: set[str]):
        self.names, self.found = names, set()

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def visit_Attribute(self, node):
        node.value.visit(self)
        return False

    def visit_Name(self, node):
        if node.value in self.names:
            self.found.add(node.value)
