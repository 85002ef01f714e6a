from codemods.catalogue.storages_setting import StoragesSetting as C
from tests.codemods.helpers import check_noop, check_transformed

S = "proj/settings.py"

FS = '"django.core.files.storage.FileSystemStorage"'
SF = '"django.contrib.staticfiles.storage.StaticFilesStorage"'


def test_default_only_gets_both_aliases():
    check_transformed(
        C,
        'DEBUG = False\nDEFAULT_FILE_STORAGE = "storages.backends.s3.S3Storage"\n',
        f"""\
        DEBUG = False
        STORAGES = {{
            "default": {{
                "BACKEND": "storages.backends.s3.S3Storage",
            }},
            "staticfiles": {{
                "BACKEND": {SF},
            }},
        }}
        """,
        filename=S,
    )


def test_staticfiles_only():
    check_transformed(
        C,
        'STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"\n',
        f"""\
        STORAGES = {{
            "default": {{
                "BACKEND": {FS},
            }},
            "staticfiles": {{
                "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
            }},
        }}
        """,
        filename=S,
    )


def test_both_merged_at_the_last_one_comments_kept():
    check_transformed(
        C,
        """\
        import os
        # media
        DEFAULT_FILE_STORAGE = os.environ.get("MEDIA_STORAGE", "x.Media")
        STATIC_URL = "/static/"
        # static
        STATICFILES_STORAGE = os.environ["STATIC_STORAGE"]
        """,
        """\
        import os
        # media
        STATIC_URL = "/static/"
        # static
        STORAGES = {
            "default": {
                "BACKEND": os.environ.get("MEDIA_STORAGE", "x.Media"),
            },
            "staticfiles": {
                "BACKEND": os.environ["STATIC_STORAGE"],
            },
        }
        """,
        filename=S,
    )


def test_star_import_base_defines(tmp_path):
    d = tmp_path / "proj" / "settings"
    d.mkdir(parents=True)
    (d / "base.py").write_text('DEFAULT_FILE_STORAGE = "x.Media"\n')
    check_transformed(
        C,
        'from .base import *\nSTATICFILES_STORAGE = "y.Static"\n',
        """\
        from .base import *
        STORAGES = {
            **STORAGES,
            "staticfiles": {
                "BACKEND": "y.Static",
            },
        }
        """,
        filename=str(d / "prod.py"),
    )


def test_star_import_base_without_storage(tmp_path):
    d = tmp_path / "proj" / "settings"
    d.mkdir(parents=True)
    (d / "base.py").write_text('DEBUG = False\n')
    check_transformed(
        C,
        'from .base import *\nSTATICFILES_STORAGE = "y.Static"\n',
        f"""\
        from .base import *
        STORAGES = {{
            "default": {{
                "BACKEND": {FS},
            }},
            "staticfiles": {{
                "BACKEND": "y.Static",
            }},
        }}
        """,
        filename=str(d / "prod.py"),
    )


def test_star_import_base_unknown_reports():
    check_transformed(
        C,
        'from .base import *\nDEFAULT_FILE_STORAGE = "x.Media"\n',
        """\
        from .base import *
        STORAGES = {
            **STORAGES,
            "default": {
                "BACKEND": "x.Media",
            },
        }
        """,
        filename="nowhere/settings/prod.py",
        reported=True,
    )


def test_absolute_star_import_through_chain(tmp_path):
    d = tmp_path / "proj" / "settings"
    d.mkdir(parents=True)
    (d / "__init__.py").write_text("")
    (d / "common.py").write_text('STORAGES = {"default": {"BACKEND": "a"}, "staticfiles": {"BACKEND": "b"}}\n')
    (d / "base.py").write_text("from proj.settings.common import *\n")
    check_transformed(
        C,
        'from proj.settings.base import *\nDEFAULT_FILE_STORAGE = "x.Media"\n',
        """\
        from proj.settings.base import *
        STORAGES = {
            **STORAGES,
            "default": {
                "BACKEND": "x.Media",
            },
        }
        """,
        filename=str(d / "prod.py"),
    )


def test_noop_storages_already_set():
    check_noop(C, 'STORAGES = {}\nDEFAULT_FILE_STORAGE = "x"\n', filename=S, reported=True)


def test_noop_inside_if():
    check_noop(C, 'DEBUG = 1\nif not DEBUG:\n    STATICFILES_STORAGE = "x"\n', filename=S, reported=True)


def test_noop_inside_try():
    check_noop(C, 'try:\n    import storages\n    DEFAULT_FILE_STORAGE = "s"\nexcept ImportError:\n    pass\n',
               filename=S, reported=True)


def test_noop_computed():
    check_noop(C, "from conf import pick\nDEFAULT_FILE_STORAGE = pick('media')\n", filename=S, reported=True)


def test_noop_read_later():
    check_noop(C, 'DEFAULT_FILE_STORAGE = "x"\nTHUMBNAIL_DEFAULT_STORAGE = DEFAULT_FILE_STORAGE\n', filename=S, reported=True)


def test_noop_not_settings():
    check_noop(C, 'DEFAULT_FILE_STORAGE = "x"\n', filename="app/storage.py")
