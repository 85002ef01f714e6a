"""Codemod: response._headers["name"][1] -> response["name"]; "name" in response._headers -> response.has_header("name")."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of


class ResponsePrivateHeaders(Codemod):
    """Read a response's headers through its public API instead of the private ``_headers`` dict.

    What it does: in a module that imports from ``django``,

    - ``response._headers["location"][1]`` becomes ``response["location"]``;
    - ``"location" in response._headers`` becomes ``response.has_header("location")``, and
      ``not in`` becomes ``not response.has_header(...)``.

    The header name must be a lowercase string literal (``_headers`` was keyed by the lowercased
    name, and ``response[name]`` / ``has_header(name)`` lowercase theirs: on Django up to 3.1 the two
    forms are the same lookup). Any other use of ``_headers`` (the ``(name, value)`` tuple itself,
    ``.get()``, an assignment) is left for the detection to report; a module that sets ``_headers``
    itself (an own class with such an attribute) is left alone and reported.

    Why: up to 3.1 ``HttpResponse`` kept its headers in the undocumented ``_headers`` dict
    (``{lowercased name: (name, value)}``), and tests often read it. Django 3.2 stores them in
    ``HttpResponse.headers`` and drops ``_headers`` without a deprecation period: such a test fails
    with ``AttributeError: 'HttpResponseRedirect' object has no attribute '_headers'``.

    Example::

        # before
        self.assertTrue(response._headers["location"][1].startswith("/login/"))
        self.assertFalse("x-frame-options" in response._headers)

        # after
        self.assertTrue(response["location"].startswith("/login/"))
        self.assertFalse(response.has_header("x-frame-options"))

    Django versions: ``response[name]`` and ``has_header()`` work on every release the tool knows;
    needed before 3.2.
    """

    name = "response_private_headers"
    changes = ("response-private-headers",)
    available_from = "1.11"
    removed_in = "3.2"
    triggers = ("_headers",)
    kinds = frozenset({"python"})
    migrations = False
    confirm_decides = True  # (a module that imports from django: the receiver is taken to be a response)

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return _imports_django(tree) and any(True for _ in _rewritable(tree))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        own = _OwnHeaders()
        module.visit(own)
        if own.found is not None:
            ctx.report(own.found, "this module sets its own _headers: read the response's headers with "
                                  "response[name] / response.has_header(name) by hand")
            return module
        return module.visit(_Rewrite())


def _imports_django(tree: ast.Module) -> bool:
    for node in nodes_of(tree, ast.Import, ast.ImportFrom):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        if not getattr(node, "level", 0) and any(n == "django" or n.startswith("django.") for n in names):
            return True
    return False


def _header_name(node) -> str | None:
    """The lowercase header name of an ``ast.Constant`` string, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value and node.value == node.value.lower():
        return node.value
    return None


def _is_headers(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "_headers" and isinstance(node.ctx, ast.Load)


def _rewritable(tree: ast.Module):
    for node in nodes_of(tree, ast.Subscript, ast.Compare):
        if isinstance(node, ast.Subscript):
            inner = node.value
            if isinstance(node.ctx, ast.Load) and isinstance(node.slice, ast.Constant) and node.slice.value == 1 \
                    and type(node.slice.value) is int and isinstance(inner, ast.Subscript) \
                    and _is_headers(inner.value) and _header_name(inner.slice) is not None:
                yield node
        elif len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) \
                and _header_name(node.left) is not None and _is_headers(node.comparators[0]):
            yield node


# -- libcst ----------------------------------------------------------------------------------------

def _cst_header_name(node) -> bool:
    if not isinstance(node, cst.SimpleString):
        return False
    try:
        value = ast.literal_eval(node.value)
    except (ValueError, SyntaxError):
        return False
    return isinstance(value, str) and bool(value) and value == value.lower()


def _only_index(node: cst.Subscript):
    """The one index of ``node`` (``x[i]``), else None."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index) \
            or getattr(node.slice[0].slice, "star", None):  # (x[*a]: libcst 1.x only)
        return None
    return node.slice[0].slice.value


def _cst_headers(node) -> bool:
    return isinstance(node, cst.Attribute) and node.attr.value == "_headers"


class _Rewrite(cst.CSTTransformer):
    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript) -> cst.BaseExpression:
        index, inner = _only_index(updated), updated.value
        if not (isinstance(index, cst.Integer) and index.value == "1" and isinstance(inner, cst.Subscript)
                and _cst_headers(inner.value) and not inner.value.lpar and not inner.lpar):
            return updated
        name = _only_index(inner)
        if not _cst_header_name(name):
            return updated
        return updated.with_changes(value=inner.value.value, slice=inner.slice)

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.BaseExpression:
        if len(updated.comparisons) != 1 or not _cst_header_name(updated.left):
            return updated
        (target,) = updated.comparisons
        op, headers = target.operator, target.comparator
        if not isinstance(op, (cst.In, cst.NotIn)) or not _cst_headers(headers) or headers.lpar:
            return updated
        call = cst.Call(func=headers.with_changes(attr=cst.Name("has_header")),
                        args=[cst.Arg(updated.left.with_changes(lpar=(), rpar=()))])
        if isinstance(op, cst.In):
            return call.with_changes(lpar=updated.lpar, rpar=updated.rpar)
        return cst.UnaryOperation(operator=cst.Not(), expression=call, lpar=updated.lpar, rpar=updated.rpar)


class _OwnHeaders(cst.CSTVisitor):
    """The first place the module sets ``_headers`` itself (``x._headers = ...``, a class attribute)."""

    def __init__(self):
        self.found = None

    def _saw(self, node) -> None:
        if self.found is None:
            self.found = node

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if _cst_headers(node.target) or (isinstance(node.target, cst.Name) and node.target.value == "_headers"):
            self._saw(node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if _cst_headers(node.target) or (isinstance(node.target, cst.Name) and node.target.value == "_headers"):
            self._saw(node)
