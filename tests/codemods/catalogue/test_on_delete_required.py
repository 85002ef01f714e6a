import pytest

from codemods.catalogue.on_delete_required import OnDeleteRequired
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.db import models\n\n\nclass Post(models.Model):\n    author = models.ForeignKey("auth.User", related_name="posts")\n',
     'from django.db import models\n\n\nclass Post(models.Model):\n    author = models.ForeignKey("auth.User", related_name="posts", on_delete=models.CASCADE)\n'),
    ('from django.db import models\n\n\nclass Profile(models.Model):\n    user = models.OneToOneField(User)\n',
     'from django.db import models\n\n\nclass Profile(models.Model):\n    user = models.OneToOneField(User, on_delete=models.CASCADE)\n'),
    ('from django.db.models import Model, ForeignKey\n\n\nclass A(Model):\n    b = ForeignKey("B")\n',
     'from django.db.models import Model, ForeignKey, CASCADE\n\n\nclass A(Model):\n    b = ForeignKey("B", on_delete=CASCADE)\n'),
    ('from django.db.models import ForeignKey, CASCADE\nb = ForeignKey(to="B")\n',
     'from django.db.models import ForeignKey, CASCADE\nb = ForeignKey(to="B", on_delete=CASCADE)\n'),
    ('from django.contrib.gis.db import models\nzone = models.ForeignKey("Zone", null=True)\n',
     'from django.contrib.gis.db import models\nzone = models.ForeignKey("Zone", null=True, on_delete=models.CASCADE)\n'),
    ('from django.db import models as m\nx = m.ForeignKey(\n    "B",\n    null=True,\n)\n',
     'from django.db import models as m\nx = m.ForeignKey(\n    "B",\n    null=True,\n    on_delete=m.CASCADE,\n)\n'),
])
def test_transformed(before, after):
    check_transformed(OnDeleteRequired, before, after, filename="shop/models.py")


def test_historical_migration():
    before = '''\
        from django.db import migrations, models
        import django.db.models.deletion


        class Migration(migrations.Migration):
            operations = [
                migrations.AddField(
                    model_name="order",
                    name="customer",
                    field=models.ForeignKey(to="shop.Customer", null=True),
                ),
                migrations.AddField(
                    model_name="order",
                    name="shop",
                    field=models.ForeignKey(to="shop.Shop", on_delete=django.db.models.deletion.CASCADE),
                ),
            ]
        '''
    after = before.replace('field=models.ForeignKey(to="shop.Customer", null=True)',
                           'field=models.ForeignKey(to="shop.Customer", null=True, on_delete=models.CASCADE)')
    check_transformed(OnDeleteRequired, before, after, filename="shop/migrations/0002_order_customer.py")


@pytest.mark.parametrize("source", [
    'from django.db import models\nx = models.ForeignKey("B", models.PROTECT)\n',
    'from django.db import models\nx = models.ForeignKey("B", on_delete=models.SET_NULL, null=True)\n',
    'from django.db import models\nx = models.ManyToManyField("B")\n',
    'from myfields import ForeignKey\nx = ForeignKey("B")\n',
    "doc = 'ForeignKey(Other)'\n",
])
def test_noop(source):
    check_noop(OnDeleteRequired, source)


@pytest.mark.parametrize("source", [
    'from django.db import models\nx = models.ForeignKey("B", **opts)\n',
    'from django.db import models\nx = models.ForeignKey(*args)\n',
    'from django.db.models import *\nx = ForeignKey("B")\n',
    'try:\n    from django.db.models import ForeignKey\nexcept ImportError:\n    ForeignKey = None\nx = ForeignKey("B")\n',
    'from django.db.models import ForeignKey\nCASCADE = "mine"\nx = ForeignKey("B")\n',
])
def test_noop_reported(source):
    check_noop(OnDeleteRequired, source, reported=True)
