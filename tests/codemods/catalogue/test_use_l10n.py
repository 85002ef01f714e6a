from codemods.catalogue.use_l10n import UseL10N
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"


def test_removes_true():
    check_transformed(UseL10N, "USE_I18N = True\nUSE_L10N = True\nUSE_TZ = True\n",
                      "USE_I18N = True\nUSE_TZ = True\n", filename=S)


def test_keeps_comment_above():
    check_transformed(
        UseL10N,
        """\
        USE_I18N = True

        # formats
        USE_L10N = True

        USE_TZ = True
        """,
        """\
        USE_I18N = True

        # formats

        USE_TZ = True
        """,
        filename=S,
    )


def test_last_statement():
    check_transformed(UseL10N, "DEBUG = False\nUSE_L10N = True  # always\n", "DEBUG = False\n", filename=S)


def test_settings_package_module():
    check_transformed(UseL10N, "import os\nSECRET_KEY = os.environ['K']\nUSE_L10N = True\n",
                      "import os\nSECRET_KEY = os.environ['K']\n", filename="proj/settings/base.py")


def test_star_import_base_without_setting(tmp_path):
    d = tmp_path / "proj" / "settings"
    d.mkdir(parents=True)
    (d / "base.py").write_text("DEBUG = False\nUSE_L10N = True\n")
    check_transformed(UseL10N, "from .base import *\nUSE_L10N = True\nDEBUG = True\n",
                      "from .base import *\nDEBUG = True\n", filename=str(d / "prod.py"))


def test_noop_false_reported():
    check_noop(UseL10N, "USE_L10N = False\n", filename=S, reported=True)


def test_noop_inside_if():
    check_noop(UseL10N, "DEBUG = True\nif DEBUG:\n    USE_L10N = True\n", filename=S, reported=True)


def test_noop_inside_try():
    check_noop(UseL10N, "try:\n    USE_L10N = True\nexcept Exception:\n    pass\n", filename=S, reported=True)


def test_noop_from_environment():
    check_noop(UseL10N, "import os\nUSE_L10N = os.environ.get('L10N') == '1'\n", filename=S, reported=True)


def test_noop_read_later():
    check_noop(UseL10N, "USE_L10N = True\nUSE_THOUSAND_SEPARATOR = USE_L10N\n", filename=S, reported=True)


def test_noop_star_base_sets_false(tmp_path):
    d = tmp_path / "proj" / "settings"
    d.mkdir(parents=True)
    (d / "base.py").write_text("USE_L10N = False\n")
    check_noop(UseL10N, "from .base import *\nUSE_L10N = True\n", filename=str(d / "prod.py"), reported=True)


def test_noop_star_base_unknown():
    check_noop(UseL10N, "from .base import *\nUSE_L10N = True\n", filename="nowhere/settings/prod.py", reported=True)


def test_noop_not_a_settings_file():
    check_noop(UseL10N, "USE_L10N = True\n", filename="app/views.py")


def test_noop_augmented_and_class():
    check_noop(UseL10N, "class Prod:\n    USE_L10N = True\n", filename=S, reported=True)
