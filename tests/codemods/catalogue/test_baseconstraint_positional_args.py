from codemods.catalogue.baseconstraint_positional_args import BaseconstraintPositionalArgs
from tests.codemods.helpers import check_noop, check_transformed


def test_super_init_in_custom_constraint():
    check_transformed(
        BaseconstraintPositionalArgs,
        """\
        from django.db.models import BaseConstraint


        class NoOverlap(BaseConstraint):
            def __init__(self, name, message=None):
                super().__init__(name, message)
        """,
        """\
        from django.db.models import BaseConstraint


        class NoOverlap(BaseConstraint):
            def __init__(self, name, message=None):
                super().__init__(name=name, violation_error_message=message)
        """,
    )


def test_direct_call_name_only():
    check_transformed(
        BaseconstraintPositionalArgs,
        "from django.db.models import BaseConstraint\nc = BaseConstraint('n')\n",
        "from django.db.models import BaseConstraint\nc = BaseConstraint(name='n')\n",
    )


def test_mixed_positional_and_keyword():
    check_transformed(
        BaseconstraintPositionalArgs,
        "from django.db.models import BaseConstraint\nc = BaseConstraint('n', violation_error_code='x')\n",
        "from django.db.models import BaseConstraint\nc = BaseConstraint(name='n', violation_error_code='x')\n",
    )


def test_constraints_module():
    check_transformed(
        BaseconstraintPositionalArgs,
        "from django.db.models.constraints import BaseConstraint\n"
        "class C(BaseConstraint):\n    def __init__(self, n):\n        super().__init__(n, 'bad')\n",
        "from django.db.models.constraints import BaseConstraint\n"
        "class C(BaseConstraint):\n    def __init__(self, n):\n        super().__init__(name=n, violation_error_message='bad')\n",
    )


def test_models_attribute():
    check_transformed(
        BaseconstraintPositionalArgs,
        "from django.db import models\nclass C(models.BaseConstraint):\n    def __init__(self, n):\n"
        "        super().__init__(n)\n",
        "from django.db import models\nclass C(models.BaseConstraint):\n    def __init__(self, n):\n"
        "        super().__init__(name=n)\n",
    )


def test_in_migration():
    check_transformed(
        BaseconstraintPositionalArgs,
        "from django.db import models\nC = models.BaseConstraint('n')\n",
        "from django.db import models\nC = models.BaseConstraint(name='n')\n",
        filename="app/migrations/0005_c.py",
    )


def test_noop_unique_constraint_expressions():
    check_noop(BaseconstraintPositionalArgs,
               "from django.db.models import UniqueConstraint, F\nu = UniqueConstraint(F('a'), name='u')\n")


def test_noop_check_constraint_subclass():
    check_noop(
        BaseconstraintPositionalArgs,
        "from django.db.models import CheckConstraint\nclass C(CheckConstraint):\n"
        "    def __init__(self, *a, **kw):\n        super().__init__(*a, **kw)\n",
    )


def test_noop_keywords_already():
    check_noop(BaseconstraintPositionalArgs,
               "from django.db.models import BaseConstraint\nc = BaseConstraint(name='n', violation_error_message='m')\n")


def test_noop_star_args():
    check_noop(
        BaseconstraintPositionalArgs,
        "from django.db.models import BaseConstraint\nclass C(BaseConstraint):\n"
        "    def __init__(self, *args):\n        super().__init__(*args)\n",
        reported=True,
    )


def test_noop_star_import():
    check_noop(BaseconstraintPositionalArgs, "from django.db.models import *\nc = BaseConstraint('n')\n", reported=True)


def test_noop_other_base_constraint():
    check_noop(BaseconstraintPositionalArgs, "from mylib import BaseConstraint\nc = BaseConstraint('n')\n")
