import pytest

from codemods.catalogue.default_app_config import DefaultAppConfig as C
from tests.codemods.helpers import check_noop, check_transformed

APPS_ONE = """\
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = _("Shop")
"""


@pytest.fixture
def app(tmp_path):
    d = tmp_path / "shop"
    d.mkdir()

    def make(apps_py=APPS_ONE):
        if apps_py is not None:
            (d / "apps.py").write_text(apps_py)
        return str(d / "__init__.py")

    return make


def test_removed_single_config(app):
    check_transformed(C, 'default_app_config = "shop.apps.ShopConfig"\n', "", filename=app())


def test_removed_keeps_other_code_and_comments(app):
    check_transformed(
        C,
        '"""Shop."""\n# the app config\ndefault_app_config = "shop.apps.ShopConfig"\n\nVERSION = 1\n',
        '"""Shop."""\n# the app config\n\nVERSION = 1\n',
        filename=app(),
    )


def test_removed_nested_package_path(tmp_path):
    d = tmp_path / "proj" / "shop"
    d.mkdir(parents=True)
    (d / "apps.py").write_text(APPS_ONE)
    check_transformed(C, "default_app_config = 'proj.shop.apps.ShopConfig'\nx = 1\n", "x = 1\n", filename=str(d / "__init__.py"))


def test_other_config_marked_not_default(app):
    apps = APPS_ONE + "\n\nclass DebugShopConfig(ShopConfig):\n    default = False\n"
    check_transformed(C, 'default_app_config = "shop.apps.ShopConfig"\n', "", filename=app(apps))


def test_named_config_already_default_true_but_others(app):
    apps = APPS_ONE + "\n\nclass OtherConfig(AppConfig):\n    name = 'shop'\n"
    check_noop(C, 'default_app_config = "shop.apps.ShopConfig"\n', filename=app(apps), reported=True)


def test_noop_several_configs(app):
    apps = APPS_ONE + "\n\nclass ShopAdminConfig(ShopConfig):\n    pass\n"
    check_noop(C, 'default_app_config = "shop.apps.ShopConfig"\n', filename=app(apps), reported=True)


def test_noop_config_elsewhere(app):
    check_noop(C, 'default_app_config = "shop.config.ShopConfig"\n', filename=app(), reported=True)


def test_noop_imported_config_in_apps(app):
    apps = "from django.contrib.admin.apps import AdminConfig\n" + APPS_ONE
    check_noop(C, 'default_app_config = "shop.apps.ShopConfig"\n', filename=app(apps), reported=True)


def test_noop_no_apps_py(app):
    check_noop(C, 'default_app_config = "shop.apps.ShopConfig"\n', filename=app(None), reported=True)


def test_noop_inside_try(app):
    check_noop(C, 'try:\n    import django\n    default_app_config = "shop.apps.ShopConfig"\nexcept ImportError:\n    pass\n',
               filename=app(), reported=True)


def test_noop_not_init():
    check_noop(C, 'default_app_config = "shop.apps.ShopConfig"\n', filename="shop/models.py")


def test_noop_named_default_false(app):
    apps = APPS_ONE.replace('    name = "shop"', '    name = "shop"\n    default = False')
    check_noop(C, 'default_app_config = "shop.apps.ShopConfig"\n', filename=app(apps), reported=True)


@pytest.mark.parametrize("apps_py", [None, APPS_ONE + "\n\nclass ShopAdminConfig(ShopConfig):\n    pass\n"])
def test_inert_from_4_1_deleted_whatever_apps_py_holds(app, apps_py):
    check_transformed(C, 'default_app_config = "shop.apps.ShopConfig"\nVERSION = 1\n', 'VERSION = 1\n',
                      filename=app(apps_py), target="4.1")


def test_not_inert_before_4_1(app):
    check_noop(C, 'default_app_config = "shop.apps.ShopConfig"\n', filename=app(None), target="4.0", reported=True)
