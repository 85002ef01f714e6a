import pytest

from codemods.catalogue.model_save_keywords import ModelSaveKeywords as C
from tests.codemods.helpers import check_noop, check_transformed

HEAD = "from django.db import models\n\n\nclass Order(models.Model):\n"
F = "shop/models.py"


def test_super_save_positional():
    check_transformed(
        C,
        HEAD + "    def save(self, *args, **kwargs):\n        super().save(False, False, None, ['a'])\n",
        HEAD + "    def save(self, *args, **kwargs):\n        super().save(force_insert=False, force_update=False, using=None, update_fields=['a'])\n",
        filename=F,
    )


def test_self_save_one_positional():
    check_transformed(
        C, HEAD + "    def touch(self):\n        self.save(True)\n",
        HEAD + "    def touch(self):\n        self.save(force_insert=True)\n", filename=F,
    )


def test_mixed_positional_and_keyword():
    check_transformed(
        C, HEAD + "    def touch(self):\n        self.save(False, False, update_fields=['x'])\n",
        HEAD + "    def touch(self):\n        self.save(force_insert=False, force_update=False, update_fields=['x'])\n", filename=F,
    )


def test_asave():
    check_transformed(
        C, HEAD + "    async def touch(self):\n        await self.asave(False, False, 'replica')\n",
        HEAD + "    async def touch(self):\n        await self.asave(force_insert=False, force_update=False, using='replica')\n",
        filename=F,
    )


def test_direct_model_import():
    check_transformed(
        C, "from django.db.models import Model\nclass A(Model):\n    def f(self):\n        super().save(False, True)\n",
        "from django.db.models import Model\nclass A(Model):\n    def f(self):\n        super().save(force_insert=False, force_update=True)\n",
        filename=F,
    )


def test_super_with_args():
    check_transformed(
        C, HEAD + "    def save(self):\n        super(Order, self).save(False)\n",
        HEAD + "    def save(self):\n        super(Order, self).save(force_insert=False)\n", filename=F,
    )


def test_noop_forwarding():
    check_noop(C, HEAD + "    def save(self, *args, **kwargs):\n        super().save(*args, **kwargs)\n", filename=F)


def test_noop_keywords():
    check_noop(C, HEAD + "    def f(self):\n        self.save(update_fields=['a'])\n", filename=F)


def test_noop_form_save_commit():
    check_noop(C, "def view(request):\n    obj = form.save(False)\n", filename="shop/views.py")


def test_noop_unknown_receiver_reported():
    check_noop(C, "def f(obj):\n    obj.save(False, False, None, ['a'])\n", filename="shop/utils.py", reported=True)


def test_noop_non_model_class():
    check_noop(C, "class Form(forms.ModelForm):\n    def f(self):\n        super().save(False)\n", filename="shop/forms.py")


def test_noop_other_object_in_model():
    check_noop(C, HEAD + "    def f(self):\n        self.form.save(False)\n", filename=F)


def test_noop_migration():
    check_noop(C, "def forwards(apps, schema_editor):\n    o.save(False, False)\n", filename="shop/migrations/0002_data.py")


def test_noop_storage_save_not_reported():
    check_noop(C, "def f(storage, content):\n    storage.save('a.csv', content)\n", filename="shop/utils.py", reported=False)


def test_aliased_model_base():
    check_transformed(C, "from django.db.models import Model as Base\n\n\nclass Item(Base):\n"
                         "    def f(self):\n        self.save(True)\n",
                      "from django.db.models import Model as Base\n\n\nclass Item(Base):\n"
                      "    def f(self):\n        self.save(force_insert=True)\n", filename=F)


def test_noop_star_with_positional_reported():
    check_noop(C, HEAD + "    def save(self, *args, **kwargs):\n        super().save(True, *args)\n", filename=F,
               reported=True)


def test_noop_session_store_super_save():
    check_noop(C, "class SessionStore(DBStore):\n    def save(self, must_create=False):\n"
                  "        super().save(must_create)\n", filename="shop/sessions.py", reported=False)


@pytest.mark.parametrize("source, expected", [
    (HEAD + "    def f(self):\n        super().save(True)\n", True),
    ("from django.db.models import Model as Base\n\nclass Item(Base):\n    def f(self):\n        self.save(True)\n", True),
    ("from django.contrib.sessions.backends.db import SessionStore as DBStore\n\n"
     "class SessionStore(DBStore):\n    def save(self, must_create=False):\n        super().save(must_create)\n", False),
    ("def f(obj):\n    obj.save(False, False)\n", True),  # reported: flags on an unknown object
    ("def f(storage, content):\n    storage.save('a.csv', content)\n", False),
])
def test_confirm(source, expected):
    import ast

    from codemods.apply import make_context

    assert C().confirm(ast.parse(source), source, make_context(F, source, None)) is expected
