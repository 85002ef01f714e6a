"""Codemod: salted_hmac() / base64_hmac() without algorithm -> algorithm="sha1"."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.calls import has_star, keyword, kwarg, positional, with_args
from codemods.callrewrite import CallRewriteCodemod

SALTED = "django.utils.crypto.salted_hmac"
BASE64 = "django.core.signing.base64_hmac"


class SaltedHmacAlgorithm(CallRewriteCodemod):
    """Pass ``algorithm="sha1"`` explicitly to ``salted_hmac()`` and ``base64_hmac()``.

    What it does: a call of ``django.utils.crypto.salted_hmac`` or ``django.core.signing.base64_hmac``
    that does not pass ``algorithm`` (as a keyword, or ``base64_hmac``'s fourth positional argument)
    gets ``algorithm="sha1"`` - the value it has always defaulted to - so the HMACs it computes (and
    the signatures, tokens and hashes stored with them) stay the same when the default changes.
    Calls with ``**kwargs`` are reported (they may carry ``algorithm``). Moving to ``"sha256"`` is a
    separate decision (every stored value changes).

    Why: Django 6.1 deprecated the implicit ``"sha1"`` default (``RemovedInDjango2028Warning``:
    "The default argument for algorithm in salted_hmac() will change from 'sha1' to 'sha256' in
    Django 7.0. ...").

    Example::

        # before
        digest = salted_hmac("myapp.token", value).hexdigest()

        # after
        digest = salted_hmac("myapp.token", value, algorithm="sha1").hexdigest()

    Django versions: the ``algorithm`` argument exists since Django 3.1; needed before 2028.
    """

    name = "salted_hmac_algorithm"
    changes = ("salted-hmac-sha1-default",)
    available_from = "3.1"
    removed_in = "2028"
    triggers = ("salted_hmac", "base64_hmac")
    kinds = frozenset({"python"})
    migrations = False
    callables = (SALTED, BASE64)

    def ast_wants(self, call: ast.Call) -> bool:
        return not any(k.arg in ("algorithm", None) for k in call.keywords) or any(k.arg is None for k in call.keywords)

    def rewrite(self, call, qual, ctx, edit):
        if keyword(call, "algorithm") is not None:
            return None
        if has_star(call, ("**",)):
            edit.report(f"{qual.rpartition('.')[2]}(**...) may pass algorithm=: check it by hand")
            return None
        if has_star(call, ("*",)) or (qual == BASE64 and len(positional(call)) >= 4):
            return None
        return with_args(call, list(call.args) + [kwarg("algorithm", cst.SimpleString('"sha1"'))])
