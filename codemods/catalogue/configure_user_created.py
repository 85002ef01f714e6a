"""Codemod: RemoteUserBackend.configure_user(self, request, user) -> (..., created=True)."""

from __future__ import annotations

import libcst as cst

from codemods.base import FileContext
from codemods.calls import keyword, kwarg, positional, with_args
from codemods.catalogue.configure_user_request import BACKENDS
from codemods.signature import OverrideSignatureCodemod, insert_param, name_uses, param, positional_names


class ConfigureUserCreated(OverrideSignatureCodemod):
    """Add the ``created`` parameter to ``RemoteUserBackend.configure_user()`` overrides.

    What it does: in a subclass of ``RemoteUserBackend``, ``def configure_user(self, request, user)``
    becomes ``def configure_user(self, request, user, created=True)``, and a
    ``super().configure_user(request, user)`` inside it passes ``created=created`` on. Left alone and
    reported: a body that already uses the name ``created``.

    Why: Django 4.1 passes ``created`` (whether the user was just created) and deprecated overrides
    without it (``RemovedInDjango50Warning``: "`created=True` must be added to the signature of
    <Backend>.configure_user()."); 5.0 always passes it. ``True`` is the value the old call meant:
    4.1 only called the old signature for newly created users.

    Example::

        # before
        def configure_user(self, request, user):
            return user

        # after
        def configure_user(self, request, user, created=True):
            return user

    Django versions: ``created`` is passed since Django 4.1; needed before 5.0.
    """

    name = "configure_user_created"
    changes = ("configure-user-created",)
    available_from = "4.1"
    removed_in = "5.0"
    triggers = ("configure_user",)
    kinds = frozenset({"python"})
    migrations = False
    method = "configure_user"
    bases = BACKENDS
    base_suffixes = ("RemoteUserBackend",)

    def ast_needs_change(self, fn) -> bool:
        return len(fn.args.posonlyargs + fn.args.args) == 3 and fn.args.args[0].arg == "self" \
            and not any(a.arg == "created" for a in fn.args.kwonlyargs)

    def new_params(self, fn: cst.FunctionDef, ctx: FileContext):
        names = positional_names(fn)
        if len(names) != 3 or names[0] != "self" or "created" in names or fn.params.kwonly_params:
            return None
        if name_uses(fn.body, "created"):
            ctx.report(fn, "configure_user() already uses the name 'created': add the parameter by hand")
            return None
        return insert_param(fn, 3, param("created", "True"))

    def new_super_call(self, call: cst.Call, fn, ctx):
        if len(positional(call)) == 2 and len(call.args) == 2 and keyword(call, "created") is None:
            return with_args(call, list(call.args) + [kwarg("created", cst.Name("created"))])
        return call
