"""Codemod: render_to_response(t, ctx) -> HttpResponse(render_to_string(t, ctx))."""

from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, FileContext
from codemods.calls import ast_calls_of, ast_imports_or_uses, kwarg
from codemods.imports import ImportIndex, add_from_import, dotted, remove_if_unused
from codemods.keywords import resolve_call, star_source
from codemods.names import name_for

OLD = "django.shortcuts.render_to_response"
_PARAMS = ("template_name", "context", "content_type", "status", "using")


class RenderToResponse(Codemod):
    """Replace ``render_to_response()`` with what it did: ``HttpResponse(render_to_string(...))``.

    What it does: ``render_to_response(template_name, context, content_type, status, using)``
    (positional or keyword) becomes ``HttpResponse(render_to_string(template_name, context,
    using=using), content_type=content_type, status=status)`` - the body of Django 2.2's
    ``render_to_response`` - importing ``HttpResponse`` (``django.http``) and ``render_to_string``
    (``django.template.loader``) and dropping the old import once unused. It deliberately does NOT
    write ``render(request, ...)``: ``render`` renders with a ``RequestContext``, so context
    processors would add (and may override) template variables - a behaviour change; switch to
    ``render`` by hand where you want that. Left alone and reported: ``*args`` / ``**kwargs``, the
    pre-1.10 ``context_instance`` / ``dictionary`` arguments, star or unsure imports, and modules where
    ``HttpResponse`` / ``render_to_string`` already name something else.

    Why: Django 2.0 deprecated ``render_to_response()`` (``RemovedInDjango30Warning``:
    "render_to_response() is deprecated in favor of render(). It has the same signature except that
    it also requires a request."); 3.0 removed it.

    Example::

        # before
        from django.shortcuts import render_to_response
        return render_to_response("shop/list.html", {"items": items})

        # after
        from django.http import HttpResponse
        from django.template.loader import render_to_string
        return HttpResponse(render_to_string("shop/list.html", {"items": items}))

    Django versions: the replacement works on every release the tool knows; needed before 3.0.
    """

    name = "render_to_response"
    changes = ("render-to-response",)
    available_from = "1.11"
    removed_in = "3.0"
    triggers = ("render_to_response",)
    kinds = frozenset({"python"})
    migrations = False

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(True for _ in ast_calls_of(tree, OLD)) or ast_imports_or_uses(
            tree, ("django.shortcuts",), ("render_to_response",), attributes=False)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        t = _Rewrite(index, ctx)
        new = module.visit(t)
        if not t.changed:
            return module
        for mod, name in t.imports:
            new = add_from_import(new, mod, name)
        for local in index.locals_for(OLD):
            new = remove_if_unused(new, "django.shortcuts", "render_to_response", local)
        return new


class _Rewrite(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx
        self.changed = False
        self.imports: list[tuple[str, str]] = []
        self.reported: set[str] = set()

    def _names(self, original):
        resp = name_for(self.index, "django.http.HttpResponse", ("django.http.response.HttpResponse",))
        rts = name_for(self.index, "django.template.loader.render_to_string")
        if resp is None or rts is None:
            taken = "HttpResponse" if resp is None else "render_to_string"
            self.ctx.report(original, f"the name {taken} means something else here: rewrite render_to_response() by hand")
            return None
        return resp, rts

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        chain = dotted(updated.func)
        if chain is None or not chain.endswith("render_to_response"):
            return updated
        qual, reason = resolve_call(self.index, updated.func)
        if qual != OLD:
            if reason and reason not in self.reported:
                self.reported.add(reason)
                self.ctx.report(original, f"left render_to_response() alone: {reason}")
            elif qual is None and star_source(self.index, updated.func, (OLD,)):
                self.ctx.report(original, "render_to_response may come from a star import: rewrite it by hand")
            return updated
        if any(a.star for a in updated.args):
            self.ctx.report(original, "render_to_response(*args/**kwargs): rewrite it by hand")
            return updated
        values: dict[str, cst.BaseExpression] = {}
        for i, a in enumerate(updated.args):
            key = a.keyword.value if a.keyword is not None else (_PARAMS[i] if i < len(_PARAMS) else None)
            if key not in _PARAMS:
                self.ctx.report(original, f"render_to_response() with {key or 'extra'} argument (removed in Django 1.10): "
                                          "rewrite it by hand")
                return updated
            values[key] = a.value
        if "template_name" not in values:
            return updated
        names = self._names(original)
        if names is None:
            return updated
        (resp, resp_imp), (rts, rts_imp) = names
        inner = [cst.Arg(values["template_name"])]
        if "context" in values:
            inner.append(cst.Arg(values["context"]))
        if "using" in values:
            inner.append(kwarg("using", values["using"]))
        inner = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in inner[:-1]] + inner[-1:]
        rendered = cst.Call(func=cst.Name(rts), args=inner)
        outer = [cst.Arg(rendered)]
        for key in ("content_type", "status"):
            if key in values:
                outer.append(kwarg(key, values[key]))
        outer = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in outer[:-1]] + outer[-1:]
        self.imports += [imp for imp in (resp_imp, rts_imp) if imp and imp not in self.imports]
        self.changed = True
        return cst.Call(func=cst.Name(resp), args=outer, lpar=updated.lpar, rpar=updated.rpar)
