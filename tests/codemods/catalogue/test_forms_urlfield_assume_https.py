from codemods.catalogue.forms_urlfield_assume_https import FormsUrlfieldAssumeHttps as C
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"


def test_removed():
    check_transformed(C, "DEBUG = False\nFORMS_URLFIELD_ASSUME_HTTPS = True\n", "DEBUG = False\n", filename=S)


def test_removed_with_comment_above_kept():
    check_transformed(C, "# transitional\nFORMS_URLFIELD_ASSUME_HTTPS = True\nUSE_TZ = True\n",
                      "# transitional\nUSE_TZ = True\n", filename=S)


def test_removed_in_settings_package(tmp_path):
    # a real settings package: the base module (read from disk) does not set it
    (tmp_path / "settings").mkdir()
    (tmp_path / "settings" / "base.py").write_text("DEBUG = False\n")
    check_transformed(C, "from .base import *\nFORMS_URLFIELD_ASSUME_HTTPS = True\nDEBUG = True\n",
                      "from .base import *\nDEBUG = True\n", filename=str(tmp_path / "settings" / "prod.py"))


def test_noop_settings_package_base_unreadable():
    check_noop(C, "from .base import *\nFORMS_URLFIELD_ASSUME_HTTPS = True\nDEBUG = True\n",
               filename="proj/settings/prod.py", reported=True)


def test_removed_annotated():
    check_transformed(C, "FORMS_URLFIELD_ASSUME_HTTPS: bool = True\nX = 1\n", "X = 1\n", filename=S)


def test_only_setting():
    check_transformed(C, "FORMS_URLFIELD_ASSUME_HTTPS = True\n", "", filename=S)


def test_noop_false_reported():
    check_noop(C, "FORMS_URLFIELD_ASSUME_HTTPS = False\n", filename=S, reported=True)


def test_noop_environment():
    check_noop(C, "import os\nFORMS_URLFIELD_ASSUME_HTTPS = os.environ.get('HTTPS') == '1'\n", filename=S, reported=True)


def test_noop_inside_if():
    check_noop(C, "DEBUG = 0\nif not DEBUG:\n    FORMS_URLFIELD_ASSUME_HTTPS = True\n", filename=S, reported=True)


def test_noop_read_later():
    check_noop(C, "FORMS_URLFIELD_ASSUME_HTTPS = True\nSCHEME = 'https' if FORMS_URLFIELD_ASSUME_HTTPS else 'http'\n",
               filename=S, reported=True)


def test_noop_not_settings():
    check_noop(C, "FORMS_URLFIELD_ASSUME_HTTPS = True\n", filename="app/forms.py")


def test_noop_override_settings_keyword():
    check_noop(C, "from django.test import override_settings\n\n@override_settings(FORMS_URLFIELD_ASSUME_HTTPS=True)\n"
                  "def test():\n    pass\n", filename="app/tests.py")
