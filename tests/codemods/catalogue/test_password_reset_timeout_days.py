from codemods.catalogue.password_reset_timeout_days import PasswordResetTimeoutDays as P
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"


def test_literal():
    check_transformed(P, "PASSWORD_RESET_TIMEOUT_DAYS = 3\n",
                      "PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60  # 3 days\n", filename=S)


def test_one_day():
    check_transformed(P, "DEBUG = False\nPASSWORD_RESET_TIMEOUT_DAYS = 1\n",
                      "DEBUG = False\nPASSWORD_RESET_TIMEOUT = 1 * 24 * 60 * 60  # 1 day\n", filename=S)


def test_keeps_existing_comment():
    check_transformed(P, "# auth\nPASSWORD_RESET_TIMEOUT_DAYS = 7  # a week\n",
                      "# auth\nPASSWORD_RESET_TIMEOUT = 7 * 24 * 60 * 60  # a week\n", filename=S)


def test_environment_expression_kept():
    check_transformed(P, "import os\nPASSWORD_RESET_TIMEOUT_DAYS = int(os.environ.get('RESET_DAYS', '3'))\n",
                      "import os\nPASSWORD_RESET_TIMEOUT = int(os.environ.get('RESET_DAYS', '3')) * 24 * 60 * 60\n",
                      filename=S)


def test_compound_expression_parenthesised():
    check_transformed(P, "BASE = 2\nPASSWORD_RESET_TIMEOUT_DAYS = BASE + 1\n",
                      "BASE = 2\nPASSWORD_RESET_TIMEOUT = (BASE + 1) * 24 * 60 * 60\n", filename=S)


def test_star_import_override():
    check_transformed(P, "from .base import *\nPASSWORD_RESET_TIMEOUT_DAYS = 1\n",
                      "from .base import *\nPASSWORD_RESET_TIMEOUT = 1 * 24 * 60 * 60  # 1 day\n",
                      filename="proj/settings/prod.py")


def test_noop_both_set():
    check_noop(P, "PASSWORD_RESET_TIMEOUT_DAYS = 3\nPASSWORD_RESET_TIMEOUT = 3600\n", filename=S, reported=True)


def test_noop_inside_if():
    check_noop(P, "DEBUG = 1\nif DEBUG:\n    PASSWORD_RESET_TIMEOUT_DAYS = 30\n", filename=S, reported=True)


def test_noop_computed_by_function():
    check_noop(P, "from conf import days\nPASSWORD_RESET_TIMEOUT_DAYS = days('reset')\n", filename=S, reported=True)


def test_noop_augmented():
    check_noop(P, "from .base import *\nPASSWORD_RESET_TIMEOUT_DAYS += 1\n", filename="proj/settings/dev.py", reported=True)


def test_noop_read_later():
    check_noop(P, "PASSWORD_RESET_TIMEOUT_DAYS = 3\nLINK_DAYS = PASSWORD_RESET_TIMEOUT_DAYS\n", filename=S, reported=True)


def test_noop_not_settings():
    check_noop(P, "PASSWORD_RESET_TIMEOUT_DAYS = 3\n", filename="app/forms.py")


def test_noop_keyword_in_override_settings():
    check_noop(P, "ROOT_URLCONF = 'x'\nOVERRIDES = dict(PASSWORD_RESET_TIMEOUT_DAYS=3)\n", filename=S)
