"""A small real Django project that hits behaviour changes: a DeleteView with a custom delete()
(4.0), a related manager of an unsaved instance (4.1), an old migration importing
django.utils.timezone.utc (5.0). Runs on Django 3.2 - 5.x with ``manage.py test``."""

from __future__ import annotations

from pathlib import Path

MANAGE = '''\
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
'''

SETTINGS = '''\
SECRET_KEY = "test-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "shop"]
MIDDLEWARE = []
ROOT_URLCONF = "proj.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
'''

URLS = '''\
from django.urls import path

from shop.views import OrderDelete

urlpatterns = [
    path("orders/<int:pk>/delete/", OrderDelete.as_view(), name="order-delete"),
]
'''

MODELS = '''\
import datetime

from django.db import models


class Order(models.Model):
    number = models.IntegerField()
    archived = models.BooleanField(default=False)
    placed = models.DateTimeField(default=datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))


class Line(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE)
    qty = models.IntegerField(default=1)
'''

MIGRATION_0001 = '''\
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.IntegerField()),
                ("archived", models.BooleanField(default=False)),
            ],
        ),
        migrations.CreateModel(
            name="Line",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("qty", models.IntegerField(default=1)),
                ("order", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.order")),
            ],
        ),
    ]
'''

MIGRATION_0002 = '''\
import datetime

from django.db import migrations, models
from django.utils.timezone import utc


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AddField(
            model_name="order",
            name="placed",
            field=models.DateTimeField(default=datetime.datetime(2020, 1, 1, 0, 0, tzinfo=utc)),
        ),
    ]
'''

VIEWS = '''\
from django.http import HttpResponseRedirect
from django.views.generic import DeleteView

from shop.models import Order


class OrderDelete(DeleteView):
    model = Order
    success_url = "/"

    def delete(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.object.archived = True
        self.object.save()
        return HttpResponseRedirect(self.get_success_url())
'''

TESTS = '''\
from django.test import TestCase
from django.urls import reverse

from shop.models import Order


class OrderTests(TestCase):
    def test_delete_archives(self):
        order = Order.objects.create(number=1)
        self.client.post(reverse("order-delete", args=[order.pk]))
        order.refresh_from_db()
        self.assertTrue(order.archived)

    def test_new_order_has_no_lines(self):
        order = Order(number=2)
        self.assertEqual(order.line_set.count(), 0)

    def test_passes(self):
        self.assertEqual(Order.objects.count(), 0)
'''


def make_project(root: Path, django_pin: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "manage.py").write_text(MANAGE)
    (root / "requirements.txt").write_text(f"Django=={django_pin}\n")
    for rel, text in {
        "proj/__init__.py": "", "proj/settings.py": SETTINGS, "proj/urls.py": URLS,
        "shop/__init__.py": "", "shop/models.py": MODELS, "shop/views.py": VIEWS, "shop/tests.py": TESTS,
        "shop/migrations/__init__.py": "", "shop/migrations/0001_initial.py": MIGRATION_0001,
        "shop/migrations/0002_order_placed.py": MIGRATION_0002,
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def line_of(root: Path, rel: str, marker: str) -> int:
    for i, text in enumerate((root / rel).read_text().splitlines(), 1):
        if marker in text:
            return i
    raise AssertionError(f"{marker!r} not in {rel}")
