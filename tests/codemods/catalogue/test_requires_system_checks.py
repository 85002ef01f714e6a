from codemods.catalogue.requires_system_checks import RequiresSystemChecks as C
from tests.codemods.helpers import check_elided, check_noop, check_transformed

F = "shop/management/commands/sync.py"


def test_false():
    check_transformed(
        C,
        "from django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n    requires_system_checks = False\n",
        "from django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n    requires_system_checks = []\n",
        filename=F,
    )


def test_true():
    check_transformed(
        C,
        "from django.core.management import BaseCommand\n\nclass Command(BaseCommand):\n    requires_system_checks = True\n",
        'from django.core.management import BaseCommand\n\nclass Command(BaseCommand):\n    requires_system_checks = "__all__"\n',
        filename=F,
    )


def test_label_command_alias():
    check_transformed(
        C,
        "from django.core.management.base import LabelCommand as LC\n\nclass Command(LC):\n    help = 'x'\n    requires_system_checks = False  # fast\n",
        "from django.core.management.base import LabelCommand as LC\n\nclass Command(LC):\n    help = 'x'\n    requires_system_checks = []  # fast\n",
        filename=F,
    )


def test_module_attribute_base():
    check_transformed(
        C,
        "from django.core.management import base\n\nclass Command(base.AppCommand):\n    requires_system_checks = False\n",
        "from django.core.management import base\n\nclass Command(base.AppCommand):\n    requires_system_checks = []\n",
        filename=F,
    )


def test_builtin_command_subclass():
    check_transformed(
        C,
        "from django.core.management.commands.runserver import Command as RunserverCommand\n\n"
        "class Command(RunserverCommand):\n    requires_system_checks = False\n",
        "from django.core.management.commands.runserver import Command as RunserverCommand\n\n"
        "class Command(RunserverCommand):\n    requires_system_checks = []\n",
        filename=F,
    )


def test_local_subclass_chain():
    check_transformed(
        C,
        "from django.core.management.base import BaseCommand\n\nclass Base(BaseCommand):\n    pass\n\n"
        "class Command(Base):\n    requires_system_checks = True\n",
        "from django.core.management.base import BaseCommand\n\nclass Base(BaseCommand):\n    pass\n\n"
        'class Command(Base):\n    requires_system_checks = "__all__"\n',
        filename=F,
    )


def test_noop_already_list():
    check_noop(C, "from django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n"
                  "    requires_system_checks = []\n", filename=F)


def test_noop_unknown_base_reported():
    check_noop(C, "from myproject.commands import ProjectCommand\n\nclass Command(ProjectCommand):\n"
                  "    requires_system_checks = False\n", filename=F, reported=True)


def test_noop_try_import_reported():
    check_noop(
        C,
        "try:\n    from django.core.management.base import BaseCommand\nexcept ImportError:\n    BaseCommand = object\n\n"
        "class Command(BaseCommand):\n    requires_system_checks = False\n",
        filename=F,
        reported=True,
    )


def test_noop_instance_attribute():
    check_noop(C, "from django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n"
                  "    def handle(self):\n        self.requires_system_checks = False\n", filename=F)


def test_noop_non_literal():
    check_noop(C, "from django.core.management.base import BaseCommand\nFLAG = False\n\nclass Command(BaseCommand):\n"
                  "    requires_system_checks = FLAG\n", filename=F)


def test_noop_module_level_name():
    check_noop(C, "requires_system_checks = False\n", filename="app/util.py")


def test_elided_base_defined_earlier():
    # the base class holds no trigger: it stays in view (the file's base-class names are needles), so the
    # command deriving from it is rewritten, as in the whole-file run; the unrelated helper is hidden
    check_elided(
        C,
        "from django.core.management.base import BaseCommand\n\n\ndef helper():\n    return 1\n\n\n"
        "class Base(BaseCommand):\n    help = 'x'\n\n\nclass Mid(Base):\n    pass\n\n\n"
        "class Command(Mid):\n    requires_system_checks = False\n",
        "from django.core.management.base import BaseCommand\n\n\ndef helper():\n    return 1\n\n\n"
        "class Base(BaseCommand):\n    help = 'x'\n\n\nclass Mid(Base):\n    pass\n\n\n"
        "class Command(Mid):\n    requires_system_checks = []\n",
        filename=F,
    )


def test_needles_before_confirm():
    assert C().prune_needles() == ()  # not pruned until a file is confirmed
