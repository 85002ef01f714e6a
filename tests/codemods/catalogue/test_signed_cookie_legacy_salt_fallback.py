from codemods.catalogue.signed_cookie_legacy_salt_fallback import SignedCookieLegacySaltFallback
from tests.codemods.helpers import check_noop, check_transformed


def test_between_settings():
    check_transformed(SignedCookieLegacySaltFallback, 'DEBUG = False\nSIGNED_COOKIE_LEGACY_SALT_FALLBACK = False\nUSE_TZ = True\n',
                      'DEBUG = False\nUSE_TZ = True\n', filename='proj/settings.py')


def test_comment_moves_down():
    check_transformed(SignedCookieLegacySaltFallback, 'DEBUG = False\n\n# legacy option\nSIGNED_COOKIE_LEGACY_SALT_FALLBACK = False\n\nUSE_TZ = True\n',
                      'DEBUG = False\n\n# legacy option\n\nUSE_TZ = True\n', filename='proj/settings.py')


def test_trailing_comment():
    check_transformed(SignedCookieLegacySaltFallback, "SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False  # old\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_annotated():
    check_transformed(SignedCookieLegacySaltFallback, "SIGNED_COOKIE_LEGACY_SALT_FALLBACK: object = False\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_last_line():
    check_transformed(SignedCookieLegacySaltFallback, "import os\n\nSECRET_KEY = os.environ['KEY']\nSIGNED_COOKIE_LEGACY_SALT_FALLBACK = False\n",
                      "import os\n\nSECRET_KEY = os.environ['KEY']\n", filename='proj/settings.py')


def test_set_twice():
    check_transformed(SignedCookieLegacySaltFallback, 'SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False\nDEBUG = True\nSIGNED_COOKIE_LEGACY_SALT_FALLBACK = False\n',
                      'DEBUG = True\n', filename='proj/settings.py')


def test_noop_other_value():
    check_noop(SignedCookieLegacySaltFallback, 'SIGNED_COOKIE_LEGACY_SALT_FALLBACK = True\n', filename='proj/settings.py', reported=True)


def test_noop_from_environment():
    check_noop(SignedCookieLegacySaltFallback, "import os\nSIGNED_COOKIE_LEGACY_SALT_FALLBACK = os.environ.get('X', False)\n", filename='proj/settings.py', reported=True)


def test_noop_inside_if():
    check_noop(SignedCookieLegacySaltFallback, 'if DEBUG:\n    SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False\n', filename='proj/settings.py', reported=True)


def test_noop_read_later():
    check_noop(SignedCookieLegacySaltFallback, 'SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False\nOTHER = SIGNED_COOKIE_LEGACY_SALT_FALLBACK\n', filename='proj/settings.py', reported=True)


def test_noop_unreadable_star_base():
    check_noop(SignedCookieLegacySaltFallback, 'from .base import *\n\nSIGNED_COOKIE_LEGACY_SALT_FALLBACK = False\n', filename='nowhere/proj/settings.py', reported=True)


def test_noop_not_a_settings_file():
    check_noop(SignedCookieLegacySaltFallback, 'SIGNED_COOKIE_LEGACY_SALT_FALLBACK = False\n', filename='app/views.py')


def test_noop_other_name():
    check_noop(SignedCookieLegacySaltFallback, "SETTINGS = {'SIGNED_COOKIE_LEGACY_SALT_FALLBACK': False}\n", filename='proj/settings.py')
