from codemods.catalogue.urlize_assume_https import UrlizeAssumeHttps
from tests.codemods.helpers import check_noop, check_transformed


def test_between_settings():
    check_transformed(UrlizeAssumeHttps, 'DEBUG = False\nURLIZE_ASSUME_HTTPS = False\nUSE_TZ = True\n',
                      'DEBUG = False\nUSE_TZ = True\n', filename='proj/settings.py')


def test_comment_moves_down():
    check_transformed(UrlizeAssumeHttps, 'DEBUG = False\n\n# legacy option\nURLIZE_ASSUME_HTTPS = False\n\nUSE_TZ = True\n',
                      'DEBUG = False\n\n# legacy option\n\nUSE_TZ = True\n', filename='proj/settings.py')


def test_trailing_comment():
    check_transformed(UrlizeAssumeHttps, "URLIZE_ASSUME_HTTPS = False  # old\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_annotated():
    check_transformed(UrlizeAssumeHttps, "URLIZE_ASSUME_HTTPS: object = False\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_last_line():
    check_transformed(UrlizeAssumeHttps, "import os\n\nSECRET_KEY = os.environ['KEY']\nURLIZE_ASSUME_HTTPS = False\n",
                      "import os\n\nSECRET_KEY = os.environ['KEY']\n", filename='proj/settings.py')


def test_set_twice():
    check_transformed(UrlizeAssumeHttps, 'URLIZE_ASSUME_HTTPS = False\nDEBUG = True\nURLIZE_ASSUME_HTTPS = False\n',
                      'DEBUG = True\n', filename='proj/settings.py')


def test_true_on_2028():
    check_transformed(UrlizeAssumeHttps, 'URLIZE_ASSUME_HTTPS = True\n',
                      '', filename='proj/settings.py', target='2028')


def test_noop_other_value():
    check_noop(UrlizeAssumeHttps, 'URLIZE_ASSUME_HTTPS = True\n', filename='proj/settings.py', reported=True)


def test_noop_from_environment():
    check_noop(UrlizeAssumeHttps, "import os\nURLIZE_ASSUME_HTTPS = os.environ.get('X', False)\n", filename='proj/settings.py', reported=True)


def test_noop_inside_if():
    check_noop(UrlizeAssumeHttps, 'if DEBUG:\n    URLIZE_ASSUME_HTTPS = False\n', filename='proj/settings.py', reported=True)


def test_noop_read_later():
    check_noop(UrlizeAssumeHttps, 'URLIZE_ASSUME_HTTPS = False\nOTHER = URLIZE_ASSUME_HTTPS\n', filename='proj/settings.py', reported=True)


def test_noop_unreadable_star_base():
    check_noop(UrlizeAssumeHttps, 'from .base import *\n\nURLIZE_ASSUME_HTTPS = False\n', filename='nowhere/proj/settings.py', reported=True)


def test_noop_not_a_settings_file():
    check_noop(UrlizeAssumeHttps, 'URLIZE_ASSUME_HTTPS = False\n', filename='app/views.py')


def test_noop_other_name():
    check_noop(UrlizeAssumeHttps, "SETTINGS = {'URLIZE_ASSUME_HTTPS': False}\n", filename='proj/settings.py')
