from codemods.catalogue.file_charset import FileCharset
from tests.codemods.helpers import check_noop, check_transformed


def test_between_settings():
    check_transformed(FileCharset, 'DEBUG = False\nFILE_CHARSET = "utf-8"\nUSE_TZ = True\n',
                      'DEBUG = False\nUSE_TZ = True\n', filename='proj/settings.py')


def test_comment_moves_down():
    check_transformed(FileCharset, 'DEBUG = False\n\n# legacy option\nFILE_CHARSET = "utf-8"\n\nUSE_TZ = True\n',
                      'DEBUG = False\n\n# legacy option\n\nUSE_TZ = True\n', filename='proj/settings.py')


def test_trailing_comment():
    check_transformed(FileCharset, 'FILE_CHARSET = "utf-8"  # old\nSECRET_KEY = \'x\'\n',
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_annotated():
    check_transformed(FileCharset, 'FILE_CHARSET: object = "utf-8"\nSECRET_KEY = \'x\'\n',
                      "SECRET_KEY = 'x'\n", filename='proj/settings.py')


def test_last_line():
    check_transformed(FileCharset, 'import os\n\nSECRET_KEY = os.environ[\'KEY\']\nFILE_CHARSET = "utf-8"\n',
                      "import os\n\nSECRET_KEY = os.environ['KEY']\n", filename='proj/settings.py')


def test_set_twice():
    check_transformed(FileCharset, 'FILE_CHARSET = "utf-8"\nDEBUG = True\nFILE_CHARSET = "utf-8"\n',
                      'DEBUG = True\n', filename='proj/settings.py')


def test_other_spelling():
    check_transformed(FileCharset, "FILE_CHARSET = 'UTF8'\n",
                      '', filename='proj/settings.py')


def test_noop_other_value():
    check_noop(FileCharset, 'FILE_CHARSET = "latin-1"\n', filename='proj/settings.py', reported=True)


def test_noop_from_environment():
    check_noop(FileCharset, 'import os\nFILE_CHARSET = os.environ.get(\'X\', "utf-8")\n', filename='proj/settings.py', reported=True)


def test_noop_inside_if():
    check_noop(FileCharset, 'if DEBUG:\n    FILE_CHARSET = "utf-8"\n', filename='proj/settings.py', reported=True)


def test_noop_read_later():
    check_noop(FileCharset, 'FILE_CHARSET = "utf-8"\nOTHER = FILE_CHARSET\n', filename='proj/settings.py', reported=True)


def test_noop_unreadable_star_base():
    check_noop(FileCharset, 'from .base import *\n\nFILE_CHARSET = "utf-8"\n', filename='nowhere/proj/settings.py', reported=True)


def test_noop_not_a_settings_file():
    check_noop(FileCharset, 'FILE_CHARSET = "utf-8"\n', filename='app/views.py')


def test_noop_other_name():
    check_noop(FileCharset, 'SETTINGS = {\'FILE_CHARSET\': "utf-8"}\n', filename='proj/settings.py')


def test_star_base_without_the_setting(tmp_path):
    (tmp_path / "settings").mkdir()
    (tmp_path / "settings" / "base.py").write_text("DEBUG = False\n")
    check_transformed(FileCharset, "from .base import *\n\nFILE_CHARSET = 'utf-8'\nDEBUG = True\n",
                      "from .base import *\nDEBUG = True\n", filename=str(tmp_path / "settings" / "dev.py"))


def test_noop_star_base_sets_another_charset(tmp_path):
    (tmp_path / "settings").mkdir()
    (tmp_path / "settings" / "base.py").write_text("FILE_CHARSET = 'latin-1'\n")
    check_noop(FileCharset, "from .base import *\n\nFILE_CHARSET = 'utf-8'\n",
               filename=str(tmp_path / "settings" / "dev.py"), reported=True)
