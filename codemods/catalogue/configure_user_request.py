"""Codemod: RemoteUserBackend.configure_user(self, user) -> (self, request, user)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.calls import positional, with_args
from codemods.signature import OverrideSignatureCodemod, insert_param, name_uses, param, positional_names

BACKENDS = ("django.contrib.auth.backends.RemoteUserBackend", "django.contrib.auth.backends.AllowAllUsersRemoteUserBackend")


class ConfigureUserRequest(OverrideSignatureCodemod):
    """Add the ``request`` parameter to ``RemoteUserBackend.configure_user()`` overrides.

    What it does: in a subclass of ``RemoteUserBackend`` (or ``AllowAllUsersRemoteUserBackend``),
    ``def configure_user(self, user)`` becomes ``def configure_user(self, request, user)``, and a
    ``super().configure_user(user)`` inside it becomes ``super().configure_user(request, user)``.
    Left alone and reported: a method whose body already uses the name ``request`` (e.g. a global).

    Why: Django 2.2 started passing the request (``RemovedInDjango31Warning``: "Update
    <Backend>.configure_user() to accept `request` as the first argument.") and 3.1 dropped the
    old signature (``TypeError``).

    Example::

        # before
        class Backend(RemoteUserBackend):
            def configure_user(self, user):
                user.is_staff = True
                return user

        # after
        class Backend(RemoteUserBackend):
            def configure_user(self, request, user):
                user.is_staff = True
                return user

    Django versions: Django passes ``request`` since 2.2; needed before 3.1.
    """

    name = "configure_user_request"
    changes = ("configure-user-request",)
    available_from = "2.2"
    removed_in = "3.1"
    triggers = ("configure_user",)
    kinds = frozenset({"python"})
    migrations = False
    method = "configure_user"
    bases = BACKENDS
    base_suffixes = ("RemoteUserBackend",)

    def ast_needs_change(self, fn) -> bool:
        return [a.arg for a in fn.args.posonlyargs + fn.args.args] == ["self", "user"]

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        if positional_names(fn) != ["self", "user"]:
            return None
        if name_uses(fn.body, "request"):
            ctx.report(fn, "configure_user() already uses the name 'request': add the parameter by hand")
            return None
        return insert_param(fn, 1, param("request"))

    def new_super_call(self, call: cst.Call, fn, ctx):
        if len(positional(call)) == 1 and len(call.args) == 1:
            return with_args(call, [cst.Arg(cst.Name("request"))] + list(call.args))
        return call
