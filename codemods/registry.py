"""Finds the codemods: every ``Codemod`` subclass defined in a module of ``codemods/catalogue/``.

    all_codemods()                  # classes, sorted by name
    get("force_text")               # one class (KeyError when unknown)
    codemods_for_change("force-text")
    select(target="4.2", only=(), skip=(), removed_in=None)   # what may run on a 4.2 project
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from codemods import catalogue as _catalogue
from codemods.base import Codemod
from upgrader import versions


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


def all_codemods() -> list[type[Codemod]]:
    return list(_load())


def names() -> list[str]:
    return [c.name for c in _load()]


def get(name: str) -> type[Codemod]:
    for c in _load():
        if c.name == name:
            return c
    raise KeyError(name)


def codemods_for_change(change_id: str) -> list[type[Codemod]]:
    return [c for c in _load() if change_id in c.changes]


def available(codemod: type[Codemod], target: str | None) -> bool:
    """A codemod may run only where its NEW code already works: target >= available_from."""
    if target is None:
        return True
    return versions.feature_key(versions.feature(target)) >= versions.feature_key(versions.feature(codemod.available_from))


def select(target: str | None = None, only=(), skip=(), removed_in: str | None = None) -> list[type[Codemod]]:
    only, skip = set(only or ()), set(skip or ())
    unknown = (only | skip) - set(names())
    if unknown:
        from upgrader.errors import UsageError

        raise UsageError(f"unknown codemod: {', '.join(sorted(unknown))} (see: django-upgrade codemods)")
    chosen = []
    for c in _load():
        if only and c.name not in only:
            continue
        if c.name in skip:
            continue
        if removed_in and versions.feature_key(versions.feature(c.removed_in)) > versions.feature_key(versions.feature(removed_in)):
            continue
        if not available(c, target):
            continue
        chosen.append(c)
    return chosen
