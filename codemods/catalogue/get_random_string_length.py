"""Codemod: get_random_string() without a length -> get_random_string(length=12)."""

from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_calls_of, has_star, keyword, kwarg, may_call_any, positional
from codemods.imports import ImportIndex

QUALNAME = "django.utils.crypto.get_random_string"


class GetRandomStringLength(Codemod):
    """Pass ``length=12`` explicitly to ``get_random_string()`` calls that omit it.

    What it does: adds ``length=12`` - the old default - to calls of
    ``django.utils.crypto.get_random_string`` that pass no length, so the result is the same
    string length as before. Calls with ``*args`` / ``**kwargs`` are left alone and reported.

    Why: calling ``get_random_string()`` without ``length`` was deprecated in Django 3.1
    (``RemovedInDjango40Warning``); from Django 4.0 ``length`` is a required argument.

    Example::

        # before
        token = get_random_string()
        code = get_random_string(allowed_chars="0123456789")

        # after
        token = get_random_string(length=12)
        code = get_random_string(length=12, allowed_chars="0123456789")

    Django versions: ``length`` has always been accepted; needed before 4.0.
    """

    name = "get_random_string_length"
    changes = ("get-random-string-length",)
    available_from = "2.0"
    removed_in = "4.0"
    triggers = ("get_random_string",)
    kinds = frozenset({"python"})
    migrations = True

    def prefilter(self, text: str) -> bool:
        return may_call_any(text, (QUALNAME,))  # (the call, in a file naming its module: crypto)

    def confirm(self, tree, text, ctx) -> bool:
        return any(not c.args and not any(k.arg == "length" for k in c.keywords) for c in ast_calls_of(tree, QUALNAME))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        for local in index.locals_for(QUALNAME):
            reason = index.unsure_reason(local)
            if reason:
                ctx.report(local, f"get_random_string left alone: {reason}")
                return module
        return module.visit(_Transformer(index, ctx))


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx

    def leave_Call(self, original, updated):
        if self.index.resolve(original.func) != QUALNAME:
            return updated
        if has_star(updated):
            self.ctx.report(original, "get_random_string(*args/**kwargs): make sure a length is passed")
            return updated
        if positional(updated) or keyword(updated, "length") is not None:
            return updated
        arg = kwarg("length", cst.Integer("12"))
        if updated.args:
            arg = arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        return updated.with_changes(args=[arg, *updated.args])
