"""Codemod: django.utils.itercompat.is_iterable(x) -> isinstance(x, collections.abc.Iterable)."""

from __future__ import annotations

import libcst as cst

from codemods.callrewrite import CallRewriteCodemod
from codemods.calls import keyword, positional
from codemods.imports import count_references, related_insert_index, remove_if_unused

MOD = "django.utils.itercompat"
OLD = f"{MOD}.is_iterable"


class IsIterable(CallRewriteCodemod):
    """Replace ``django.utils.itercompat.is_iterable(x)`` with ``isinstance(x, collections.abc.Iterable)``.

    What it does: each call ``is_iterable(x)`` (imported from ``django.utils.itercompat``, or as
    ``itercompat.is_iterable(x)``) becomes ``isinstance(x, Iterable)`` with
    ``from collections.abc import Iterable`` added (an existing import of it, or of
    ``collections.abc``, is reused). Where the name ``Iterable`` is already something else here
    (``from typing import Iterable``), the module form ``collections.abc.Iterable`` is written with
    ``import collections.abc``. The old import is
    dropped once unused. Left alone and reported: calls with ``*args`` / ``**kwargs`` or other
    arguments, a module that rebinds ``isinstance``, names it cannot write safely, and any use that
    is not a call (``checks = [is_iterable]``), since the module itself is removed.

    Why: Django 5.1 deprecated ``is_iterable()`` and the ``django.utils.itercompat`` module
    (``RemovedInDjango60Warning``: "django.utils.itercompat.is_iterable() is deprecated. Use
    isinstance(..., collections.abc.Iterable) instead."); 6.0 removed the module.

    Behaviour: ``is_iterable(x)`` called ``iter(x)``; ``isinstance(x, Iterable)`` checks for an
    ``__iter__`` method. They differ for objects that are iterable only through the old sequence
    protocol (a ``__getitem__`` without ``__iter__``): ``is_iterable`` said True, ``isinstance``
    says False. ``isinstance`` also no longer calls the object's ``__iter__`` (no side effects, no
    exception other than ``TypeError`` escaping from it). This is the replacement Django's
    deprecation message names.

    Example::

        # before
        from django.utils.itercompat import is_iterable
        if is_iterable(value):
            ...

        # after
        from collections.abc import Iterable
        if isinstance(value, Iterable):
            ...

    Django versions: ``collections.abc`` works on every release the tool knows; needed before 6.0.
    """

    local_statements = False  # (its own transform: not audited for statement elision)

    name = "is_iterable"
    changes = ("is-iterable",)
    available_from = "1.11"
    removed_in = "6.0"
    triggers = ("is_iterable",)
    kinds = frozenset({"python"})
    migrations = True
    callables = (OLD,)

    def transform(self, module, ctx):
        self._module_import = False
        return super().transform(module, ctx)

    def rewrite(self, call, qual, ctx, edit):
        pos = positional(call)
        arg = pos[0] if pos else keyword(call, "x")
        if any(a.star for a in call.args) or arg is None or len(call.args) != 1:
            edit.report("is_iterable() with these arguments: write isinstance(x, collections.abc.Iterable) by hand")
            return None
        if "isinstance" in edit.index.bindings or "isinstance" in edit.index.other_bound:
            edit.report("'isinstance' is rebound in this module: write the isinstance() check by hand")
            return None
        index = edit.index
        abc = index.binding("collections")
        if "Iterable" not in index.bindings and abc is not None and abc.kind == "import" \
                and abc.module == "collections.abc" and not index.unsure_reason("collections"):
            iterable = "collections.abc.Iterable"  # the module already imports collections.abc: use it
        else:
            iterable = edit.name_for("collections.abc.Iterable")
        if iterable is None:
            iterable = self._module_form(edit)
            if iterable is None:
                edit.report("the names Iterable / collections are taken here: "
                            "write isinstance(x, collections.abc.Iterable) by hand")
                return None
        return cst.Call(
            func=cst.Name("isinstance"),
            args=[cst.Arg(arg.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                  cst.Arg(cst.parse_expression(iterable))],
            lpar=call.lpar, rpar=call.rpar,
        )

    def _module_form(self, edit) -> str | None:
        index = edit.index
        found = index.bindings.get("collections") or []
        if found:
            ok = len(found) == 1 and found[0].kind == "import" and found[0].module == "collections.abc" \
                and not index.unsure_reason("collections")
            return "collections.abc.Iterable" if ok else None
        if "collections" in index.other_bound:
            return None
        self._module_import = True
        return "collections.abc.Iterable"

    def after(self, module, index, ctx):
        if self._module_import:
            body = list(module.body)
            body.insert(related_insert_index(module, "collections"), cst.parse_statement("import collections.abc\n"))
            module = module.with_changes(body=body)
        for bs in list(index.bindings.values()):
            for b in bs:
                if b.kind == "from" and b.qualname == OLD:
                    module = remove_if_unused(module, MOD, "is_iterable", b.local)
                elif b.kind == "from" and b.qualname == MOD:
                    module = remove_if_unused(module, "django.utils", "itercompat", b.local)
                else:
                    continue
                if count_references(module, b.local):
                    ctx.report(b.local, f"'{b.local}' ({b.qualname}) is still used here and {MOD} is removed in "
                                        "Django 6.0: rewrite it by hand")
        for bs in index.bindings.values():
            for b in bs:
                if b.kind == "import" and (b.module == MOD or b.module.startswith(MOD + ".")):
                    ctx.report(b.local, f"'import {b.module}': the module is removed in Django 6.0; remove the import by hand")
        return module
