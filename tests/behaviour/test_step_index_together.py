"""``step`` 5.0 -> 5.1 on a project whose models and historical migrations use index_together (history
written by a real Django 4.2): the step moves the models to Meta.indexes, rewrites the history, runs
makemigrations, installs 5.1 and the suite is green; ``migrate`` works from an empty database on 5.1
and a database migrated with the old history keeps its schema, index names included."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.behaviour.test_index_together_history import MODELS, _manage, _schema
from tests.step.test_step_unit import git, run_cli, write
from tests.venvs import make_venv, python_for

pytestmark = pytest.mark.integration

FILES = {
    ".gitignore": "__pycache__/\n*.sqlite3\n",
    "requirements.txt": "Django==5.0.14\n",
    "manage.py": """
        import os, sys
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
        from django.core.management import execute_from_command_line
        execute_from_command_line(sys.argv)
        """,
    "proj/__init__.py": "",
    "proj/settings.py": """
        SECRET_KEY = "x"
        INSTALLED_APPS = ["shop"]
        USE_TZ = True
        DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
        """,
    "shop/__init__.py": "",
    "shop/migrations/__init__.py": "",
    "shop/tests.py": """
        from django.test import TestCase

        from shop.models import Order


        class T(TestCase):
            def test_orders(self):
                self.assertEqual(Order.objects.count(), 0)
        """,
}


def test_step_5_0_to_5_1_with_index_together_history(tmp_path):
    py42 = str(make_venv(python_for(python="3.11"), ["django==4.2.30"]))
    root = tmp_path / "p"
    write(root, FILES)
    models = root / "shop" / "models.py"
    models.write_text(MODELS)
    assert _manage(py42, root, "makemigrations", "shop")[0] == 0
    two_groups = MODELS.replace("max_length=10)\n\n    class", "max_length=50)\n\n    class").replace(
        '[("status", "created")]', '[("status", "created"), ("customer", "status")]')
    models.write_text(two_groups)
    assert _manage(py42, root, "makemigrations", "shop")[0] == 0
    db = root / "db.sqlite3"
    assert _manage(py42, root, "migrate")[0] == 0
    old_db = tmp_path / "old.sqlite3"
    shutil.move(db, old_db)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")

    venv = make_venv(python_for(python="3.12"), ["django==5.0.14"], fresh=tmp_path / "venv")
    res = run_cli("step", str(root), "--python", str(venv), "--format", "json")
    step = json.loads(res.stdout)["steps"][0]
    assert res.exit_code == 0, res.output[-3000:]
    assert step["to"].startswith("5.1") and step["status"] == "ok"
    text = "".join(p.read_text() for p in (root / "shop").rglob("*.py"))
    assert "'index_together'" not in text and "index_together =" not in text and "AlterIndexTogether(" not in text
    assert "old_fields" not in text
    assert "models.Index(fields=" in models.read_text()

    version = subprocess.run([str(venv), "-c", "import django; print(django.get_version())"], capture_output=True,
                             text=True).stdout.strip()
    assert version.startswith("5.1")
    code, out = _manage(str(venv), root, "makemigrations", "--check", "--dry-run")
    assert code == 0, out
    # an existing database (migrated with the old history on 4.2) and a fresh one: the same schema
    shutil.copy(old_db, db)
    code, out = _manage(str(venv), root, "migrate")
    assert code == 0, out
    existing = _schema(db)
    db.unlink()
    code, out = _manage(str(venv), root, "migrate")
    assert code == 0, out
    assert _schema(db) == existing
    names = set(existing["shop_order"][1])
    assert len([n for n in names if n.endswith("_idx")]) == 2
