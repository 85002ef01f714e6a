"""Clear the PROJECT's caches through its own settings, in its own interpreter; remove stale bytecode.

    find_settings(project_dir, explicit=None, config=None) -> SettingsModule(module, source) | None
        ``--settings`` wins, then ``[tool.django-upgrade] settings``, then manage.py's
        ``os.environ.setdefault("DJANGO_SETTINGS_MODULE", "...")`` (read with ast, never run), then
        pytest-django's ``DJANGO_SETTINGS_MODULE`` in pytest.ini / pyproject.toml / setup.cfg / tox.ini,
        then ``$DJANGO_SETTINGS_MODULE`` of the environment.
    clear_caches(project, settings=None, python=None) -> list[ClearedCache(alias, backend, location, ok, error, note)]
        Runs a small script under the project's interpreter: ``django.setup()``, then
        ``caches[alias].clear()`` for every alias of ``settings.CACHES``. A cache that cannot be cleared
        (its server is down) is reported with ``ok=False`` and the error; it never raises for that.
        Raises UsageError when the settings cannot be found or loaded, or Django is missing.
    clear_bytecode(project_dir) -> int
        Removes ``__pycache__`` directories and stray ``*.pyc``/``*.pyo`` files under the project (never
        inside virtualenvs, .git, node_modules, .tox/.nox or the tool's .django-upgrade/); returns the
        number of bytecode files removed.

Clearing never creates a file: a database cache whose SQLite database does not exist yet, or a
file-based cache whose directory does not exist, is reported with a ``note`` and left alone
(connecting to the database, or creating the cache object, would create them).

A ``locmem``/``dummy`` cache lives in each process's memory: clearing it from a new process cannot
reach a running server's memory, so its entry carries a ``note`` saying the server's restart clears it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from core import run as _run

from core.errors import UsageError
from core.settings import SettingsModule, find_settings_module, import_roots, settings_from_script

MARKER = "@@django-upgrade-clear-cache@@"

CLEAR_SCRIPT = r"""
import json, os, sys
MARKER = %r
def emit(data):
    sys.stdout.write("\n" + MARKER + json.dumps(data) + "\n")
    sys.stdout.flush()
try:
    import django
except Exception as exc:
    emit({"fatal": "django is not importable: %%s: %%s" %% (type(exc).__name__, exc), "kind": "django"})
    sys.exit(0)
try:
    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    aliases = list(settings.CACHES)
except Exception as exc:
    emit({"fatal": "%%s: %%s" %% (type(exc).__name__, exc), "kind": "settings", "django": django.get_version()})
    sys.exit(0)
results = []
for alias in aliases:
    conf = settings.CACHES[alias] or {}
    backend = conf.get("BACKEND", "")
    location = conf.get("LOCATION", "")
    if isinstance(location, (list, tuple)):
        location = ",".join(str(x) for x in location)
    entry = {"alias": alias, "backend": backend, "location": str(location or ""), "ok": True, "error": None}
    try:
        missing = None
        if backend.endswith("filebased.FileBasedCache") and location and not os.path.exists(str(location)):
            missing = "directory %%s" %% location  # (creating the cache object would create it)
        elif backend.endswith("db.DatabaseCache"):
            from django.db import connections, router
            cache = caches[alias]
            db = router.db_for_write(cache.cache_model_class)
            conf = connections[db].settings_dict
            name = str(conf.get("NAME") or "")
            if "sqlite3" in conf.get("ENGINE", "") and name and name != ":memory:" and "mode=memory" not in name \
                    and not os.path.exists(name):
                missing = "SQLite database %%s" %% name
        if missing is not None:
            entry["note"] = "its %%s does not exist: nothing to clear (not created)" %% missing
            results.append(entry)
            continue
        caches[alias].clear()
    except Exception as exc:
        entry["ok"] = False
        entry["error"] = ("%%s: %%s" %% (type(exc).__name__, exc)).strip()
    results.append(entry)
emit({"caches": results, "django": django.get_version()})
""" % MARKER

IN_PROCESS_BACKENDS = ("locmem.LocMemCache", "dummy.DummyCache")



@dataclass
class ClearedCache:
    alias: str
    backend: str
    location: str
    ok: bool
    error: str | None = None
    note: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- settings discovery
# The one settings rule lives in core.settings; these names stay for the callers of this module.
settings_from_manage_py = settings_from_script


def find_settings(project_dir: str | Path, explicit: str | None = None, config: dict | None = None) -> SettingsModule | None:
    """``--settings``, ``[tool.django-upgrade] settings``, manage.py, pytest/tox/setup.cfg, runtests.py,
    ``$DJANGO_SETTINGS_MODULE`` (``core.settings.find_settings_module``)."""
    return find_settings_module(Path(project_dir), explicit, (config or {}).get("settings"))


def project_sys_path(project_dir: Path) -> list[str]:
    """Directories the project's code is imported from: manage.py's directory, the root, src/."""
    return [str(p) for p in import_roots(project_dir)]


def django_env(project_dir: Path, settings_module: str, python: str | None = None) -> dict[str, str]:
    """The environment for running the project's Django code in a subprocess (``core.run``'s policy)."""
    env = _run.project_env(python, settings=settings_module, pythonpath=project_sys_path(Path(project_dir)))
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return env


# --------------------------------------------------------------------------- clearing

def _project_parts(project) -> tuple[Path, dict, str | None]:
    """Accept a ``upgrader.project.Project`` or a plain directory."""
    if hasattr(project, "dir") and hasattr(project, "config"):
        return Path(project.dir), dict(project.config), None
    return Path(project).resolve(), {}, None


def clear_caches(project, settings: str | None = None, python: str | None = None, timeout: float = 300) -> list[ClearedCache]:
    """Clear every alias of the project's ``CACHES``; see the module docstring."""
    project_dir, config, _ = _project_parts(project)
    found = find_settings(project_dir, settings, config)
    if found is None:
        raise UsageError(
            f"cannot find the settings module of {project_dir}: pass --settings MODULE "
            "or set [tool.django-upgrade] settings"
        )
    if python is None:
        if hasattr(project, "interpreter"):
            python = project.interpreter.path
        else:
            from core.interpreter import find_interpreter

            python = find_interpreter(project_dir, None, config.get("python")).path
    try:
        proc = _run.run([str(python), "-c", CLEAR_SCRIPT], cwd=project_dir, env=django_env(project_dir, found.module, python),
                        timeout=timeout)
    except _run.TimeoutExpired:
        raise UsageError(f"clearing the caches with {python} did not finish within {timeout:.0f}s") from None
    except OSError as exc:
        raise UsageError(f"cannot run the project's Python {python}: {exc}") from None
    data = None
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER):])
            break
    if data is None:
        last = (proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}, no output"])[-1]
        raise UsageError(f"cannot load the settings {found.module} ({found.source}) with {python}: {last}")
    if "fatal" in data:
        if data.get("kind") == "django":
            raise UsageError(f"no Django in the project's Python {python}: {data['fatal']}")
        raise UsageError(f"cannot load the settings {found.module} (from {found.source}): {data['fatal']}")
    results = []
    for entry in data["caches"]:
        cleared = ClearedCache(**entry)
        if cleared.ok and not cleared.note and cleared.backend.endswith(IN_PROCESS_BACKENDS):
            cleared.note = "per-process memory: running servers drop it when they restart"
        results.append(cleared)
    return results


# --------------------------------------------------------------------------- bytecode

def clear_bytecode(project_dir: str | Path) -> int:
    """Remove ``__pycache__`` directories and stray ``*.pyc``/``*.pyo`` under the project (the file
    layer's ``bytecode_under``: never inside virtualenvs, VCS or tool directories, nor behind
    symlinks); return how many bytecode files were removed."""
    from core import files

    caches_dirs, stray = files.bytecode_under(Path(project_dir))
    removed = 0
    for cache in caches_dirs:
        removed += len(files.files_in(cache, (".pyc", ".pyo")))
        shutil.rmtree(cache, ignore_errors=True)
    for f in stray:
        try:
            f.unlink()
            removed += 1
        except OSError:
            pass
    return removed
