from codemods.catalogue.csrf_trusted_origins import CsrfTrustedOrigins
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"


def test_hosts_get_https():
    check_transformed(
        CsrfTrustedOrigins,
        """\
        ALLOWED_HOSTS = ["example.com"]
        CSRF_TRUSTED_ORIGINS = ["example.com", "api.example.com"]
        """,
        """\
        ALLOWED_HOSTS = ["example.com"]
        CSRF_TRUSTED_ORIGINS = ["https://example.com", "https://api.example.com"]
        """,
        filename=S,
        reported=True,  # https is assumed: said every time
    )


def test_leading_dot_becomes_wildcard():
    check_transformed(CsrfTrustedOrigins, "CSRF_TRUSTED_ORIGINS = ['.example.org']\n",
                      "CSRF_TRUSTED_ORIGINS = ['https://*.example.org']\n", filename=S)


def test_port_kept_and_host_lowercased():
    check_transformed(CsrfTrustedOrigins, "CSRF_TRUSTED_ORIGINS = ('Example.COM:8443',)\n",
                      "CSRF_TRUSTED_ORIGINS = ('https://example.com:8443',)\n", filename=S)


def test_mixed_with_schemeful_entries_multiline():
    check_transformed(
        CsrfTrustedOrigins,
        """\
        CSRF_TRUSTED_ORIGINS = [
            "https://ok.example.com",  # already fine
            "shop.example.com",
            "localhost:8000",
        ]
        """,
        """\
        CSRF_TRUSTED_ORIGINS = [
            "https://ok.example.com",  # already fine
            "https://shop.example.com",
            "https://localhost:8000",
        ]
        """,
        filename=S,
    )


def test_literal_entries_rewritten_next_to_computed_one():
    check_transformed(
        CsrfTrustedOrigins,
        "import os\nCSRF_TRUSTED_ORIGINS = ['example.com', os.environ['ORIGIN']]\n",
        "import os\nCSRF_TRUSTED_ORIGINS = ['https://example.com', os.environ['ORIGIN']]\n",
        filename=S,
    )


def test_settings_package_module():
    check_transformed(CsrfTrustedOrigins, "from .base import *\nCSRF_TRUSTED_ORIGINS = ['prod.example.com']\n",
                      "from .base import *\nCSRF_TRUSTED_ORIGINS = ['https://prod.example.com']\n",
                      filename="proj/settings/prod.py")


def test_noop_already_schemeful():
    check_noop(CsrfTrustedOrigins, "CSRF_TRUSTED_ORIGINS = ['https://example.com', 'http://*.example.org']\n",
               filename=S, reported=False)


def test_noop_computed():
    check_noop(CsrfTrustedOrigins,
               "import os\nCSRF_TRUSTED_ORIGINS = os.environ.get('ORIGINS', 'example.com').split(',')\n",
               filename=S, reported=True)


def test_noop_inside_if():
    check_noop(CsrfTrustedOrigins, "if DEBUG:\n    CSRF_TRUSTED_ORIGINS = ['localhost']\n", filename=S, reported=True)


def test_noop_odd_entry():
    check_noop(CsrfTrustedOrigins, "CSRF_TRUSTED_ORIGINS = ['*']\n", filename=S, reported=True)


def test_noop_augmented():
    check_noop(CsrfTrustedOrigins, "from .base import *\nCSRF_TRUSTED_ORIGINS += ['example.com']\n",
               filename=S, reported=True)


def test_noop_not_settings_file():
    check_noop(CsrfTrustedOrigins, "CSRF_TRUSTED_ORIGINS = ['example.com']\n", filename="app/views.py")
