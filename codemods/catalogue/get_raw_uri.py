"""Codemod: request.get_raw_uri() -> request.build_absolute_uri()."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.imports import dotted

_REQUEST_NAMES = ("request", "req", "_request")


def _is_request(expr: cst.BaseExpression) -> bool:
    name = dotted(expr)
    return bool(name) and name.split(".")[-1] in _REQUEST_NAMES


class GetRawUri(Codemod):
    """Replace ``request.get_raw_uri()`` with ``request.build_absolute_uri()``.

    What it does: ``request.get_raw_uri()`` (also ``self.request`` / ``req`` / ``_request``)
    becomes ``request.build_absolute_uri()``. Left alone and reported: calls on receivers that are
    not plainly a request (``obj.get_raw_uri()``), calls with arguments, the method used without
    being called, and every use in a module that defines its own ``get_raw_uri`` (its callers may
    mean that one). Templates that print ``{{ request.get_raw_uri }}`` (custom copies of Django's
    ``technical_500`` templates) are not rewritten: change them to ``request.build_absolute_uri``
    by hand.

    Why: the undocumented ``HttpRequest.get_raw_uri()`` was removed in Django 4.0 without a
    deprecation period (``AttributeError``; "Backwards incompatible changes in 4.0").

    Behaviour: both return ``scheme://host/full/path?query``, with one difference:
    ``get_raw_uri()`` skipped the ``ALLOWED_HOSTS`` check (it used the raw ``Host`` header), while
    ``build_absolute_uri()`` goes through ``get_host()``, which raises ``DisallowedHost`` (a 400
    response) for a host not in ``ALLOWED_HOSTS``, and it IRI-encodes the result
    (``iri_to_uri``). Code that builds a URI while handling an error caused by a bad host (custom
    error reporting, logging filters) should catch ``DisallowedHost`` or build the string from
    ``request.scheme``, ``request.META["HTTP_HOST"]`` and ``request.get_full_path()`` by hand.

    Example::

        # before
        logger.warning("bad request to %s", request.get_raw_uri())

        # after
        logger.warning("bad request to %s", request.build_absolute_uri())

    Django versions: ``build_absolute_uri()`` works on every release the tool knows; needed before
    4.0.
    """

    name = "get_raw_uri"
    changes = ("httprequest-get-raw-uri",)
    available_from = "1.11"
    removed_in = "4.0"
    triggers = ("get_raw_uri",)
    kinds = frozenset({"python"})
    migrations = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(n.attr == "get_raw_uri" for n in nodes_of(tree, ast.Attribute))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        finder = _OwnDefinition()
        module.visit(finder)
        if finder.found is not None:
            ctx.report(finder.found, "this module defines its own get_raw_uri(): its callers may mean that one; "
                                     "rename to build_absolute_uri() by hand")
            return module
        return module.visit(_Rewrite(ctx))


class _OwnDefinition(cst.CSTVisitor):
    def __init__(self):
        self.found = None

    def visit_FunctionDef(self, node):
        if node.name.value == "get_raw_uri" and self.found is None:
            self.found = node


class _Rewrite(cst.CSTTransformer):
    def __init__(self, ctx: FileContext):
        self.ctx = ctx
        self.calls: set[int] = set()

    def visit_Call(self, node: cst.Call):
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "get_raw_uri":
            self.calls.add(id(node.func))

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        f = updated.func
        if not (isinstance(f, cst.Attribute) and f.attr.value == "get_raw_uri"):
            return updated
        if not _is_request(f.value):
            self.ctx.report(original, f"{dotted(f) or 'this'}(): not plainly a request; "
                                      "if it is an HttpRequest, call build_absolute_uri() by hand")
            return updated
        if updated.args:
            self.ctx.report(original, "get_raw_uri() with arguments: not Django's method; left alone")
            return updated
        return updated.with_changes(func=f.with_changes(attr=cst.Name("build_absolute_uri")))

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if updated.attr.value == "get_raw_uri" and id(original) not in self.calls:
            self.ctx.report(original, "get_raw_uri used without a call: use build_absolute_uri by hand")
        return updated
