from codemods.catalogue.csrf_cookie_masked import CsrfCookieMasked
from tests.codemods.helpers import check_noop, check_transformed


def test_between_settings():
    check_transformed(CsrfCookieMasked, 'DEBUG = False\nCSRF_COOKIE_MASKED = False\nUSE_TZ = True\n',
                      'DEBUG = False\nUSE_TZ = True\n', filename='proj/settings.py')


def test_comment_moves_down():
    check_transformed(CsrfCookieMasked, 'DEBUG = False\n\n# legacy option\nCSRF_COOKIE_MASKED = False\n\nUSE_TZ = True\n',
                      'DEBUG = False\n\n# legacy option\n\nUSE_TZ = True\n', filename='proj/settings.py')


def test_trailing_comment():
    check_transformed(CsrfCookieMasked, "CSRF_COOKIE_MASKED = False  # old\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_annotated():
    check_transformed(CsrfCookieMasked, "CSRF_COOKIE_MASKED: object = False\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_last_line():
    check_transformed(CsrfCookieMasked, "import os\n\nSECRET_KEY = os.environ['KEY']\nCSRF_COOKIE_MASKED = False\n",
                      "import os\n\nSECRET_KEY = os.environ['KEY']\n", filename='proj/settings.py')


def test_set_twice():
    check_transformed(CsrfCookieMasked, 'CSRF_COOKIE_MASKED = False\nDEBUG = True\nCSRF_COOKIE_MASKED = False\n',
                      'DEBUG = True\n', filename='proj/settings.py')


def test_noop_other_value():
    check_noop(CsrfCookieMasked, 'CSRF_COOKIE_MASKED = True\n', filename='proj/settings.py', reported=True)


def test_noop_from_environment():
    check_noop(CsrfCookieMasked, "import os\nCSRF_COOKIE_MASKED = os.environ.get('X', False)\n", filename='proj/settings.py', reported=True)


def test_noop_inside_if():
    check_noop(CsrfCookieMasked, 'if DEBUG:\n    CSRF_COOKIE_MASKED = False\n', filename='proj/settings.py', reported=True)


def test_noop_read_later():
    check_noop(CsrfCookieMasked, 'CSRF_COOKIE_MASKED = False\nOTHER = CSRF_COOKIE_MASKED\n', filename='proj/settings.py', reported=True)


def test_noop_unreadable_star_base():
    check_noop(CsrfCookieMasked, 'from .base import *\n\nCSRF_COOKIE_MASKED = False\n', filename='nowhere/proj/settings.py', reported=True)


def test_noop_not_a_settings_file():
    check_noop(CsrfCookieMasked, 'CSRF_COOKIE_MASKED = False\n', filename='app/views.py')


def test_noop_other_name():
    check_noop(CsrfCookieMasked, "SETTINGS = {'CSRF_COOKIE_MASKED': False}\n", filename='proj/settings.py')
