from codemods.catalogue.default_content_type import DefaultContentType
from tests.codemods.helpers import check_noop, check_transformed


def test_between_settings():
    check_transformed(DefaultContentType, "DEBUG = False\nDEFAULT_CONTENT_TYPE = 'text/html'\nUSE_TZ = True\n",
                      'DEBUG = False\nUSE_TZ = True\n', filename='proj/settings.py')


def test_comment_moves_down():
    check_transformed(DefaultContentType, "DEBUG = False\n\n# legacy option\nDEFAULT_CONTENT_TYPE = 'text/html'\n\nUSE_TZ = True\n",
                      'DEBUG = False\n\n# legacy option\n\nUSE_TZ = True\n', filename='proj/settings.py')


def test_trailing_comment():
    check_transformed(DefaultContentType, "DEFAULT_CONTENT_TYPE = 'text/html'  # old\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_annotated():
    check_transformed(DefaultContentType, "DEFAULT_CONTENT_TYPE: object = 'text/html'\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_last_line():
    check_transformed(DefaultContentType, "import os\n\nSECRET_KEY = os.environ['KEY']\nDEFAULT_CONTENT_TYPE = 'text/html'\n",
                      "import os\n\nSECRET_KEY = os.environ['KEY']\n", filename='proj/settings.py')


def test_set_twice():
    check_transformed(DefaultContentType, "DEFAULT_CONTENT_TYPE = 'text/html'\nDEBUG = True\nDEFAULT_CONTENT_TYPE = 'text/html'\n",
                      'DEBUG = True\n', filename='proj/settings.py')


def test_noop_other_value():
    check_noop(DefaultContentType, "DEFAULT_CONTENT_TYPE = 'application/xhtml+xml'\n", filename='proj/settings.py', reported=True)


def test_noop_from_environment():
    check_noop(DefaultContentType, "import os\nDEFAULT_CONTENT_TYPE = os.environ.get('X', 'text/html')\n", filename='proj/settings.py', reported=True)


def test_noop_inside_if():
    check_noop(DefaultContentType, "if DEBUG:\n    DEFAULT_CONTENT_TYPE = 'text/html'\n", filename='proj/settings.py', reported=True)


def test_noop_read_later():
    check_noop(DefaultContentType, "DEFAULT_CONTENT_TYPE = 'text/html'\nOTHER = DEFAULT_CONTENT_TYPE\n", filename='proj/settings.py', reported=True)


def test_noop_unreadable_star_base():
    check_noop(DefaultContentType, "from .base import *\n\nDEFAULT_CONTENT_TYPE = 'text/html'\n", filename='nowhere/proj/settings.py', reported=True)


def test_noop_not_a_settings_file():
    check_noop(DefaultContentType, "DEFAULT_CONTENT_TYPE = 'text/html'\n", filename='app/views.py')


def test_noop_other_name():
    check_noop(DefaultContentType, "SETTINGS = {'DEFAULT_CONTENT_TYPE': 'text/html'}\n", filename='proj/settings.py')
