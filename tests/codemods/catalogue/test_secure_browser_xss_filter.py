from codemods.catalogue.secure_browser_xss_filter import SecureBrowserXssFilter
from tests.codemods.helpers import check_noop, check_transformed


def test_between_settings():
    check_transformed(SecureBrowserXssFilter, 'DEBUG = False\nSECURE_BROWSER_XSS_FILTER = False\nUSE_TZ = True\n',
                      'DEBUG = False\nUSE_TZ = True\n', filename='proj/settings.py')


def test_comment_moves_down():
    check_transformed(SecureBrowserXssFilter, 'DEBUG = False\n\n# legacy option\nSECURE_BROWSER_XSS_FILTER = False\n\nUSE_TZ = True\n',
                      'DEBUG = False\n\n# legacy option\n\nUSE_TZ = True\n', filename='proj/settings.py')


def test_trailing_comment():
    check_transformed(SecureBrowserXssFilter, "SECURE_BROWSER_XSS_FILTER = False  # old\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_annotated():
    check_transformed(SecureBrowserXssFilter, "SECURE_BROWSER_XSS_FILTER: object = False\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_last_line():
    check_transformed(SecureBrowserXssFilter, "import os\n\nSECRET_KEY = os.environ['KEY']\nSECURE_BROWSER_XSS_FILTER = False\n",
                      "import os\n\nSECRET_KEY = os.environ['KEY']\n", filename='proj/settings.py')


def test_set_twice():
    check_transformed(SecureBrowserXssFilter, 'SECURE_BROWSER_XSS_FILTER = False\nDEBUG = True\nSECURE_BROWSER_XSS_FILTER = False\n',
                      'DEBUG = True\n', filename='proj/settings.py')


def test_true_on_4_0():
    check_transformed(SecureBrowserXssFilter, 'SECURE_BROWSER_XSS_FILTER = True\nSECURE_SSL_REDIRECT = True\n',
                      'SECURE_SSL_REDIRECT = True\n', filename='proj/settings.py', target='4.0')


def test_noop_other_value():
    check_noop(SecureBrowserXssFilter, 'SECURE_BROWSER_XSS_FILTER = True\n', filename='proj/settings.py', reported=True)


def test_noop_from_environment():
    check_noop(SecureBrowserXssFilter, "import os\nSECURE_BROWSER_XSS_FILTER = os.environ.get('X', False)\n", filename='proj/settings.py', reported=True)


def test_noop_inside_if():
    check_noop(SecureBrowserXssFilter, 'if DEBUG:\n    SECURE_BROWSER_XSS_FILTER = False\n', filename='proj/settings.py', reported=True)


def test_noop_read_later():
    check_noop(SecureBrowserXssFilter, 'SECURE_BROWSER_XSS_FILTER = False\nOTHER = SECURE_BROWSER_XSS_FILTER\n', filename='proj/settings.py', reported=True)


def test_noop_unreadable_star_base():
    check_noop(SecureBrowserXssFilter, 'from .base import *\n\nSECURE_BROWSER_XSS_FILTER = False\n', filename='nowhere/proj/settings.py', reported=True)


def test_noop_not_a_settings_file():
    check_noop(SecureBrowserXssFilter, 'SECURE_BROWSER_XSS_FILTER = False\n', filename='app/views.py')


def test_noop_other_name():
    check_noop(SecureBrowserXssFilter, "SETTINGS = {'SECURE_BROWSER_XSS_FILTER': False}\n", filename='proj/settings.py')


def test_noop_true_on_3_2():
    check_noop(SecureBrowserXssFilter, 'SECURE_BROWSER_XSS_FILTER = True\n', filename='proj/settings.py', target='3.2', reported=True)
