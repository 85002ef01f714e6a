import pytest

from codemods.catalogue.mail_positional_args import MailPositionalArgs
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.core.mail import send_mail\nsend_mail('Hi', body, None, ['a@example.com'], True)\n",
     "from django.core.mail import send_mail\nsend_mail('Hi', body, None, ['a@example.com'], fail_silently=True)\n"),
    ("from django.core.mail import send_mail\nsend_mail(\n    'Hi',\n    body,\n    None,\n    ['a@example.com'],\n    False,\n    'user',\n    'pw',\n)\n",
     "from django.core.mail import send_mail\nsend_mail(\n    'Hi',\n    body,\n    None,\n    ['a@example.com'],\n    fail_silently=False,\n    auth_user='user',\n    auth_password='pw',\n)\n"),
    ("from django.core import mail\nmail.mail_admins('Error', text, True)\n",
     "from django.core import mail\nmail.mail_admins('Error', text, fail_silently=True)\n"),
    ("from django.core.mail import mail_managers\nmail_managers('s', 'm', False, conn, html_message='<p>')\n",
     "from django.core.mail import mail_managers\nmail_managers('s', 'm', fail_silently=False, connection=conn, html_message='<p>')\n"),
    ('from django.core.mail import send_mass_mail\nsend_mass_mail(messages, True)\n',
     'from django.core.mail import send_mass_mail\nsend_mass_mail(messages, fail_silently=True)\n'),
    ("from django.core.mail import get_connection\nconn = get_connection('django.core.mail.backends.smtp.EmailBackend', True)\n",
     "from django.core.mail import get_connection\nconn = get_connection('django.core.mail.backends.smtp.EmailBackend', fail_silently=True)\n"),
    ("from django.core.mail import EmailMessage\nmsg = EmailMessage('s', 'b', 'f@x', ['t@x'], ['bcc@x'], conn)\n",
     "from django.core.mail import EmailMessage\nmsg = EmailMessage('s', 'b', 'f@x', ['t@x'], bcc=['bcc@x'], connection=conn)\n"),
    ("from django.core.mail import EmailMultiAlternatives\nmsg = EmailMultiAlternatives('s', 'b', 'f', ['t'], None, None, None, {'X': '1'}, [('<p>', 'text/html')])\n",
     "from django.core.mail import EmailMultiAlternatives\nmsg = EmailMultiAlternatives('s', 'b', 'f', ['t'], bcc=None, connection=None, attachments=None, headers={'X': '1'}, alternatives=[('<p>', 'text/html')])\n"),
    ("from django.core.mail import EmailMessage\n\n\nclass Invite(EmailMessage):\n    def __init__(self, to):\n        super().__init__('Invite', 'Join us', None, [to], ['audit@x'])\n",
     "from django.core.mail import EmailMessage\n\n\nclass Invite(EmailMessage):\n    def __init__(self, to):\n        super().__init__('Invite', 'Join us', None, [to], bcc=['audit@x'])\n"),
])
def test_transformed(before, after):
    check_transformed(MailPositionalArgs, before, after)


@pytest.mark.parametrize("source", [
    "from django.core.mail import send_mail\nsend_mail('Hi', body, None, ['a@x'], fail_silently=True)\n",
    "from django.core.mail import EmailMessage\nmsg = EmailMessage('s', 'b', 'f', ['t'])\n",
    "from django.core.mail import mail_admins\nmail_admins('s', 'm')\n",
    "from myapp.mail import send_mail\nsend_mail('Hi', body, None, ['a@x'], True)\n",
    "obj.send_mail('Hi', body, None, ['a@x'], True)\n",
])
def test_noop(source):
    check_noop(MailPositionalArgs, source)


def test_noop_star_args():
    check_noop(MailPositionalArgs, 'from django.core.mail import send_mail\nsend_mail(subject, msg, frm, to, *rest)\n', reported=True)


def test_noop_star_import():
    check_noop(MailPositionalArgs, "from django.core.mail import *\nsend_mail('Hi', body, None, ['a@x'], True)\n", reported=True)


def test_noop_shadowed():
    check_noop(MailPositionalArgs, "from django.core.mail import send_mail\n\n\ndef send_mail(*a):\n    pass\n\n\nsend_mail('Hi', body, None, ['a@x'], True)\n", reported=True)
