from codemods.catalogue.get_storage_class import GetStorageClass as C
from tests.codemods.helpers import check_noop, check_transformed


def test_no_args():
    check_transformed(
        C,
        "from django.core.files.storage import get_storage_class\nstorage = get_storage_class()()\n",
        "from django.conf import settings\nfrom django.utils.module_loading import import_string\n"
        "storage = import_string(settings.STORAGES[\"default\"][\"BACKEND\"])()\n",
    )


def test_literal_path():
    check_transformed(
        C,
        "from django.core.files.storage import get_storage_class\ncls = get_storage_class('storages.backends.s3.S3Storage')\n",
        "from django.utils.module_loading import import_string\ncls = import_string('storages.backends.s3.S3Storage')\n",
    )


def test_expression_keeps_fallback():
    check_transformed(
        C,
        "from django.conf import settings\nfrom django.core.files.storage import get_storage_class\n"
        "cls = get_storage_class(settings.PRIVATE_STORAGE)\n",
        "from django.conf import settings\nfrom django.utils.module_loading import import_string\n"
        "cls = import_string(settings.PRIVATE_STORAGE or settings.STORAGES[\"default\"][\"BACKEND\"])\n",
    )


def test_keyword_and_none():
    check_transformed(
        C,
        "from django.conf import settings\nfrom django.core.files.storage import get_storage_class\n"
        "a = get_storage_class(import_path='x.Y')\nb = get_storage_class(None)\n",
        "from django.conf import settings\nfrom django.utils.module_loading import import_string\n"
        "a = import_string('x.Y')\nb = import_string(settings.STORAGES[\"default\"][\"BACKEND\"])\n",
    )


def test_other_imports_kept_and_module_attribute():
    check_transformed(
        C,
        "from django.core.files import storage\nfrom django.core.files.storage import default_storage\n"
        "cls = storage.get_storage_class('a.B')\n",
        "from django.core.files import storage\nfrom django.core.files.storage import default_storage\n"
        "from django.utils.module_loading import import_string\ncls = import_string('a.B')\n",
    )


def test_existing_import_string():
    check_transformed(
        C,
        "from django.utils.module_loading import import_string\nfrom django.core.files.storage import get_storage_class\n"
        "a = get_storage_class('a.B')\nb = import_string('c.D')\n",
        "from django.utils.module_loading import import_string\na = import_string('a.B')\nb = import_string('c.D')\n",
    )


def test_noop_storages_already():
    check_noop(C, "from django.core.files.storage import storages\ns = storages['default']\n")


def test_noop_kwargs():
    check_noop(C, "from django.core.files.storage import get_storage_class\ncls = get_storage_class(**kw)\n", reported=True)


def test_noop_settings_name_taken():
    check_noop(C, "from django.core.files.storage import get_storage_class\nsettings = {}\ncls = get_storage_class()\n",
               reported=True)


def test_noop_try_import():
    check_noop(
        C,
        "try:\n    from django.core.files.storage import get_storage_class\nexcept ImportError:\n    get_storage_class = None\n"
        "cls = get_storage_class('a.B')\n",
        reported=True,
    )


def test_noop_star():
    check_noop(C, "from django.core.files.storage import *\ncls = get_storage_class()\n", reported=True)


def test_noop_other_library():
    check_noop(C, "from storages.utils import get_storage_class\ncls = get_storage_class()\n")
