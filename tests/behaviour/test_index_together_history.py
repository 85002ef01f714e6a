"""Historical migrations without index_together (codemods.index_together_history): unit cases, and on
real Django 4.2 / 5.1 with SQLite: ``migrate`` from an empty database works on 5.1 and every database
- fresh, partly migrated with the old history, fully migrated - ends with the same tables, indexes and
index names as the original history gives on 4.2; ``makemigrations --check`` finds nothing."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import textwrap

import pytest

from codemods.index_together_history import index_name, rewrite_app, write_app

HEAD = "from django.db import migrations, models\nimport django.db.models.deletion\n\n\n"


def _write(d, files):
    d.mkdir(parents=True, exist_ok=True)
    (d / "__init__.py").write_text("")
    for name, body in files.items():
        (d / f"{name}.py").write_text(HEAD + textwrap.dedent(body))
    return d


M1 = """\
class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name='Order',
            fields=[
                ('id', models.AutoField(primary_key=True, serialize=False)),
                ('status', models.CharField(max_length=10)),
                ('created', models.DateTimeField()),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.user')),
            ],
            options={
                'index_together': {('status', 'created')},
            },
        ),
    ]
"""
M2 = """\
class Migration(migrations.Migration):
    dependencies = [('shop', '0001_initial')]
    operations = [
        migrations.AlterIndexTogether(
            name='order',
            index_together={('owner', 'status')},
        ),
    ]
"""
M3 = """\
class Migration(migrations.Migration):
    dependencies = [('shop', '0002_more')]
    operations = [
        migrations.RenameIndex(model_name='order', new_name='shop_order_owner_i_1_idx', old_fields=('owner', 'status')),
    ]
"""


def test_index_name_is_djangos():
    # the name Django 4.2 gives index_together=("status", "created") on table shop_order (seen on a real database)
    assert index_name("shop_order", ["status", "created"]) == "shop_order_status_created_6364bdd8_idx"


def test_rewrites_create_alter_and_rename(tmp_path):
    d = _write(tmp_path / "shop" / "migrations", {"0001_initial": M1, "0002_more": M2, "0003_rename": M3})
    result = rewrite_app(d)
    assert not result.reports
    new = {p.stem: t for p, t in result.changed.items()}
    sc = index_name("shop_order", ["status", "created"])
    os_ = index_name("shop_order", ["owner_id", "status"])
    assert "index_together" not in new["0001_initial"]
    assert f"'indexes': [models.Index(fields=['status', 'created'], name={sc!r})]" in new["0001_initial"]
    assert "AlterIndexTogether" not in new["0002_more"]
    assert f"migrations.RemoveIndex(model_name='order', name={sc!r})" in new["0002_more"]
    assert f"models.Index(fields=['owner', 'status'], name={os_!r})" in new["0002_more"]
    assert f"old_name={os_!r}" in new["0003_rename"] and "old_fields" not in new["0003_rename"]
    write_app(result)
    again = rewrite_app(d)
    assert not again.changed and not again.reports  # idempotent


@pytest.mark.parametrize("extra, why", [
    ("migrations.RenameField(model_name='order', old_name='status', new_name='state'),", "renamed"),
    ("migrations.RemoveField(model_name='order', name='created'),", "removed"),
    ("migrations.RenameModel(old_name='Order', new_name='Purchase'),", "RenameModel"),
])
def test_unsafe_histories_are_left_alone_and_reported(tmp_path, extra, why):
    m2 = M2.replace("    operations = [\n", f"    operations = [\n        {extra}\n")
    d = _write(tmp_path / "shop" / "migrations", {"0001_initial": M1, "0002_more": m2})
    result = rewrite_app(d)
    assert not result.changed
    assert len(result.reports) == 1 and why in result.reports[0][2] and "squash" in result.reports[0][2]


def test_squashed_and_long_names_are_left_alone(tmp_path):
    squashed = M2.replace("dependencies =", "replaces = [('shop', '0001_initial')]\n    dependencies =")
    d = _write(tmp_path / "a" / "shop" / "migrations", {"0001_initial": M1, "0002_more": squashed})
    assert not rewrite_app(d).changed and "squashed" in rewrite_app(d).reports[0][2]
    long = M1.replace("options={", "options={\n                'db_table': 'a_really_long_table_name_for_orders_of_the_shop',")
    d = _write(tmp_path / "b" / "shop" / "migrations", {"0001_initial": long})
    result = rewrite_app(d)
    assert not result.changed and "longer than 63" in result.reports[0][2]


def test_no_index_together_no_work(tmp_path):
    d = _write(tmp_path / "shop" / "migrations", {"0001_initial": M1.replace(
        "            options={\n                'index_together': {('status', 'created')},\n            },\n", "")})
    result = rewrite_app(d)
    assert not result.changed and not result.reports


# -- real Django, real SQLite ---------------------------------------------------------------------

MODELS = '''\
from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=20)


class Order(models.Model):
    status = models.CharField(max_length=10)
    created = models.DateTimeField()
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    note = models.CharField(max_length=10)

    class Meta:
        index_together = [("status", "created")]
'''


def _schema(path) -> dict:
    con = sqlite3.connect(path)
    out = {}
    for (t,) in con.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%' "
                            "and name != 'django_migrations'"):
        idx = {r[1]: (r[2], [c[2] for c in con.execute(f"pragma index_info('{r[1]}')")])
               for r in con.execute(f"pragma index_list('{t}')")}
        out[t] = ([tuple(r[1:6]) for r in con.execute(f"pragma table_info('{t}')")], idx)
    con.close()
    return out


def _manage(py, root, *args):
    proc = subprocess.run([py, "-W", "ignore", "manage.py", *args], cwd=root, capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.integration
def test_real_history_migrates_on_5_1_with_the_same_schema(tmp_path):
    from tests.venvs import make_venv, python_for

    py42 = str(make_venv(python_for(python="3.11"), ["django==4.2.30"]))
    py51 = str(make_venv(python_for(python="3.12"), ["django==5.1.15"]))
    root = tmp_path / "p"
    (root / "proj").mkdir(parents=True)
    (root / "proj" / "__init__.py").write_text("")
    (root / "proj" / "settings.py").write_text(
        'SECRET_KEY = "x"\nINSTALLED_APPS = ["shop"]\nUSE_TZ = True\nDEFAULT_AUTO_FIELD = "django.db.models.AutoField"\n'
        'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}\n')
    (root / "manage.py").write_text('import os, sys\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n'
                                    "from django.core.management import execute_from_command_line\n"
                                    "execute_from_command_line(sys.argv)\n")
    (root / "shop" / "migrations").mkdir(parents=True)
    (root / "shop" / "__init__.py").write_text("")
    (root / "shop" / "migrations" / "__init__.py").write_text("")
    models = root / "shop" / "models.py"
    # the history a real project has: index_together, then more of it plus a table rebuild, then Meta.indexes
    models.write_text(MODELS)
    assert _manage(py42, root, "makemigrations", "shop")[0] == 0
    models.write_text(MODELS.replace("max_length=10)\n\n    class", "max_length=50)\n\n    class").replace(
        '[("status", "created")]', '[("status", "created"), ("customer", "status")]'))
    assert _manage(py42, root, "makemigrations", "shop")[0] == 0
    models.write_text(models.read_text().replace(
        'index_together = [("status", "created"), ("customer", "status")]',
        'indexes = [models.Index(fields=["status", "created"]), models.Index(fields=["customer", "status"])]'))
    code, out = _manage(py42, root, "makemigrations", "shop")
    assert code == 0 and "Rename" in out, out

    db = root / "db.sqlite3"
    assert _manage(py42, root, "migrate")[0] == 0
    expected = _schema(db)
    full = tmp_path / "full.sqlite3"
    shutil.copy(db, full)
    db.unlink()
    assert _manage(py42, root, "migrate", "shop", "0002")[0] == 0
    partial = tmp_path / "partial.sqlite3"
    shutil.copy(db, partial)
    db.unlink()
    # the break this fixes: Django 5.1 cannot migrate the original history from an empty database
    code, out = _manage(py51, root, "migrate")
    assert code != 0 and "Found wrong number (0) of indexes" in out
    db.unlink()

    result = rewrite_app(root / "shop" / "migrations")
    assert not result.reports and len(result.changed) == 3
    write_app(result)

    for py in (py42, py51):
        code, out = _manage(py, root, "makemigrations", "--check", "--dry-run")
        assert code == 0 and "No changes detected" in out, out
        code, out = _manage(py, root, "migrate")
        assert code == 0, out
        assert _schema(db) == expected
        db.unlink()
    for start in (partial, full):  # databases migrated with the old history
        shutil.copy(start, db)
        code, out = _manage(py51, root, "migrate")
        assert code == 0, out
        assert _schema(db) == expected
        db.unlink()


@pytest.mark.integration
def test_plan_explain_and_fix_index_together_4_2_to_5_1(tmp_path):
    """plan names the model and migration lines on 4.2; on 5.1 the failing suite is explained by
    5.1-index-together-removed at the model's line; the codemods (models, then historical migrations)
    plus makemigrations on 4.2 make the suite green on 5.1."""
    import io
    import json

    from click.testing import CliRunner

    import release_data
    from tests.venvs import make_venv, python_for
    from upgrader import explain
    from upgrader.cli import cli
    from upgrader.project import Project
    from upgrader.testrun import run_with_harvester

    py42 = str(make_venv(python_for(python="3.11"), ["django==4.2.30"]))
    py51 = str(make_venv(python_for(python="3.12"), ["django==5.1.15"]))
    root = tmp_path / "p"
    (root / "proj").mkdir(parents=True)
    (root / "proj" / "__init__.py").write_text("")
    (root / "proj" / "settings.py").write_text(
        'SECRET_KEY = "x"\nINSTALLED_APPS = ["shop"]\nUSE_TZ = True\nDEFAULT_AUTO_FIELD = "django.db.models.AutoField"\n'
        'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}\n')
    (root / "manage.py").write_text('import os, sys\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\n'
                                    "from django.core.management import execute_from_command_line\n"
                                    "execute_from_command_line(sys.argv)\n")
    (root / "requirements.txt").write_text("Django==4.2.30\n")
    (root / "shop" / "migrations").mkdir(parents=True)
    (root / "shop" / "__init__.py").write_text("")
    (root / "shop" / "migrations" / "__init__.py").write_text("")
    (root / "shop" / "models.py").write_text(MODELS)
    (root / "shop" / "tests.py").write_text("from django.test import TestCase\n\nfrom shop.models import Order\n\n\n"
                                            "class T(TestCase):\n    def test_orders(self):\n"
                                            "        self.assertEqual(Order.objects.count(), 0)\n")
    assert _manage(py42, root, "makemigrations", "shop")[0] == 0
    meta_line = MODELS.splitlines().index('        index_together = [("status", "created")]') + 1

    r = CliRunner().invoke(cli, ["plan", str(root), "--from", "4.2.30", "--to", "5.1", "--python-version", "3.12",
                                 "--format", "json"])
    doc = json.loads(r.output)
    removed = {rc["id"]: rc for s in doc["steps"] for rc in s["removed"]}
    lines = {(o["file"], o["line"]) for o in removed["index-together"]["occurrences"]}
    assert ("shop/models.py", meta_line) in lines, lines

    result = run_with_harvester(Project(root, py51), [py51, "-Wa", "manage.py", "test"], out=io.StringIO())
    assert result.returncode != 0
    [e] = explain.explain_run(result, root, release_data.load(use_refreshed=False), "4.2", "5.1")
    assert e.change_id in ("5.1-index-together-removed", "index-together") and e.exc_type.endswith("TypeError"), e.headline()
    assert e.location == f"shop/models.py:{meta_line}", e.headline()

    # the mechanical path on 4.2: models -> Meta.indexes, makemigrations (RenameIndex), the history rewritten
    for only in ("index_together", "index_together_migrations"):
        r = CliRunner().invoke(cli, ["fix", str(root), "--target", "4.2", "--only", only, "--no-cache"])
        assert r.exit_code in (0, 1), r.output
        if only == "index_together":
            assert _manage(py42, root, "makemigrations", "shop")[0] == 0
    assert "index_together" not in "".join(p.read_text() for p in (root / "shop").rglob("*.py"))
    (root / "db.sqlite3").unlink(missing_ok=True)
    again = run_with_harvester(Project(root, py51), [py51, "-Wa", "manage.py", "test"], out=io.StringIO())
    assert again.returncode == 0, again.output_tail
