"""Codemod: django.utils.datetime_safe -> the standard library's datetime."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import FileContext, nodes_of
from codemods.calls import keyword, positional
from codemods.confirmed_needles import NeedlesFromConfirm
from codemods.imports import ImportIndex, dotted, remove_if_unused
from codemods.keywords import resolve_call
from codemods.removed_module import RemovedModuleRenameCodemod

MOD = "django.utils.datetime_safe"
_CLASSES = ("date", "datetime", "time")
_RECEIVERS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript)
_BY_HAND = {
    "new_date": "use datetime.date(d.year, d.month, d.day), or d itself where only its strftime() was wanted "
                "(Python 3's handles years before 1000, without zero padding)",
    "new_datetime": "use a datetime.datetime built from the parts of d, or d itself where only its strftime() was "
                    "wanted (Python 3's handles years before 1000, without zero padding)",
}


class DatetimeSafe(NeedlesFromConfirm, RemovedModuleRenameCodemod):
    """Replace ``django.utils.datetime_safe`` with the standard library's ``datetime``.

    What it does:

    * ``from django.utils.datetime_safe import date, datetime, time`` -> ``from datetime import ...``
      (aliases kept), and ``datetime_safe.date(...)`` attribute access -> ``date(...)`` with the
      import added; ``from django.utils import datetime_safe`` is dropped once unused;
    * ``datetime_safe.strftime(d, fmt)`` -> ``d.strftime(fmt)`` (the receiver is parenthesised when
      it is not a simple name, attribute, call or subscript).

    Left alone and reported: ``new_date()`` / ``new_datetime()`` and any other name of the module,
    ``strftime()`` calls with ``*args`` / ``**kwargs`` or other arguments, ``time`` used as
    ``time.attr`` (from Django 4.0 ``datetime_safe.time`` is the ``time`` *module* the file imports,
    up to 3.2 it was a subclass of ``datetime.time``: which one the code means can't be told), a star
    import of the module, ``import django.utils.datetime_safe``, imports in ``try:``, and names the
    module already binds to something else (``import datetime`` beside ``datetime_safe.datetime``).

    Why: the module only worked around ``strftime()`` for years before 1000 on Python 2; Django 4.0
    deprecated it (``RemovedInDjango50Warning``: "The django.utils.datetime_safe module is
    deprecated.") and 5.0 removed it (``ModuleNotFoundError``).

    Behaviour: the rewrite is exact for years >= 1000. For earlier years the stdlib ``strftime``
    writes ``%Y`` without zero padding on Linux (``'10'`` where ``datetime_safe`` wrote ``'0010'``;
    checked on CPython 3.6 to 3.13) and accepts ``%y`` / ``%s`` where ``datetime_safe`` raised
    ``TypeError``. ``datetime_safe.datetime.combine()`` and ``.date()`` returned the safe
    subclasses; the stdlib ones return plain ``datetime`` / ``date``.

    Example::

        # before
        from django.utils import datetime_safe
        from django.utils.datetime_safe import date
        label = datetime_safe.strftime(date(2020, 1, 31), "%Y-%m-%d")

        # after
        from datetime import date
        label = date(2020, 1, 31).strftime("%Y-%m-%d")

    Django versions: the stdlib works on every release; needed before 5.0.
    """

    local_statements = False  # (its own transform: not audited for statement elision)

    name = "datetime_safe"
    changes = ("datetime-safe",)
    available_from = "1.11"
    removed_in = "5.0"
    triggers = ("datetime_safe",)
    kinds = frozenset({"python"})
    migrations = True
    renames = {f"{MOD}.{n}": f"datetime.{n}" for n in _CLASSES}
    removed_modules = (MOD,)

    def prefilter(self, text: str) -> bool:
        return "datetime_safe" in text

    def confirm(self, tree, text, ctx) -> bool:
        """An import of the module; the needles (``NeedlesFromConfirm``) are ``datetime_safe`` and the
        local names the file binds from it: a statement using the module holds one of them (``date``
        and ``time`` only where the file imports those names, not in every file that says 'date')."""
        self._names = None
        if tree is None:
            return True
        found, names = False, set()
        for node in nodes_of(tree, ast.ImportFrom, ast.Import):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name == MOD or a.name.startswith(MOD + "."):
                        found = True
                        names.add(a.asname or a.name.split(".")[0])
            elif not node.level and node.module == MOD:
                found = True
                names.update(a.asname or a.name for a in node.names)
            elif not node.level and node.module == "django.utils":
                for a in node.names:
                    if a.name == "datetime_safe":
                        found = True
                        names.add(a.asname or a.name)
        if found:
            self._names = tuple(sorted(names))
        return found

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        if index.star_imports(MOD):
            ctx.report(1, f"'from {MOD} import *': import date / datetime from the datetime module by hand")
            return module
        if any(b.kind == "import" and (b.module == MOD or b.module.startswith(MOD + "."))
               for bs in index.bindings.values() for b in bs):
            return super().transform(module, ctx)  # reports the dotted import, changes nothing
        by_hand, time_attrs = _uses(module, index)
        rewriter = _Strftime(index, ctx)
        visited = module.visit(rewriter)
        changed = rewriter.rewrites > 0
        for local in index.locals_for(f"{MOD}.strftime"):
            kept, visited = visited, remove_if_unused(visited, MOD, "strftime", local)
            changed = changed or visited is not kept
        if changed:  # (a strftime() call rewritten, its import gone: the time attributes of the new code)
            module, time_attrs = visited, _time_attribute_uses(visited)
        # (else the module as it came: its import index is known, and the pipeline's ast answers for it)
        renames = self.renames
        if time_attrs:
            ctx.report(dotted(time_attrs[0].value).split(".")[0], f"left {MOD}.time alone: it is used as 'time.<attribute>' (the time module "
                                      "from Django 4.0, a datetime.time subclass before): import the one meant by hand")
            self.renames = {k: v for k, v in renames.items() if not k.endswith(".time")}
        try:
            module = super().transform(module, ctx)
        finally:
            self.renames = renames
        for node, name in by_hand:
            ctx.report(node, f"{MOD}.{name}() is removed in Django 5.0: {_BY_HAND.get(name, 'no stdlib equivalent')}")
        used = {name for _, name in by_hand}
        after = ImportIndex.build(module)
        for local, bs in after.bindings.items():
            for b in bs:
                if b.kind == "from" and b.module == MOD and b.name not in _CLASSES + ("strftime",) and b.name not in used:
                    ctx.report(local, f"{MOD}.{b.name} is removed in Django 5.0: "
                                      f"{_BY_HAND.get(b.name, 'no stdlib equivalent')}")
        return module


def _uses(module: cst.Module, index: ImportIndex) -> tuple[list[tuple[cst.CSTNode, str]], list[cst.Attribute]]:
    """In one walk: the uses (outside imports) of names of the module this codemod does not rewrite
    (``new_date`` ...), and the attributes read on the module's ``time`` (``_time_attribute_uses``)."""
    found: list[tuple[cst.CSTNode, str]] = []
    time_attrs: list[cst.Attribute] = []
    handled = _CLASSES + ("strftime",)

    class _Find(cst.CSTVisitor):
        inside = 0  # (within a member's own parts: not looked at as members again)

        def visit_Import(self, node):
            return False

        def visit_ImportFrom(self, node):
            return False

        def _member(self, node) -> bool:
            """Whether ``node`` names a member of the module (noted in ``found`` unless rewritten)."""
            qual = index.resolve(node)
            if qual and qual.startswith(MOD + ".") and qual.count(".") == MOD.count(".") + 1:
                name = qual.rpartition(".")[2]
                if name not in handled:
                    found.append((node, name))
                return True
            return False

        def visit_Attribute(self, node):
            if index.resolve(node.value) == f"{MOD}.time":
                time_attrs.append(node)
            if self.inside or self._member(node):
                self.inside += 1

        def leave_Attribute(self, node):
            if self.inside:
                self.inside -= 1

        def visit_Name(self, node):
            if not self.inside:
                self._member(node)

    module.visit(_Find())
    return found, time_attrs


def _time_attribute_uses(module: cst.Module) -> list[cst.Attribute]:
    index = ImportIndex.build(module)
    found: list[cst.Attribute] = []

    class _Find(cst.CSTVisitor):
        def visit_Attribute(self, node):
            if index.resolve(node.value) == f"{MOD}.time":
                found.append(node)

    module.visit(_Find())
    return found


class _Strftime(cst.CSTTransformer):
    """``datetime_safe.strftime(d, fmt)`` -> ``d.strftime(fmt)``."""

    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx
        self.reported: set[str] = set()
        self.rewrites = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        chain = dotted(updated.func)
        if chain is None or (chain.rpartition(".")[2] != "strftime" and self.index.resolve(updated.func) != f"{MOD}.strftime"):
            return updated
        qual, reason = resolve_call(self.index, updated.func)
        if qual != f"{MOD}.strftime":
            ours = any(b.module in (MOD, "django.utils") for b in self.index.bindings.get(chain.split(".")[0], ()))
            if reason and ours and reason not in self.reported:
                self.reported.add(reason)
                self.ctx.report(original, f"left {chain}() alone: {reason}")
            return updated
        pos = positional(updated)
        dt = pos[0] if pos else keyword(updated, "dt")
        fmt = pos[1] if len(pos) > 1 else keyword(updated, "fmt")
        if any(a.star for a in updated.args) or dt is None or fmt is None or len(updated.args) != 2:
            self.ctx.report(original, f"{chain}() with these arguments: write d.strftime(fmt) by hand")
            return updated
        receiver = dt.value
        self.rewrites += 1
        if not isinstance(receiver, _RECEIVERS) and not receiver.lpar:
            receiver = receiver.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return cst.Call(func=cst.Attribute(value=receiver, attr=cst.Name("strftime")),
                        args=[cst.Arg(fmt.value)], lpar=updated.lpar, rpar=updated.rpar)
