from codemods.catalogue.badheadererror import BadHeaderError
from tests.codemods.helpers import check_noop, check_transformed


def test_except_clause():
    check_transformed(
        BadHeaderError,
        """\
        from django.core.mail import BadHeaderError, send_mail
        from django.http import HttpResponse


        def contact(request):
            try:
                send_mail("s", "b", "a@example.com", ["b@example.com"])
            except BadHeaderError:
                return HttpResponse("Invalid header found.")
        """,
        """\
        from django.core.mail import send_mail
        from django.http import HttpResponse


        def contact(request):
            try:
                send_mail("s", "b", "a@example.com", ["b@example.com"])
            except ValueError:
                return HttpResponse("Invalid header found.")
        """,
    )


def test_sole_import_first_line():
    check_transformed(
        BadHeaderError,
        "from django.core.mail import BadHeaderError\n\n\ndef f(v):\n    raise BadHeaderError(v)\n",
        "def f(v):\n    raise ValueError(v)\n",
    )


def test_module_attribute():
    check_transformed(
        BadHeaderError,
        "from django.core import mail\n\ntry:\n    go()\nexcept mail.BadHeaderError as e:\n    log(e)\n",
        "from django.core import mail\n\ntry:\n    go()\nexcept ValueError as e:\n    log(e)\n",
    )


def test_duplicate_in_tuple_dropped():
    check_transformed(
        BadHeaderError,
        "from django.core.mail import BadHeaderError\ntry:\n    go()\nexcept (BadHeaderError, ValueError):\n    pass\n",
        "try:\n    go()\nexcept ValueError:\n    pass\n",
    )


def test_tuple_with_other_exception():
    check_transformed(
        BadHeaderError,
        "from django.core.mail import BadHeaderError\ntry:\n    go()\nexcept (BadHeaderError, KeyError):\n    pass\n",
        "try:\n    go()\nexcept (ValueError, KeyError):\n    pass\n",
    )


def test_alias_and_message_module():
    check_transformed(
        BadHeaderError,
        "from django.core.mail.message import BadHeaderError as BHE\nok = isinstance(err, BHE)\n",
        "ok = isinstance(err, ValueError)\n",
    )


def test_keyword_and_attribute_names_untouched():
    check_transformed(
        BadHeaderError,
        "from django.core.mail import BadHeaderError\nx = f(BadHeaderError=1, e=BadHeaderError)\ny = obj.BadHeaderError\n",
        "x = f(BadHeaderError=1, e=ValueError)\ny = obj.BadHeaderError\n",
    )


def test_noop_django_http_badheadererror():
    check_noop(BadHeaderError, "from django.http import BadHeaderError\ntry:\n    go()\nexcept BadHeaderError:\n    pass\n")


def test_noop_star_import():
    check_noop(BadHeaderError, "from django.core.mail import *\ntry:\n    go()\nexcept BadHeaderError:\n    pass\n",
               reported=True)


def test_noop_try_import():
    check_noop(
        BadHeaderError,
        """\
        try:
            from django.core.mail import BadHeaderError
        except ImportError:
            BadHeaderError = ValueError
        """,
        reported=True,
    )


def test_noop_valueerror_rebound():
    check_noop(
        BadHeaderError,
        "from django.core.mail import BadHeaderError\nfrom mylib import ValueError\nx = BadHeaderError\n",
        reported=True,
    )


def test_noop_other_object_attribute():
    check_noop(BadHeaderError, "from mylib import mail\nx = mail.BadHeaderError\n")
