from codemods.catalogue.use_deprecated_pytz import UseDeprecatedPytz
from tests.codemods.helpers import check_noop, check_transformed


def test_between_settings():
    check_transformed(UseDeprecatedPytz, 'DEBUG = False\nUSE_DEPRECATED_PYTZ = False\nUSE_TZ = True\n',
                      'DEBUG = False\nUSE_TZ = True\n', filename='proj/settings.py')


def test_comment_moves_down():
    check_transformed(UseDeprecatedPytz, 'DEBUG = False\n\n# legacy option\nUSE_DEPRECATED_PYTZ = False\n\nUSE_TZ = True\n',
                      'DEBUG = False\n\n# legacy option\n\nUSE_TZ = True\n', filename='proj/settings.py')


def test_trailing_comment():
    check_transformed(UseDeprecatedPytz, "USE_DEPRECATED_PYTZ = False  # old\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_annotated():
    check_transformed(UseDeprecatedPytz, "USE_DEPRECATED_PYTZ: object = False\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_last_line():
    check_transformed(UseDeprecatedPytz, "import os\n\nSECRET_KEY = os.environ['KEY']\nUSE_DEPRECATED_PYTZ = False\n",
                      "import os\n\nSECRET_KEY = os.environ['KEY']\n", filename='proj/settings.py')


def test_set_twice():
    check_transformed(UseDeprecatedPytz, 'USE_DEPRECATED_PYTZ = False\nDEBUG = True\nUSE_DEPRECATED_PYTZ = False\n',
                      'DEBUG = True\n', filename='proj/settings.py')


def test_noop_other_value():
    check_noop(UseDeprecatedPytz, 'USE_DEPRECATED_PYTZ = True\n', filename='proj/settings.py', reported=True)


def test_noop_from_environment():
    check_noop(UseDeprecatedPytz, "import os\nUSE_DEPRECATED_PYTZ = os.environ.get('X', False)\n", filename='proj/settings.py', reported=True)


def test_noop_inside_if():
    check_noop(UseDeprecatedPytz, 'if DEBUG:\n    USE_DEPRECATED_PYTZ = False\n', filename='proj/settings.py', reported=True)


def test_noop_read_later():
    check_noop(UseDeprecatedPytz, 'USE_DEPRECATED_PYTZ = False\nOTHER = USE_DEPRECATED_PYTZ\n', filename='proj/settings.py', reported=True)


def test_noop_unreadable_star_base():
    check_noop(UseDeprecatedPytz, 'from .base import *\n\nUSE_DEPRECATED_PYTZ = False\n', filename='nowhere/proj/settings.py', reported=True)


def test_noop_not_a_settings_file():
    check_noop(UseDeprecatedPytz, 'USE_DEPRECATED_PYTZ = False\n', filename='app/views.py')


def test_noop_other_name():
    check_noop(UseDeprecatedPytz, "SETTINGS = {'USE_DEPRECATED_PYTZ': False}\n", filename='proj/settings.py')
