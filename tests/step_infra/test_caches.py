"""clear_caches against real backends: locmem, file-based, database (SQLite), Redis and Memcached."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.step_infra.services import closed_port
from upgrader import caches
from upgrader.cli import cli
from core.errors import UsageError
from upgrader.project import Project

pytestmark = pytest.mark.integration

MANAGE_PY = '''\
#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
'''


def make_project(root: Path, caches_conf: dict, settings_module: str = "shop.settings", manage=True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    pkg = root / settings_module.split(".")[0]
    pkg.mkdir(exist_ok=True)
    (pkg / "__init__.py").write_text("")
    (root / (settings_module.replace(".", "/") + ".py")).write_text(textwrap.dedent(f"""\
        SECRET_KEY = "test"
        INSTALLED_APPS = []
        USE_TZ = True
        DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {str(root / "db.sqlite3")!r}}}}}
        CACHES = {caches_conf!r}
        """))
    if manage:
        (root / "manage.py").write_text(MANAGE_PY.replace("shop.settings", settings_module))
    return root


def django_run(python: Path, project: Path, code: str, settings: str = "shop.settings") -> str:
    """Run ``code`` after django.setup() in the project's interpreter; return its stdout."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=settings, PYTHONPATH=str(project))
    script = "import django\ndjango.setup()\nfrom django.core.cache import caches\n" + textwrap.dedent(code)
    proc = subprocess.run([str(python), "-c", script], cwd=project, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def put(python, project, alias, settings="shop.settings"):
    out = django_run(python, project, f"""
        caches[{alias!r}].set("greeting", "hello", 3600)
        print(caches[{alias!r}].get("greeting"))
        """, settings)
    assert out == "hello"


def get(python, project, alias, settings="shop.settings"):
    return django_run(python, project, f"print(repr(caches[{alias!r}].get('greeting')))", settings)


def test_file_and_database_caches_are_emptied(tmp_path, cache_python):
    conf = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "files": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                  "LOCATION": str(tmp_path / "filecache")},
        "db": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"},
    }
    project = make_project(tmp_path / "proj", conf)
    subprocess.run([str(cache_python), "manage.py", "createcachetable"], cwd=project, check=True,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(project)})
    put(cache_python, project, "files")
    put(cache_python, project, "db")
    assert any((tmp_path / "filecache").iterdir())

    results = caches.clear_caches(Project(project, python=str(cache_python)))

    assert [(r.alias, r.ok, r.error) for r in results] == [("default", True, None), ("files", True, None), ("db", True, None)]
    assert results[1].backend == "django.core.cache.backends.filebased.FileBasedCache"
    assert results[1].location == str(tmp_path / "filecache")
    assert results[2].location == "cache_table"
    assert results[0].note and "per-process" in results[0].note
    assert results[1].note is None
    assert get(cache_python, project, "files") == "None"
    assert get(cache_python, project, "db") == "None"
    assert not [p for p in (tmp_path / "filecache").iterdir() if p.suffix == ".djcache"]


def test_redis_and_memcached_are_emptied(tmp_path, cache_python, redis_url, memcached_location):
    conf = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url},
        "memcached": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
                      "LOCATION": memcached_location},
    }
    project = make_project(tmp_path / "proj", conf)
    put(cache_python, project, "default")
    put(cache_python, project, "memcached")

    results = caches.clear_caches(Project(project, python=str(cache_python)))

    assert [(r.alias, r.backend, r.location, r.ok) for r in results] == [
        ("default", "django.core.cache.backends.redis.RedisCache", redis_url, True),
        ("memcached", "django.core.cache.backends.memcached.PyMemcacheCache", memcached_location, True),
    ]
    assert get(cache_python, project, "default") == "None"
    assert get(cache_python, project, "memcached") == "None"


def test_a_server_that_is_down_is_reported_not_raised(tmp_path, cache_python, redis_url):
    conf = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url},
        "down": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                 "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"},
        "mc-down": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
                    "LOCATION": [f"127.0.0.1:{closed_port()}"]},
    }
    project = make_project(tmp_path / "proj", conf)
    put(cache_python, project, "default")
    results = caches.clear_caches(project, python=str(cache_python))
    by_alias = {r.alias: r for r in results}
    assert by_alias["default"].ok and get(cache_python, project, "default") == "None"
    assert not by_alias["down"].ok and "ConnectionError" in by_alias["down"].error
    assert not by_alias["mc-down"].ok and "refused" in by_alias["mc-down"].error.lower()
    assert "," not in by_alias["mc-down"].location and by_alias["mc-down"].location.startswith("127.0.0.1:")


def test_cli_text_json_and_exit_codes(tmp_path, cache_python, redis_url):
    conf = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url},
        "files": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "fc")},
    }
    project = make_project(tmp_path / "proj", conf)
    (project / "shop" / "__pycache__").mkdir()
    (project / "shop" / "__pycache__" / "settings.cpython-311.pyc").write_bytes(b"stale")
    put(cache_python, project, "default")
    runner = CliRunner()

    text = runner.invoke(cli, ["clear-cache", str(project), "--python", str(cache_python)])
    assert text.exit_code == 0, text.output
    assert f"default  django.core.cache.backends.redis.RedisCache at {redis_url}: cleared" in text.output
    assert "settings shop.settings, from manage.py" in text.output
    assert "Removed 1 stale bytecode file." in text.output
    assert not (project / "shop" / "__pycache__").exists()
    assert get(cache_python, project, "default") == "None"

    put(cache_python, project, "default")
    out = runner.invoke(cli, ["clear-cache", str(project), "--python", str(cache_python), "--format", "json", "--no-bytecode"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["ok"] is True and data["bytecode_removed"] is None
    assert data["settings"] == "shop.settings" and data["settings_source"] == "manage.py"
    assert [c["alias"] for c in data["caches"]] == ["default", "files"]
    assert set(data["caches"][0]) == {"alias", "backend", "location", "ok", "error", "note"}
    assert get(cache_python, project, "default") == "None"


def test_cli_exit_1_when_a_cache_fails(tmp_path, cache_python):
    conf = {"down": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                     "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}}
    project = make_project(tmp_path / "proj", conf)
    proc = subprocess.run(
        [sys.executable, "-m", "upgrader", "clear-cache", str(project), "--python", str(cache_python)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 1
    assert "down  django.core.cache.backends.redis.RedisCache" in proc.stdout
    assert "FAILED: ConnectionError" in proc.stdout
    assert "could not clear: down" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_bad_settings_is_exit_2_one_line(tmp_path, cache_python):
    project = make_project(tmp_path / "proj", {})
    (project / "shop" / "settings.py").write_text("import does_not_exist_anywhere\n")
    proc = subprocess.run(
        [sys.executable, "-m", "upgrader", "clear-cache", str(project), "--python", str(cache_python)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "cannot load the settings shop.settings" in proc.stderr and "does_not_exist_anywhere" in proc.stderr


def test_no_django_in_the_interpreter_is_exit_2(tmp_path):
    project = make_project(tmp_path / "proj", {})
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    with pytest.raises(UsageError, match="no Django in the project's Python"):
        caches.clear_caches(project, python=str(bare / "bin" / "python"))


def test_no_settings_found_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="pass --settings MODULE"):
        caches.clear_caches(tmp_path / "empty", python=sys.executable)
    result = CliRunner().invoke(cli, ["clear-cache", str(tmp_path / "empty"), "--python", sys.executable])
    assert result.exit_code == 2


def test_settings_option_and_config_win(tmp_path, cache_python):
    conf = {"files": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "fc")}}
    project = make_project(tmp_path / "proj", conf, settings_module="conf.prod", manage=False)
    put(cache_python, project, "files", settings="conf.prod")
    (project / "pyproject.toml").write_text('[tool.django-upgrade]\nsettings = "conf.prod"\n')
    results = caches.clear_caches(Project(project, python=str(cache_python)))
    assert [r.alias for r in results] == ["files"]
    assert get(cache_python, project, "files", settings="conf.prod") == "None"
    # --settings beats the configured module
    with pytest.raises(UsageError, match="conf.missing"):
        caches.clear_caches(Project(project, python=str(cache_python)), settings="conf.missing")


def test_clearing_never_creates_a_file(tmp_path, cache_python):
    # a database cache on a development SQLite database that does not exist yet, and a file-based
    # cache whose directory does not exist: clearing them must not create either
    conf = {
        "db": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"},
        "files": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                  "LOCATION": str(tmp_path / "proj" / "var" / "filecache")},
    }
    project = make_project(tmp_path / "proj", conf)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))

    results = caches.clear_caches(Project(project, python=str(cache_python)))

    assert not (project / "db.sqlite3").exists()
    assert not (project / "var").exists()
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    by = {r.alias: r for r in results}
    assert by["db"].ok and "does not exist" in by["db"].note and "db.sqlite3" in by["db"].note
    assert by["files"].ok


def test_clearing_uses_the_settings_configured_in_pyproject(tmp_path, cache_python):
    # no manage.py, no pytest configuration: only [tool.django-upgrade] settings names the module
    conf = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                        "LOCATION": str(tmp_path / "filecache")}}
    project = make_project(tmp_path / "proj", conf, settings_module="conf.dev", manage=False)
    (project / "pyproject.toml").write_text('[tool.django-upgrade]\nsettings = "conf.dev"\n')
    put(cache_python, project, "default", settings="conf.dev")
    results = caches.clear_caches(Project(project, python=str(cache_python)))
    assert [(r.alias, r.ok) for r in results] == [("default", True)]
    assert get(cache_python, project, "default", settings="conf.dev") == "None"
