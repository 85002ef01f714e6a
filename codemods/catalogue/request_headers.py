"""Modernisation (opt-in): request.META["HTTP_X"] -> request.headers["X"]."""

from __future__ import annotations

import ast
import re

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of

_KEY = re.compile(r"HTTP_[A-Z0-9_]+")


def _request_meta(node) -> bool:
    """``request.META`` / ``self.request.META``."""
    if not (isinstance(node, cst.Attribute) and node.attr.value == "META"):
        return False
    base = node.value
    return (isinstance(base, cst.Name) and base.value == "request") or (
        isinstance(base, cst.Attribute) and base.attr.value == "request" and isinstance(base.value, cst.Name)
        and base.value.value == "self")


def _header(node) -> cst.SimpleString | None:
    if isinstance(node, cst.SimpleString) and "f" not in node.prefix.lower() and "b" not in node.prefix.lower():
        key = node.evaluated_value
        if isinstance(key, str) and _KEY.fullmatch(key):
            name = "-".join(part.title() for part in key[5:].split("_"))
            return cst.SimpleString(f"{node.quote}{name}{node.quote}")
    return None


class RequestHeaders(Codemod):
    """(opt-in, ``fix --modernize``) Read HTTP headers from ``request.headers`` instead of ``request.META``.

    What it does: on ``request`` and ``self.request``, ``request.META["HTTP_USER_AGENT"]`` becomes
    ``request.headers["User-Agent"]``, ``request.META.get("HTTP_X_FORWARDED_FOR", default)`` becomes
    ``request.headers.get("X-Forwarded-For", default)`` and ``"HTTP_X" in request.META`` becomes
    ``"X" in request.headers``. ``request.headers`` is the case-insensitive view of exactly the
    ``HTTP_*`` keys of ``META``, so reads give the same values. Writes (``request.META[...] = ...``,
    ``del``), other keys (``REMOTE_ADDR``, ``CONTENT_TYPE``) and computed keys are left alone.

    Why: not a deprecation - ``request.headers`` (Django 2.2+) is the documented way to read
    headers; users of the peer tool expect this rewrite. Never applied by ``step``.

    Example::

        # before
        agent = request.META.get("HTTP_USER_AGENT", "")

        # after
        agent = request.headers.get("User-Agent", "")

    Django versions: ``HttpRequest.headers`` exists since Django 2.2.
    """

    name = "request_headers"
    changes = ()
    available_from = "2.2"
    removed_in = ""
    triggers = ("META",)
    kinds = frozenset({"python"})
    migrations = False
    modernize = True

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return "HTTP_" in text and any(n.attr == "META" for n in nodes_of(tree, ast.Attribute))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        return module.visit(_Rewrite())


def _headers(meta: cst.Attribute) -> cst.Attribute:
    return meta.with_changes(attr=cst.Name("headers"))


class _Rewrite(cst.CSTTransformer):
    def __init__(self):
        self.store = 0

    def visit_AssignTarget(self, node):
        self.store += 1

    def leave_AssignTarget(self, original, updated):
        self.store -= 1
        return updated

    def visit_Del(self, node):
        self.store += 1

    def leave_Del(self, original, updated):
        self.store -= 1
        return updated

    def visit_AugAssign(self, node):
        self.store += 1

    def leave_AugAssign(self, original, updated):
        self.store -= 1
        return updated

    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript):
        if self.store or not _request_meta(updated.value) or len(updated.slice) != 1:
            return updated
        index = updated.slice[0].slice
        if not isinstance(index, cst.Index):
            return updated
        key = _header(index.value)
        if key is None:
            return updated
        return updated.with_changes(value=_headers(updated.value),
                                    slice=[updated.slice[0].with_changes(slice=index.with_changes(value=key))])

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        f = updated.func
        if not (isinstance(f, cst.Attribute) and f.attr.value == "get" and _request_meta(f.value)):
            return updated
        if not updated.args or updated.args[0].keyword is not None or updated.args[0].star or len(updated.args) > 2:
            return updated
        key = _header(updated.args[0].value)
        if key is None:
            return updated
        args = [updated.args[0].with_changes(value=key), *updated.args[1:]]
        return updated.with_changes(func=f.with_changes(value=_headers(f.value)), args=args)

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison):
        if len(updated.comparisons) != 1:
            return updated
        comp = updated.comparisons[0]
        if not isinstance(comp.operator, (cst.In, cst.NotIn)) or not _request_meta(comp.comparator):
            return updated
        key = _header(updated.left)
        if key is None:
            return updated
        return updated.with_changes(left=key, comparisons=[comp.with_changes(comparator=_headers(comp.comparator))])
