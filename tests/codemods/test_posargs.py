"""codemods/posargs.py: ``PositionalToKeywordCodemod.confirm`` lets through the calls whose callee
the transform can resolve through an import (or a star import), and turns away the rest."""

import ast

import pytest

from codemods.apply import make_context
from codemods.catalogue.mail_positional_args import MailPositionalArgs
from tests.codemods.helpers import check_noop, check_transformed

ARGS = "('Hi', body, None, ['a@x'], True)\n"


def confirms(source: str) -> bool:
    return MailPositionalArgs().confirm(ast.parse(source), source, make_context("shop/mail.py", source, None))


@pytest.mark.parametrize("source", [
    "from django.core.mail import send_mail\nsend_mail" + ARGS,
    "from django.core import mail\nmail.send_mail" + ARGS,
    "import django.core.mail\ndjango.core.mail.send_mail" + ARGS,
    "from django.core.mail import send_mail as sm\nsm" + ARGS,
    "from django.core.mail import *\nsend_mail" + ARGS,  # reported
    "def f():\n    from django.core.mail import send_mail\n    return send_mail" + ARGS.replace("\n", "") + "\n",
])
def test_confirmed(source):
    assert confirms(source)


@pytest.mark.parametrize("source", [
    "class PasswordResetForm:\n    def save(self):\n        self.send_mail" + ARGS.replace("\n", "") + "\n",
    "send_mail" + ARGS,  # not imported: someone else's function
    "from django.core.mail import send_mail\nsend_mail('Hi', body, None, ['a@x'])\n",  # nothing optional
])
def test_turned_away(source):
    assert not confirms(source)


def test_method_of_the_same_name_left_alone():
    check_noop(MailPositionalArgs, "class PasswordResetForm:\n    def save(self):\n        self.send_mail" + ARGS,
               reported=False)


def test_module_import_rewritten():
    check_transformed(MailPositionalArgs, "from django.core import mail\nmail.send_mail" + ARGS,
                      "from django.core import mail\nmail.send_mail('Hi', body, None, ['a@x'], fail_silently=True)\n")


def test_subclass_of_an_imported_class():
    from codemods.catalogue.baseconstraint_positional_args import BaseconstraintPositionalArgs as B

    def confirms_b(source):
        return B().confirm(ast.parse(source), source, make_context("shop/models.py", source, None))

    init = "    def __init__(self, name):\n        super().__init__(name, 'message')\n"
    assert confirms_b("from django.db.models import BaseConstraint\n\nclass C(BaseConstraint):\n" + init)
    assert confirms_b("from django.db import models\n\nclass C(models.BaseConstraint):\n" + init)
    assert not confirms_b("class BaseConstraint:\n    pass\n\nclass C(BaseConstraint):\n" + init)  # Django's own


def test_unsure_import_reported_only_where_something_is_left():
    source = "def f():\n    from django.core.mail import send_mail\n    send_mail('Hi', body, None, ['a@x']{})\n"
    check_noop(MailPositionalArgs, source.format(", True"), reported=True)
    check_noop(MailPositionalArgs, source.format(", fail_silently=True"), reported=False)


def test_no_report_on_a_call_with_nothing_to_rewrite():
    # (the file is confirmed by the first call; the second has nothing positional to rewrite)
    check_transformed(
        MailPositionalArgs,
        "from django.core.mail import mail_admins\nmail_admins('s', 'm', True)\n\n\n"
        "def f():\n    from django.core.mail import send_mail\n    send_mail('Hi', body, None, ['a@x'], fail_silently=True)\n",
        "from django.core.mail import mail_admins\nmail_admins('s', 'm', fail_silently=True)\n\n\n"
        "def f():\n    from django.core.mail import send_mail\n    send_mail('Hi', body, None, ['a@x'], fail_silently=True)\n",
        reported=False)
