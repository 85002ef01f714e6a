from codemods.catalogue.use_tz_default import UseTzDefault as C
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"
C_LINE = "# Explicit: Django 5.0 changed the default of USE_TZ to True"


def test_added_after_installed_apps():
    check_transformed(
        C,
        'INSTALLED_APPS = [\n    "shop",\n]\n\nMIDDLEWARE = []\n',
        f'INSTALLED_APPS = [\n    "shop",\n]\n\n{C_LINE}\nUSE_TZ = False\n\nMIDDLEWARE = []\n',
        filename=S,
    )


def test_at_end_of_file():
    check_transformed(
        C,
        'INSTALLED_APPS = ["shop"]\n',
        f'INSTALLED_APPS = ["shop"]\n\n{C_LINE}\nUSE_TZ = False\n',
        filename=S,
    )


def test_next_statement_without_blank_line():
    check_transformed(
        C,
        'INSTALLED_APPS = ["shop"]\nMIDDLEWARE = []\n',
        f'INSTALLED_APPS = ["shop"]\n\n{C_LINE}\nUSE_TZ = False\n\nMIDDLEWARE = []\n',
        filename=S,
    )


def test_after_last_of_several_assignments():
    check_transformed(
        C,
        'INSTALLED_APPS = ["a"]\nINSTALLED_APPS = INSTALLED_APPS + ["b"]\n',
        f'INSTALLED_APPS = ["a"]\nINSTALLED_APPS = INSTALLED_APPS + ["b"]\n\n{C_LINE}\nUSE_TZ = False\n',
        filename=S,
    )


def test_base_of_settings_package():
    check_transformed(
        C,
        'import os\nSECRET_KEY = os.environ["K"]\nINSTALLED_APPS = ["shop"]\n',
        f'import os\nSECRET_KEY = os.environ["K"]\nINSTALLED_APPS = ["shop"]\n\n{C_LINE}\nUSE_TZ = False\n',
        filename="proj/settings/base.py",
    )


def test_star_import_base_without_apps(tmp_path):
    d = tmp_path / "proj" / "settings"
    d.mkdir(parents=True)
    (d / "common.py").write_text("DEBUG = False\n")
    check_transformed(
        C,
        'from .common import *\nINSTALLED_APPS = ["shop"]\n',
        f'from .common import *\nINSTALLED_APPS = ["shop"]\n\n{C_LINE}\nUSE_TZ = False\n',
        filename=str(d / "prod.py"),
    )


def test_noop_already_set():
    check_noop(C, 'INSTALLED_APPS = ["a"]\nUSE_TZ = True\n', filename=S)


def test_noop_set_inside_if():
    check_noop(C, 'import os\nINSTALLED_APPS = ["a"]\nif os.environ.get("BIG"):\n    USE_TZ = "x"\n', filename=S)


def test_noop_star_base_defines_installed_apps(tmp_path):
    d = tmp_path / "proj" / "settings"
    d.mkdir(parents=True)
    (d / "base.py").write_text('INSTALLED_APPS = ["shop"]\n')
    check_noop(C, 'from .base import *\nINSTALLED_APPS = INSTALLED_APPS + ["debug_toolbar"]\n', filename=str(d / "dev.py"))


def test_noop_star_base_unknown():
    check_noop(C, 'from .base import *\nINSTALLED_APPS = ["x"]\n', filename="nowhere/settings/dev.py", reported=True)


def test_noop_only_augmented():
    check_noop(C, 'from .base import *\nINSTALLED_APPS += ["debug_toolbar"]\n', filename="proj/settings/dev.py")


def test_noop_not_settings():
    check_noop(C, 'APPS = ["a"]\n', filename="app/apps_list.py")


def test_noop_settings_configure_script():
    check_noop(C, 'from django.conf import settings\nINSTALLED_APPS = ["a"]\nsettings.configure(INSTALLED_APPS=INSTALLED_APPS)\n',
               filename="runtests.py", reported=True)


def test_noop_mentioned_only():
    check_noop(C, 'from django.conf import settings\nX = settings.INSTALLED_APPS\n', filename=S)
