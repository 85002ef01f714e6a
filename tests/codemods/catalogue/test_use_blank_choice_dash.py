from codemods.catalogue.use_blank_choice_dash import UseBlankChoiceDash
from tests.codemods.helpers import check_noop, check_transformed


def test_between_settings():
    check_transformed(UseBlankChoiceDash, 'DEBUG = False\nUSE_BLANK_CHOICE_DASH = False\nUSE_TZ = True\n',
                      'DEBUG = False\nUSE_TZ = True\n', filename='proj/settings.py')


def test_comment_moves_down():
    check_transformed(UseBlankChoiceDash, 'DEBUG = False\n\n# legacy option\nUSE_BLANK_CHOICE_DASH = False\n\nUSE_TZ = True\n',
                      'DEBUG = False\n\n# legacy option\n\nUSE_TZ = True\n', filename='proj/settings.py')


def test_trailing_comment():
    check_transformed(UseBlankChoiceDash, "USE_BLANK_CHOICE_DASH = False  # old\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_annotated():
    check_transformed(UseBlankChoiceDash, "USE_BLANK_CHOICE_DASH: object = False\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_last_line():
    check_transformed(UseBlankChoiceDash, "import os\n\nSECRET_KEY = os.environ['KEY']\nUSE_BLANK_CHOICE_DASH = False\n",
                      "import os\n\nSECRET_KEY = os.environ['KEY']\n", filename='proj/settings.py')


def test_set_twice():
    check_transformed(UseBlankChoiceDash, 'USE_BLANK_CHOICE_DASH = False\nDEBUG = True\nUSE_BLANK_CHOICE_DASH = False\n',
                      'DEBUG = True\n', filename='proj/settings.py')


def test_noop_other_value():
    check_noop(UseBlankChoiceDash, 'USE_BLANK_CHOICE_DASH = True\n', filename='proj/settings.py', reported=True)


def test_noop_from_environment():
    check_noop(UseBlankChoiceDash, "import os\nUSE_BLANK_CHOICE_DASH = os.environ.get('X', False)\n", filename='proj/settings.py', reported=True)


def test_noop_inside_if():
    check_noop(UseBlankChoiceDash, 'if DEBUG:\n    USE_BLANK_CHOICE_DASH = False\n', filename='proj/settings.py', reported=True)


def test_noop_read_later():
    check_noop(UseBlankChoiceDash, 'USE_BLANK_CHOICE_DASH = False\nOTHER = USE_BLANK_CHOICE_DASH\n', filename='proj/settings.py', reported=True)


def test_noop_unreadable_star_base():
    check_noop(UseBlankChoiceDash, 'from .base import *\n\nUSE_BLANK_CHOICE_DASH = False\n', filename='nowhere/proj/settings.py', reported=True)


def test_noop_not_a_settings_file():
    check_noop(UseBlankChoiceDash, 'USE_BLANK_CHOICE_DASH = False\n', filename='app/views.py')


def test_noop_other_name():
    check_noop(UseBlankChoiceDash, "SETTINGS = {'USE_BLANK_CHOICE_DASH': False}\n", filename='proj/settings.py')
