from codemods.catalogue.index_together import IndexTogether as C
from tests.codemods.helpers import check_noop, check_transformed

M = "shop/models.py"
HEAD = "from django.db import models\n\n\nclass Author(models.Model):\n    rank = models.IntegerField()\n\n    class Meta:\n"


def test_list_of_tuples():
    check_transformed(C, HEAD + '        index_together = [("rank", "name")]\n',
                      HEAD + '        indexes = [models.Index(fields=["rank", "name"])]\n', filename=M)


def test_flat_single_group():
    check_transformed(C, HEAD + '        index_together = ("rank", "name")\n',
                      HEAD + '        indexes = [models.Index(fields=["rank", "name"])]\n', filename=M)


def test_several_groups_multiline():
    check_transformed(
        C,
        HEAD + '        ordering = ["rank"]\n        index_together = [["rank", "name"], ["name", "created"], ["a", "b"]]\n',
        HEAD + '        ordering = ["rank"]\n        indexes = [\n'
               '            models.Index(fields=["rank", "name"]),\n'
               '            models.Index(fields=["name", "created"]),\n'
               '            models.Index(fields=["a", "b"]),\n        ]\n',
        filename=M,
    )


def test_merged_into_existing_indexes():
    check_transformed(
        C,
        HEAD + '        indexes = [models.Index(fields=["x"], name="x_idx")]\n        index_together = [("rank", "name")]\n',
        HEAD + '        indexes = [\n            models.Index(fields=["x"], name="x_idx"),\n'
               '            models.Index(fields=["rank", "name"]),\n        ]\n',
        filename=M,
    )


def test_bare_index_import():
    src = "from django.db.models import Index, Model\n\n\nclass A(Model):\n    class Meta:\n        index_together = [('a', 'b')]\n"
    out = "from django.db.models import Index, Model\n\n\nclass A(Model):\n    class Meta:\n        indexes = [Index(fields=['a', 'b'])]\n"
    check_transformed(C, src, out, filename=M)


def test_adds_models_import():
    src = "from django.db.models import Model\n\n\nclass A(Model):\n    class Meta:\n        index_together = [('a', 'b')]\n"
    out = ("from django.db.models import Model\nfrom django.db import models\n\n\nclass A(Model):\n    class Meta:\n"
           "        indexes = [models.Index(fields=['a', 'b'])]\n")
    check_transformed(C, src, out, filename=M)


def test_comment_kept():
    check_transformed(C, HEAD + '        # speed up lookups\n        index_together = [("rank", "name")]  # hot\n',
                      HEAD + '        # speed up lookups\n        indexes = [models.Index(fields=["rank", "name"])]  # hot\n',
                      filename=M)


def test_noop_migration():
    check_noop(C, "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n"
                  "    operations = [migrations.AlterIndexTogether(name='a', index_together={('a', 'b')})]\n",
               filename="shop/migrations/0002_x.py")


def test_noop_migration_create_model_options():
    check_noop(C, "class Meta:\n    index_together = [('a', 'b')]\n", filename="shop/migrations/0001_initial.py")


def test_noop_computed_value():
    check_noop(C, HEAD + "        index_together = BASE_INDEXES\n", filename=M, reported=True)


def test_noop_inherited_meta():
    check_noop(C, HEAD.replace("class Meta:", "class Meta(Base.Meta):") + "        index_together = [('a', 'b')]\n",
               filename=M, reported=True)


def test_noop_models_is_something_else():
    src = "from myapp import models\n\n\nclass A(models.Model):\n    class Meta:\n        index_together = [('a', 'b')]\n"
    check_noop(C, src, filename=M, reported=True)


def test_noop_existing_indexes_not_literal():
    check_noop(C, HEAD + "        indexes = Base.indexes + []\n        index_together = [('a', 'b')]\n", filename=M, reported=True)


def test_noop_not_in_meta():
    check_noop(C, "index_together = [('a', 'b')]\n", filename=M)
