from codemods.catalogue.default_hashing_algorithm import DefaultHashingAlgorithm
from tests.codemods.helpers import check_noop, check_transformed


def test_between_settings():
    check_transformed(DefaultHashingAlgorithm, "DEBUG = False\nDEFAULT_HASHING_ALGORITHM = 'sha256'\nUSE_TZ = True\n",
                      'DEBUG = False\nUSE_TZ = True\n', filename='proj/settings.py')


def test_comment_moves_down():
    check_transformed(DefaultHashingAlgorithm, "DEBUG = False\n\n# legacy option\nDEFAULT_HASHING_ALGORITHM = 'sha256'\n\nUSE_TZ = True\n",
                      'DEBUG = False\n\n# legacy option\n\nUSE_TZ = True\n', filename='proj/settings.py')


def test_trailing_comment():
    check_transformed(DefaultHashingAlgorithm, "DEFAULT_HASHING_ALGORITHM = 'sha256'  # old\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_annotated():
    check_transformed(DefaultHashingAlgorithm, "DEFAULT_HASHING_ALGORITHM: object = 'sha256'\nSECRET_KEY = 'x'\n",
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_last_line():
    check_transformed(DefaultHashingAlgorithm, "import os\n\nSECRET_KEY = os.environ['KEY']\nDEFAULT_HASHING_ALGORITHM = 'sha256'\n",
                      "import os\n\nSECRET_KEY = os.environ['KEY']\n", filename='proj/settings.py')


def test_set_twice():
    check_transformed(DefaultHashingAlgorithm, "DEFAULT_HASHING_ALGORITHM = 'sha256'\nDEBUG = True\nDEFAULT_HASHING_ALGORITHM = 'sha256'\n",
                      'DEBUG = True\n', filename='proj/settings.py')


def test_noop_other_value():
    check_noop(DefaultHashingAlgorithm, "DEFAULT_HASHING_ALGORITHM = 'sha1'\n", filename='proj/settings.py', reported=True)


def test_noop_from_environment():
    check_noop(DefaultHashingAlgorithm, "import os\nDEFAULT_HASHING_ALGORITHM = os.environ.get('X', 'sha256')\n", filename='proj/settings.py', reported=True)


def test_noop_inside_if():
    check_noop(DefaultHashingAlgorithm, "if DEBUG:\n    DEFAULT_HASHING_ALGORITHM = 'sha256'\n", filename='proj/settings.py', reported=True)


def test_noop_read_later():
    check_noop(DefaultHashingAlgorithm, "DEFAULT_HASHING_ALGORITHM = 'sha256'\nOTHER = DEFAULT_HASHING_ALGORITHM\n", filename='proj/settings.py', reported=True)


def test_noop_unreadable_star_base():
    check_noop(DefaultHashingAlgorithm, "from .base import *\n\nDEFAULT_HASHING_ALGORITHM = 'sha256'\n", filename='nowhere/proj/settings.py', reported=True)


def test_noop_not_a_settings_file():
    check_noop(DefaultHashingAlgorithm, "DEFAULT_HASHING_ALGORITHM = 'sha256'\n", filename='app/views.py')


def test_noop_other_name():
    check_noop(DefaultHashingAlgorithm, "SETTINGS = {'DEFAULT_HASHING_ALGORITHM': 'sha256'}\n", filename='proj/settings.py')
