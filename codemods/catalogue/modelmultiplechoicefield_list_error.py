"""Codemod: ModelMultipleChoiceField(error_messages={"list": ...}) -> {"invalid_list": ...}."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.calls import keyword, with_args
from codemods.callrewrite import CallRewriteCodemod


class ModelmultiplechoicefieldListError(CallRewriteCodemod):
    """Rename the ``"list"`` error message key of ``ModelMultipleChoiceField`` to ``"invalid_list"``.

    What it does: in ``forms.ModelMultipleChoiceField(..., error_messages={"list": msg})`` (a dict
    literal passed in the call) the key ``"list"`` becomes ``"invalid_list"``. Left alone and
    reported: a dict that has both keys, and ``error_messages`` built elsewhere (a variable).

    Why: Django 3.1 renamed the key (``RemovedInDjango40Warning``: "The 'list' error message key is
    deprecated in favor of 'invalid_list'."); 4.0 ignores ``"list"`` (the default message shows).

    Example::

        # before
        tags = forms.ModelMultipleChoiceField(Tag.objects.all(), error_messages={"list": "Pick tags."})

        # after
        tags = forms.ModelMultipleChoiceField(Tag.objects.all(), error_messages={"invalid_list": "Pick tags."})

    Django versions: ``"invalid_list"`` is read since Django 3.1 (targets >= 3.1 only); needed before 4.0.
    """

    name = "modelmultiplechoicefield_list_error"
    changes = ("modelmultiplechoicefield-list-error",)
    available_from = "3.1"
    removed_in = "4.0"
    triggers = ("ModelMultipleChoiceField",)
    kinds = frozenset({"python"})
    migrations = False
    callables = ("django.forms.ModelMultipleChoiceField", "django.forms.models.ModelMultipleChoiceField")

    def ast_wants(self, call: ast.Call) -> bool:
        return any(k.arg == "error_messages" for k in call.keywords)

    def rewrite(self, call, qual, ctx, edit):
        arg = keyword(call, "error_messages")
        if arg is None:
            return None
        if not isinstance(arg.value, cst.Dict):
            return None
        keys = [e.key.evaluated_value if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) else None
                for e in arg.value.elements]
        if "list" not in keys:
            return None
        if "invalid_list" in keys or any(not isinstance(e, cst.DictElement) for e in arg.value.elements):
            edit.report("error_messages has both 'list' and 'invalid_list' (or ** entries): merge them by hand")
            return None
        elements = []
        for e, k in zip(arg.value.elements, keys):
            if k == "list":
                q = e.key.quote
                e = e.with_changes(key=cst.SimpleString(f"{e.key.prefix}{q}invalid_list{q}"))
            elements.append(e)
        new = arg.with_changes(value=arg.value.with_changes(elements=elements))
        return with_args(call, [new if a is arg else a for a in call.args])
