"""Codemod: optional positional arguments of django.core.mail functions/classes -> keywords."""

from __future__ import annotations

from codemods.posargs import PositionalToKeywordCodemod

_M = "django.core.mail"
_SEND_MAIL = (4, ("fail_silently", "auth_user", "auth_password", "connection", "html_message"))
_SEND_MASS = (1, ("fail_silently", "auth_user", "auth_password", "connection"))
_ADMINS = (2, ("fail_silently", "connection", "html_message"))
_MESSAGE = (4, ("bcc", "connection", "attachments", "headers", "cc", "reply_to"))
_ALTERNATIVES = (4, ("bcc", "connection", "attachments", "headers", "alternatives", "cc", "reply_to"))


class MailPositionalArgs(PositionalToKeywordCodemod):
    """Pass the optional arguments of ``send_mail()`` & co. and ``EmailMessage()`` by keyword.

    What it does: turns positional arguments after the required ones into keywords, in the old
    parameter order: ``get_connection(backend, fail_silently)``; ``send_mail(subject, message,
    from_email, recipient_list, fail_silently, auth_user, auth_password, connection,
    html_message)``; ``send_mass_mail(datatuple, fail_silently, auth_user, auth_password,
    connection)``; ``mail_admins``/``mail_managers(subject, message, fail_silently, connection,
    html_message)``; ``EmailMessage(subject, body, from_email, to, bcc, connection, attachments,
    headers, cc, reply_to)`` and ``EmailMultiAlternatives`` (``alternatives`` before ``cc``) -
    also in ``super().__init__(...)`` of a direct subclass. ``*args`` calls are reported.

    Why: Django 6.0 deprecated passing them positionally (``RemovedInDjango2028Warning``, from the
    ``@deprecate_posargs`` decorator: "Passing positional argument(s) 'fail_silently' to
    send_mail() is deprecated. Use keyword arguments instead."); Django 2028 makes them
    keyword-only.

    Example::

        # before
        send_mail("Hi", body, None, ["a@example.com"], True)

        # after
        send_mail("Hi", body, None, ["a@example.com"], fail_silently=True)

    Django versions: every one of these parameters has been accepted by keyword for many releases
    (``html_message`` since 1.7, ``reply_to`` since 1.8), so any target; needed before 2028.
    """

    name = "mail_positional_args"
    changes = ("mail-positional-args",)
    available_from = "2.0"
    removed_in = "2028"
    triggers = ("get_connection", "send_mail", "send_mass_mail", "mail_admins", "mail_managers", "EmailMessage",
                "EmailMultiAlternatives")
    kinds = frozenset({"python"})
    migrations = True
    signatures = {
        f"{_M}.get_connection": (1, ("fail_silently",)),
        f"{_M}.send_mail": _SEND_MAIL,
        f"{_M}.send_mass_mail": _SEND_MASS,
        f"{_M}.mail_admins": _ADMINS,
        f"{_M}.mail_managers": _ADMINS,
        f"{_M}.EmailMessage": _MESSAGE,
        f"{_M}.message.EmailMessage": _MESSAGE,
        f"{_M}.EmailMultiAlternatives": _ALTERNATIVES,
        f"{_M}.message.EmailMultiAlternatives": _ALTERNATIVES,
    }
