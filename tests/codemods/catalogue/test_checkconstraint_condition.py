from codemods.catalogue.checkconstraint_condition import CheckConstraintCondition as C
from tests.codemods.helpers import check_noop, check_transformed


def test_models_attribute():
    check_transformed(
        C,
        """\
        from django.db import models

        class P(models.Model):
            class Meta:
                constraints = [models.CheckConstraint(check=models.Q(age__gte=18), name="adult")]
        """,
        """\
        from django.db import models

        class P(models.Model):
            class Meta:
                constraints = [models.CheckConstraint(condition=models.Q(age__gte=18), name="adult")]
        """,
    )


def test_from_import():
    check_transformed(
        C,
        "from django.db.models import CheckConstraint, Q\nc = CheckConstraint(name='x', check=Q(a=1))\n",
        "from django.db.models import CheckConstraint, Q\nc = CheckConstraint(name='x', condition=Q(a=1))\n",
    )


def test_constraints_module_and_alias():
    check_transformed(
        C,
        "from django.db.models.constraints import CheckConstraint as CC\nc = CC(check=q, name='x')\n",
        "from django.db.models.constraints import CheckConstraint as CC\nc = CC(condition=q, name='x')\n",
    )


def test_historical_migration():
    check_transformed(
        C,
        """\
        from django.db import migrations, models

        class Migration(migrations.Migration):
            operations = [
                migrations.AddConstraint(
                    model_name="p",
                    constraint=models.CheckConstraint(check=models.Q(("age__gte", 18)), name="adult"),
                ),
            ]
        """,
        """\
        from django.db import migrations, models

        class Migration(migrations.Migration):
            operations = [
                migrations.AddConstraint(
                    model_name="p",
                    constraint=models.CheckConstraint(condition=models.Q(("age__gte", 18)), name="adult"),
                ),
            ]
        """,
        filename="app/migrations/0002_p_adult.py",
    )


def test_multiline_keeps_layout():
    check_transformed(
        C,
        "from django.db import models\nc = models.CheckConstraint(\n    check=models.Q(a=1),  # keep\n    name='x',\n)\n",
        "from django.db import models\nc = models.CheckConstraint(\n    condition=models.Q(a=1),  # keep\n    name='x',\n)\n",
    )


def test_dotted_import():
    check_transformed(
        C,
        "import django.db.models\nc = django.db.models.CheckConstraint(check=q, name='x')\n",
        "import django.db.models\nc = django.db.models.CheckConstraint(condition=q, name='x')\n",
    )


def test_noop_already_condition():
    check_noop(C, "from django.db import models\nc = models.CheckConstraint(condition=q, name='x')\n")


def test_noop_kwargs():
    check_noop(C, "from django.db import models\nc = models.CheckConstraint(**opts)\n", reported=True)


def test_noop_both_keywords():
    check_noop(C, "from django.db import models\nc = models.CheckConstraint(check=a, condition=b, name='x')\n", reported=True)


def test_noop_other_library():
    check_noop(C, "from mylib.constraints import CheckConstraint\nc = CheckConstraint(check=q)\n")


def test_noop_star_import():
    check_noop(C, "from django.db.models import *\nc = CheckConstraint(check=q, name='x')\n", reported=True)


def test_noop_try_import():
    check_noop(
        C,
        "try:\n    from django.db.models import CheckConstraint\nexcept ImportError:\n    CheckConstraint = None\nc = CheckConstraint(check=q, name='x')\n",
        reported=True,
    )
