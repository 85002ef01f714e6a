"""Codemod: assertFormError(response, "form", ...) -> assertFormError(response.context["form"], ...)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, walk
from codemods.calls import has_star, keyword, positional, with_args

# method -> (number of positional parameters of the OLD signature, name of the form parameter)
METHODS = {"assertFormError": 4, "assertFormsetError": 5, "assertFormSetError": 5}


def _is_old_signature(call: cst.Call, old_count: int) -> bool:
    pos = len(positional(call))
    kws = {a.keyword.value for a in call.args if a.keyword is not None}
    if pos >= old_count:
        return True
    # old: (response, form, field, errors) ; the trailing ones may be keywords
    old_names = ["response", "form", "field", "errors"] if old_count == 4 else ["response", "formset", "form_index", "field", "errors"]
    return pos >= 2 and all(n in kws for n in old_names[pos:]) and bool(kws & set(old_names[pos:]))


def _ast_needs_work(call: ast.Call, old_count: int) -> bool:
    """The ``ast`` twin of what the transformer changes or reports: ``*args``/``**kwargs``, ``response=``,
    the old positional/keyword signature, ``errors=None``."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return True
    kws = {k.arg for k in call.keywords}
    if "response" in kws:
        return True
    pos = len(call.args)
    old_names = ["response", "form", "field", "errors"] if old_count == 4 else ["response", "formset", "form_index", "field", "errors"]
    if pos >= old_count or (pos >= 2 and all(n in kws for n in old_names[pos:]) and kws & set(old_names[pos:])):
        return True
    errors_index = old_count - 2
    errors = next((k.value for k in call.keywords if k.arg == "errors"), call.args[errors_index] if pos > errors_index else None)
    return isinstance(errors, ast.Constant) and errors.value is None


class AssertFormError(Codemod):
    """Move ``assertFormError()`` / ``assertFormsetError()`` to the form-based signature.

    What it does: in test methods, ``self.assertFormError(response, "form", "field", errors)``
    becomes ``self.assertFormError(response.context["form"], "field", errors)`` (the same for
    ``assertFormsetError(response, "formset", index, field, errors)``), and ``errors=None`` becomes
    ``errors=[]``. Calls passing ``response=`` by keyword or ``*args`` are left alone and reported.

    Why: Django 4.1 deprecated passing a response and a context name
    (``RemovedInDjango50Warning``), and ``errors=None``; both were removed in Django 5.0.

    Example::

        # before
        self.assertFormError(response, "form", "email", "Enter a valid email address.")

        # after
        self.assertFormError(response.context["form"], "email", "Enter a valid email address.")

    Django versions: the form-based signature exists since Django 4.1; needed before 5.0.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "assert_form_error"
    changes = ("assertformerror-response", "assertformerror-errors-none")
    available_from = "4.1"
    removed_in = "5.0"
    triggers = ("assertFormError", "assertFormsetError", "assertFormSetError")
    kinds = frozenset({"python"})
    migrations = False

    def confirm(self, tree, text, ctx) -> bool:
        """A call in the old form (or one to report): calls already in the new form leave the file alone."""
        for node in walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in METHODS:
                if _ast_needs_work(node, METHODS[node.func.attr]):
                    return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Transformer(ctx))


class _Transformer(cst.CSTTransformer):
    def __init__(self, ctx):
        self.ctx = ctx

    def leave_Call(self, original, updated):
        func = updated.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in METHODS):
            return updated
        if has_star(updated):
            self.ctx.report(original, f"{func.attr.value}(*args/**kwargs) left alone")
            return updated
        if keyword(updated, "response") is not None:
            self.ctx.report(original, f"{func.attr.value}(response=...) left alone: pass response.context[...] by hand")
            return updated
        old_count = METHODS[func.attr.value]
        if _is_old_signature(updated, old_count):
            pos = positional(updated)
            response, form = pos[0].value, pos[1].value
            code = cst.Module(body=[]).code_for_node
            subscript = cst.parse_expression(f"{code(response)}.context[{code(form)}]")
            args = [cst.Arg(value=subscript), *updated.args[2:]]
            updated = with_args(updated, args)
        # errors=None -> errors=[]
        errors_index = old_count - 2  # position of errors in the NEW signature
        new_args = list(updated.args)
        changed = False
        for i, a in enumerate(new_args):
            is_errors = (a.keyword is not None and a.keyword.value == "errors") or (a.keyword is None and i == errors_index)
            if is_errors and isinstance(a.value, cst.Name) and a.value.value == "None":
                new_args[i] = a.with_changes(value=cst.List(elements=[]))
                changed = True
        if changed:
            updated = updated.with_changes(args=new_args)
        return updated
