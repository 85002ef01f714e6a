"""Codemod: django.utils.timezone.FixedOffset(offset, name) -> datetime.timezone(timedelta(minutes=offset), name)."""

from __future__ import annotations

import libcst as cst

from codemods.calls import keyword, positional
from codemods.callrewrite import CallRewriteCodemod
from codemods.imports import _related_insert_index, remove_if_unused

OLD = "django.utils.timezone.FixedOffset"


class FixedOffset(CallRewriteCodemod):
    """Replace ``timezone.FixedOffset(offset, name)`` with ``datetime.timezone(timedelta(minutes=offset), name)``.

    What it does: a call of ``django.utils.timezone.FixedOffset`` with an offset in minutes (and an
    optional name) becomes a standard-library ``datetime.timezone`` with the same UTC offset and
    ``tzname()``. ``timezone`` / ``timedelta`` are imported from ``datetime``; where the name
    ``timezone`` is already Django's module (``from django.utils import timezone``), the module form
    ``datetime.timezone(datetime.timedelta(...))`` is written with an ``import datetime``. Left alone
    and reported: ``FixedOffset()`` without an offset, ``*args`` / ``**kwargs``, and modules where
    neither form can be written safely. Two small differences, both from Python's own class:
    ``dst()`` returns ``None`` instead of ``timedelta(0)``, and an unnamed zone's ``tzname()`` is
    ``"UTC+01:00"`` where ``FixedOffset`` raised ``AttributeError``.

    Why: Django 2.2 deprecated ``FixedOffset`` (``RemovedInDjango31Warning``: "FixedOffset is
    deprecated in favor of datetime.timezone"); 3.1 removed it.

    Example::

        # before
        from django.utils.timezone import FixedOffset
        tz = FixedOffset(330, "IST")

        # after
        from datetime import timedelta, timezone
        tz = timezone(timedelta(minutes=330), "IST")

    Django versions: ``datetime.timezone`` works on every Python 3; needed before 3.1.
    """

    local_statements = False  # (its own transform: not audited for statement elision)

    name = "fixed_offset"
    changes = ("fixedoffset",)
    available_from = "1.11"
    removed_in = "3.1"
    triggers = ("FixedOffset",)
    kinds = frozenset({"python"})
    migrations = True
    callables = (OLD,)

    def rewrite(self, call, qual, ctx, edit):
        pos = positional(call)
        if any(a.star for a in call.args):
            edit.report("FixedOffset(*args/**kwargs): use datetime.timezone by hand")
            return None
        offset = pos[0] if pos else keyword(call, "offset")
        name = pos[1] if len(pos) > 1 else keyword(call, "name")
        if offset is None or len(pos) > 2:
            edit.report("FixedOffset() without an offset: use datetime.timezone by hand")
            return None
        tz, td = edit.name_for("datetime.timezone"), edit.name_for("datetime.timedelta")
        if tz is None or td is None:
            edit.imports[:] = [i for i in edit.imports if i[0] != "datetime"]
            module_name = self._datetime_module(edit)
            if module_name is None:
                edit.report("the names timezone/timedelta/datetime are taken here: use datetime.timezone by hand")
                return None
            tz, td = f"{module_name}.timezone", f"{module_name}.timedelta"
        minutes = cst.Call(func=cst.parse_expression(td), args=[cst.Arg(offset.value, keyword=cst.Name("minutes"),
                           equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")))])
        args = [cst.Arg(minutes)]
        if name is not None and not (isinstance(name.value, cst.Name) and name.value.value == "None"):
            args = [args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), cst.Arg(name.value)]
        return cst.Call(func=cst.parse_expression(tz), args=args, lpar=call.lpar, rpar=call.rpar)

    def _datetime_module(self, edit) -> str | None:
        found = edit.index.bindings.get("datetime") or []
        if found:
            b = found[0]
            ok = len(found) == 1 and b.kind == "import" and b.qualname == "datetime" and not edit.index.unsure_reason("datetime")
            return "datetime" if ok else None
        if "datetime" in edit.index.other_bound:
            return None
        self._add_module_import = True
        return "datetime"

    def transform(self, module, ctx):
        self._add_module_import = False
        return super().transform(module, ctx)

    def after(self, module, index, ctx):
        if self._add_module_import:
            body = list(module.body)
            body.insert(_related_insert_index(module, "datetime"), cst.parse_statement("import datetime\n"))
            module = module.with_changes(body=body)
        for local in index.locals_for(OLD):
            module = remove_if_unused(module, "django.utils.timezone", "FixedOffset", local)
        return module
