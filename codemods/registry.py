"""Finds the codemods: every ``Codemod`` subclass defined in a module of ``codemods/catalogue/``.

    all_codemods()                  # classes, sorted by name
    get("force_text")               # one class (KeyError when unknown)
    codemods_for_change("force-text")   # Entry objects (metadata; .load() gives the class)
    select(target="4.2", only=(), skip=(), removed_in=None)   # what may run on a 4.2 project
    select_entries(target="4.2")    # the same as metadata ``Entry``s, without importing the codemods

The metadata of the catalogue (``entries()``) is kept in the user cache directory, keyed by a hash of
the codemod sources: ``fix`` answered entirely from its result cache never imports a codemod (nor
libcst).
"""

from __future__ import annotations

import functools
import importlib
import json
import pkgutil
from dataclasses import asdict, dataclass

from codemods import catalogue as _catalogue
from codemods.base import Codemod
from core import versions


@functools.lru_cache(maxsize=1)
def _load() -> tuple[type[Codemod], ...]:
    found: dict[str, type[Codemod]] = {}
    for info in pkgutil.iter_modules(_catalogue.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"codemods.catalogue.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Codemod) and obj is not Codemod and obj.name \
                    and obj.__module__ == module.__name__:
                if obj.name in found and found[obj.name] is not obj:
                    raise RuntimeError(f"two codemods named {obj.name!r}")
                found[obj.name] = obj
    return tuple(sorted(found.values(), key=lambda c: c.name))


@dataclass(frozen=True)
class Entry:
    """A codemod's metadata, known without importing its module."""

    name: str
    changes: tuple[str, ...]
    available_from: str
    removed_in: str
    kinds: tuple[str, ...]
    modernize: bool = False  # opt-in (fix --modernize); never selected otherwise

    def load(self) -> type[Codemod]:
        return get(self.name)


@functools.lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    from codemods.cache import sources_digest
    from release_data import user_cache_dir

    path = user_cache_dir() / "catalogue" / f"{sources_digest()}.json"
    try:
        return tuple(Entry(**{**d, "changes": tuple(d["changes"]), "kinds": tuple(d["kinds"])})
                     for d in json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        pass
    found = tuple(Entry(c.name, tuple(c.changes), c.available_from, c.removed_in, tuple(sorted(c.kinds)), c.modernize)
                  for c in _load())
    try:
        from core import atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(str(path), json.dumps([asdict(e) for e in found]))
    except OSError:
        pass  # a read-only cache only costs the import next time
    return found


def all_codemods() -> list[type[Codemod]]:
    return list(_load())


def names() -> list[str]:
    return [e.name for e in entries()]


def get(name: str) -> type[Codemod]:
    for c in _load():
        if c.name == name:
            return c
    raise KeyError(name)


def codemods_for_change(change_id: str) -> list[Entry]:
    """The codemods that fix a release_data change, as metadata (``.name``; ``.load()`` the class)."""
    return [e for e in entries() if change_id in e.changes]


def available(codemod, target: str | None) -> bool:
    """A codemod may run only where its NEW code already works: target >= available_from."""
    if target is None:
        return True
    return versions.feature_key(versions.feature(target)) >= versions.feature_key(versions.feature(codemod.available_from))


def select_entries(target: str | None = None, only=(), skip=(), removed_in: str | None = None,
                   modernize: bool = False) -> list[Entry]:
    """The codemods that may run on a ``target`` project (see ``available``), as metadata.

    Opt-in modernisations (``modernize = True``) are chosen only with ``modernize`` or by name in ``only``."""
    only, skip = set(only or ()), set(skip or ())
    unknown = (only | skip) - set(names())
    if unknown:
        from core.errors import UsageError

        raise UsageError(f"unknown codemod: {', '.join(sorted(unknown))} (see: django-upgrade codemods)")
    chosen = []
    for c in entries():
        if only and c.name not in only:
            continue
        if c.name in skip:
            continue
        if c.modernize and not modernize and c.name not in only:
            continue
        if removed_in and not c.removed_in:
            continue
        if removed_in and versions.feature_key(versions.feature(c.removed_in)) > versions.feature_key(versions.feature(removed_in)):
            continue
        if not available(c, target):
            continue
        chosen.append(c)
    return chosen


def select(target: str | None = None, only=(), skip=(), removed_in: str | None = None,
           modernize: bool = False) -> list[type[Codemod]]:
    """``select_entries``, as the codemod classes."""
    return [e.load() for e in select_entries(target, only, skip, removed_in, modernize)]
