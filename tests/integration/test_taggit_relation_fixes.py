"""The three relation-internals breaks django-taggit 1.5 meets on the way to Django 4.2 - no
deprecation period for any of them - fixed by ``fix``, on the real package and real Django 4.2.

* 4.0: ``get_extra_restriction()`` is called without ``where_class`` (``get_extra_restriction_where_class``);
* 4.1: joins read ``path_infos`` / ``reverse_path_infos`` (``path_infos_properties``);
* 4.2: every WHERE child is asked for ``contains_over_clause`` (``where_child_contains_over_clause``).

django-taggit 1.5.1's sdist (SHA-256 checked) is unpacked into a small project next to an app whose
model has a ``TaggableManager``; a query across the tags fails on Django 4.2 before ``fix`` and
works after it.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest

from tests.venvs import cache_root, make_venv, python_for

pytestmark = pytest.mark.integration

TAGGIT = "django-taggit==1.5.1"
TAGGIT_SHA256 = "e5bb62891f458d55332e36a32e19c08d20142c43f74bc5656c803f8af25c084a"

CHECK = textwrap.dedent("""
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["django.contrib.contenttypes", "taggit", "shop"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        DEFAULT_AUTO_FIELD="django.db.models.AutoField", USE_TZ=True,
    )
    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)
    from shop.models import Food
    from taggit.models import Tag

    apple = Food.objects.create(name="apple")
    apple.tags.add("red", "sweet")
    Food.objects.create(name="pear").tags.add("green")
    assert list(Food.objects.filter(tags__name__in=["red"])) == [apple]
    assert sorted(t.name for t in Tag.objects.filter(food=apple.pk)) == ["red", "sweet"]
    assert list(Food.objects.exclude(tags__name__in=["red"]).values_list("name", flat=True)) == ["pear"]
    print("QUERIES OK")
""")


def _taggit_sdist(python: str) -> Path:
    dest = cache_root().parent / "sdists"
    dest.mkdir(parents=True, exist_ok=True)
    for path in dest.glob("django-taggit-1.5.1.tar.gz"):
        if hashlib.sha256(path.read_bytes()).hexdigest() == TAGGIT_SHA256:
            return path
    proc = subprocess.run([python, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                           "--dest", str(dest), TAGGIT], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot download {TAGGIT}: {proc.stderr.strip()[-300:]}")
    path = dest / "django-taggit-1.5.1.tar.gz"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == TAGGIT_SHA256
    return path


@pytest.fixture
def project(tmp_path):
    venv_python = make_venv(python_for(django="4.2"), ["django==4.2.30"])
    with tarfile.open(_taggit_sdist(str(venv_python))) as tar:
        members = [m for m in tar.getmembers() if "/taggit/" in m.name and m.isfile()]
        for m in members:
            m.name = m.name.split("/", 1)[1]
        tar.extractall(tmp_path, members=members)
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "__init__.py").write_text("")
    (tmp_path / "shop" / "models.py").write_text(
        "from django.db import models\nfrom taggit.managers import TaggableManager\n\n\n"
        "class Food(models.Model):\n    name = models.CharField(max_length=50)\n    tags = TaggableManager()\n")
    (tmp_path / "check.py").write_text(CHECK)
    return tmp_path, venv_python


def _queries(root: Path, venv_python) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv_python), "check.py"], cwd=root, capture_output=True, text=True, timeout=300)


def test_fix_makes_taggit_1_5_query_on_django_4_2(project):
    root, venv_python = project
    before = _queries(root, venv_python)
    assert before.returncode != 0 and "QUERIES OK" not in before.stdout
    # (the forward lookup fails first: the field has no path_infos, so it is taken for a plain column)
    assert "Unsupported lookup 'name' for TaggableManager" in before.stderr, before.stderr[-2000:]

    fix = subprocess.run([sys.executable, "-m", "upgrader", "fix", "--target", "4.2", "--no-cache", "taggit"],
                         cwd=root, capture_output=True, text=True, timeout=600)
    assert fix.returncode == 1, fix.stdout + fix.stderr  # files were changed
    managers = (root / "taggit" / "managers.py").read_text()
    assert "def get_extra_restriction(self, alias, related_alias):" in managers
    assert "def path_infos(self):" in managers and "def reverse_path_infos(self):" in managers
    assert "contains_over_clause = False" in managers
    assert "get_extra_restriction_where_class" in fix.stdout and "path_infos_properties" in fix.stdout

    after = _queries(root, venv_python)
    assert after.returncode == 0 and "QUERIES OK" in after.stdout, after.stderr[-3000:]


@pytest.mark.parametrize("codemod", ["get_extra_restriction_where_class", "path_infos_properties",
                                     "where_child_contains_over_clause"])
def test_each_fix_is_needed(project, codemod):
    """Skipping any one of the three leaves the queries broken on 4.2: each fixes a real break."""
    root, venv_python = project
    fix = subprocess.run([sys.executable, "-m", "upgrader", "fix", "--target", "4.2", "--no-cache",
                          "--skip", codemod, "taggit"], cwd=root, capture_output=True, text=True, timeout=600)
    assert fix.returncode in (0, 1), fix.stderr
    after = _queries(root, venv_python)
    assert after.returncode != 0 and "QUERIES OK" not in after.stdout
