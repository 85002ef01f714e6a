from codemods.catalogue.email_mailers import EmailMailers as C
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"
SMTP = '"django.core.mail.backends.smtp.EmailBackend"'


def test_docs_example():
    check_transformed(
        C,
        """\
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_HOST = "mail.example.net"
        EMAIL_USE_TLS = True
        EMAIL_PORT = 587
        EMAIL_HOST_USER = "user@example.net"
        EMAIL_HOST_PASSWORD = "password"
        DEFAULT_FROM_EMAIL = "noreply@example.net"
        """,
        """\
        MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": "mail.example.net",
                    "port": 587,
                    "username": "user@example.net",
                    "password": "password",
                    "use_tls": True,
                },
            },
        }
        DEFAULT_FROM_EMAIL = "noreply@example.net"
        """,
        filename=S,
    )


def test_environment_and_old_defaults():
    check_transformed(
        C,
        'import os\nEMAIL_HOST_PASSWORD = os.environ["SMTP_PASSWORD"]\nEMAIL_USE_SSL = True\n',
        f"""\
        import os
        MAILERS = {{
            "default": {{
                "BACKEND": {SMTP},
                "OPTIONS": {{
                    "host": "localhost",
                    "port": 25,
                    "password": os.environ["SMTP_PASSWORD"],
                    "use_ssl": True,
                }},
            }},
        }}
        """,
        filename=S,
    )


def test_console_backend():
    check_transformed(
        C,
        'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"\n',
        'MAILERS = {\n    "default": {\n        "BACKEND": "django.core.mail.backends.console.EmailBackend",\n    },\n}\n',
        filename="proj/settings/dev.py",
    )


def test_file_backend():
    check_transformed(
        C,
        'EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"\nEMAIL_FILE_PATH = "/tmp/mail"\n',
        'MAILERS = {\n    "default": {\n        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",\n'
        '        "OPTIONS": {\n            "file_path": "/tmp/mail",\n        },\n    },\n}\n',
        filename=S,
    )


def test_star_import_backend_switch(tmp_path):
    d = tmp_path / "proj" / "settings"
    d.mkdir(parents=True)
    (d / "base.py").write_text('EMAIL_HOST = "smtp.example.com"\n')
    check_transformed(
        C,
        'from .base import *\nEMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"\n',
        'from .base import *\nMAILERS = {\n    **MAILERS,\n    "default": {\n'
        '        "BACKEND": "django.core.mail.backends.locmem.EmailBackend",\n    },\n}\n',
        filename=str(d / "test.py"),
    )


def test_star_import_smtp_override_merged(tmp_path):
    d = tmp_path / "proj" / "settings"
    d.mkdir(parents=True)
    (d / "base.py").write_text('EMAIL_HOST = "smtp.example.com"\n')
    check_transformed(
        C,
        'import os\nfrom .base import *\nEMAIL_HOST_PASSWORD = os.environ["PW"]\n',
        """\
        import os
        from .base import *
        MAILERS = {
            **MAILERS,
            "default": {
                **MAILERS["default"],
                "OPTIONS": {
                    **MAILERS["default"].get("OPTIONS", {}),
                    "password": os.environ["PW"],
                },
            },
        }
        """,
        filename=str(d / "prod.py"),
    )


def test_noop_mailers_already_set():
    check_noop(C, 'MAILERS = {}\nEMAIL_HOST = "x"\n', filename=S, reported=True)


def test_noop_inside_if():
    check_noop(C, 'DEBUG = True\nif DEBUG:\n    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"\n',
               filename=S, reported=True)


def test_noop_read_elsewhere():
    check_noop(C, 'EMAIL_HOST_USER = "a@b.c"\nSERVER_EMAIL = EMAIL_HOST_USER\n', filename=S, reported=True)


def test_noop_third_party_backend():
    check_noop(C, 'EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"\n', filename=S, reported=True)


def test_noop_backend_from_environment():
    check_noop(C, 'import os\nEMAIL_BACKEND = os.environ["EMAIL_BACKEND"]\n', filename=S, reported=True)


def test_noop_computed():
    check_noop(C, 'from conf import secret\nEMAIL_HOST_PASSWORD = secret("smtp")\n', filename=S, reported=True)


def test_noop_star_base_unknown():
    check_noop(C, 'from .base import *\nEMAIL_PORT = 2525\n', filename="nowhere/settings/prod.py", reported=True)


def test_noop_other_email_settings_only():
    check_noop(C, 'EMAIL_SUBJECT_PREFIX = "[x] "\nROOT_URLCONF = "u"\n', filename=S)
