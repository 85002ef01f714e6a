"""Codemod: UserManager.make_random_password() -> get_random_string()."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.calls import has_star, keyword, positional
from codemods.imports import ImportIndex, add_from_import
from codemods.names import name_for

DEFAULT_CHARS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _plain_receiver(node: cst.BaseExpression) -> bool:
    """Names, attributes and ``get_user_model()``: dropping their evaluation changes nothing."""
    while True:
        if isinstance(node, cst.Name):
            return True
        if isinstance(node, cst.Attribute):
            node = node.value
            continue
        if isinstance(node, cst.Call) and not node.args and isinstance(node.func, cst.Name) \
                and node.func.value == "get_user_model":
            return True
        return False


class MakeRandomPassword(Codemod):
    """Replace ``BaseUserManager.make_random_password()`` with ``get_random_string()``.

    What it does: ``User.objects.make_random_password()`` becomes
    ``get_random_string(10, "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")``, and
    ``...make_random_password(length=8, allowed_chars=chars)`` becomes
    ``get_random_string(8, chars)`` - exactly what the method returned (the defaults are written
    out), importing ``get_random_string`` from ``django.utils.crypto``. The receiver must be plain
    names / attributes (``User.objects``, ``self``, ``get_user_model().objects``): its evaluation is
    dropped. Left alone and reported: a module that defines its own ``make_random_password``, other
    receivers, ``*args`` / ``**kwargs``, or when ``get_random_string`` names something else here.
    A manager overriding ``make_random_password`` in ANOTHER module is not seen: check such projects.

    Why: Django 4.2 deprecated the method (``RemovedInDjango51Warning``: "BaseUserManager.
    make_random_password() is deprecated."); 5.1 removed it.

    Example::

        # before
        password = User.objects.make_random_password(length=14)

        # after
        from django.utils.crypto import get_random_string
        password = get_random_string(14, "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    Django versions: ``get_random_string(length, allowed_chars)`` works on every release the tool
    knows; needed before 5.1.
    """

    name = "make_random_password"
    changes = ("baseusermanager-make-random-password",)
    available_from = "1.11"
    removed_in = "5.1"
    triggers = ("make_random_password",)
    kinds = frozenset({"python"})
    migrations = False

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(isinstance(c.func, ast.Attribute) and c.func.attr == "make_random_password"
                   for c in nodes_of(tree, ast.Call))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        own = _Defines()
        module.visit(own)
        if own.node is not None:
            ctx.report(own.node, "this module defines its own make_random_password(): rewrite its callers by hand")
            return module
        index = ImportIndex.build(module)
        found = name_for(index, "django.utils.crypto.get_random_string")
        t = _Rewrite(ctx, found[0] if found else None)
        new = module.visit(t)
        if t.changed and found and found[1]:
            new = add_from_import(new, *found[1])
        return new if t.changed else module


class _Defines(cst.CSTVisitor):
    node = None

    def visit_FunctionDef(self, node):
        if node.name.value == "make_random_password" and self.node is None:
            self.node = node


class _Rewrite(cst.CSTTransformer):
    def __init__(self, ctx: FileContext, name: str | None):
        self.ctx, self.name = ctx, name
        self.changed = False

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        f = updated.func
        if not (isinstance(f, cst.Attribute) and f.attr.value == "make_random_password"):
            return updated
        if self.name is None:
            self.ctx.report(original, "get_random_string names something else here: rewrite make_random_password() by hand")
            return updated
        if has_star(updated) or not _plain_receiver(f.value):
            self.ctx.report(original, "make_random_password() with *args/**kwargs or a computed receiver: "
                                      "use django.utils.crypto.get_random_string() by hand")
            return updated
        pos = positional(updated)
        length = pos[0].value if len(pos) > 0 else (keyword(updated, "length").value if keyword(updated, "length") else None)
        chars = pos[1].value if len(pos) > 1 else (keyword(updated, "allowed_chars").value
                                                     if keyword(updated, "allowed_chars") else None)
        known = {"length", "allowed_chars"}
        if len(pos) > 2 or any(a.keyword is not None and a.keyword.value not in known for a in updated.args):
            self.ctx.report(original, "make_random_password() with unexpected arguments: rewrite it by hand")
            return updated
        args = [cst.Arg(length if length is not None else cst.Integer("10"),
                        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                cst.Arg(chars if chars is not None else cst.SimpleString(f'"{DEFAULT_CHARS}"'))]
        self.changed = True
        return cst.Call(func=cst.Name(self.name), args=args, lpar=updated.lpar, rpar=updated.rpar)
