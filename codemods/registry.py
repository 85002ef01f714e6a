"""Finds the codemods: every ``Codemod`` subclass defined in a module of ``codemods/catalogue/``.

    all_codemods()                  # classes, sorted by name
    get("force_text")               # one class (KeyError when unknown): imports its module alone
    codemods_for_change("force-text")   # Entry objects (metadata; .load() gives the class)
    deferred(entry)                 # a stand-in that imports the codemod when first asked more
                                    # than its metadata (``Deferred``)
    select(target="4.2", only=(), skip=(), removed_in=None)   # what may run on a 4.2 project
    select_entries(target="4.2")    # the same as metadata ``Entry``s, without importing the codemods

The metadata of the catalogue (``entries()``) is kept in the user cache directory, keyed by a hash of
the codemod sources: ``fix`` answered entirely from its result cache never imports a codemod (nor
libcst), and a file whose text holds none of a codemod's triggers never imports that codemod (the
metadata has the triggers: ``Deferred``, ``codemods.gate``).
"""

from __future__ import annotations

import functools
import importlib
import json
import pkgutil
from dataclasses import asdict, dataclass, field, fields

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
    module: str = ""  # where the class is defined (``load`` imports this module alone)
    triggers: tuple[str, ...] = ()
    migrations: bool = True
    own_prefilter: bool = False  # the class's ``prefilter`` is its own (else: one of the triggers)
    # the raw line-level items its tables give the detection (``codemods.detect.spec.table_items``)
    tables: tuple = field(default=(), compare=False)

    def load(self) -> type[Codemod]:
        """The class: its module alone imported (the whole catalogue only if it is not found there)."""
        return (_class_in(self.module, self.name) if self.module else None) or _in_catalogue(self.name)


def _class_in(module_name: str, name: str) -> type[Codemod] | None:
    module = importlib.import_module(module_name)
    for obj in vars(module).values():
        if isinstance(obj, type) and issubclass(obj, Codemod) and obj.__module__ == module_name \
                and obj.name == name:
            return obj
    return None


def _entry(c: type[Codemod]) -> Entry:
    from codemods.detect.spec import table_items

    return Entry(c.name, tuple(c.changes), c.available_from, c.removed_in, tuple(sorted(c.kinds)), c.modernize,
                 c.__module__, tuple(c.triggers), bool(c.migrations), c.prefilter is not Codemod.prefilter,
                 tuple(table_items(c)))


_TUPLES = ("changes", "kinds", "triggers", "tables")
_FIELDS = {f.name for f in fields(Entry)}


@functools.lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    from codemods.cache import sources_digest
    from release_data import user_cache_dir

    path = user_cache_dir() / "catalogue" / f"{sources_digest()}.json"
    try:
        got = json.loads(path.read_text(encoding="utf-8"))
        if all(d.keys() == _FIELDS for d in got):  # (else written by another version: made again)
            return tuple(Entry(**{**d, **{k: tuple(d[k]) for k in _TUPLES}}) for d in got)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass
    found = tuple(_entry(c) for c in _load())
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
    entry = next((e for e in entries() if e.name == name), None)
    return entry.load() if entry is not None else _in_catalogue(name)


def _in_catalogue(name: str) -> type[Codemod]:
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


class Deferred:
    """A codemod known by its metadata (a ``registry.Entry``), imported when first asked more.

    The engine and the detection ask every file which codemods its text may concern: the gate reads
    the triggers (``codemods.gate``), ``kinds`` and ``migrations`` say where a codemod runs, and a
    prefilter that is the base class's (one of the triggers in the text) is answered here. Only a
    codemod whose own prefilter, ``confirm`` or ``transform`` is wanted is imported (its module alone,
    and libcst with it): a run over files that hold none of the triggers imports neither.
    """

    __slots__ = ("entry", "name", "kinds", "migrations", "triggers", "_codemod")

    def __init__(self, entry: Entry):
        self.entry, self.name = entry, entry.name
        self.kinds, self.migrations, self.triggers = frozenset(entry.kinds), entry.migrations, entry.triggers
        self._codemod = None

    @property
    def codemod(self) -> Codemod:
        """The codemod itself (its module imported the first time)."""
        got = self._codemod
        if got is None:
            got = self._codemod = self.entry.load()()
        return got

    @property
    def loaded(self) -> bool:
        return self._codemod is not None

    def prefilter(self, text: str) -> bool:
        if self.entry.own_prefilter:
            return self.codemod.prefilter(text)
        return Codemod.prefilter(self, text)  # (the base class's: one of the triggers)

    def __getattr__(self, attr: str):  # (everything else: the codemod's own)
        return getattr(self.codemod, attr)

    def __repr__(self) -> str:
        return f"<Deferred {self.name}{' (loaded)' if self._codemod is not None else ''}>"


def deferred(codemod) -> "Deferred | Codemod":
    """A ``Deferred`` for an ``Entry``; a class is instantiated; an instance is itself."""
    if isinstance(codemod, Entry):
        return Deferred(codemod)
    return codemod() if isinstance(codemod, type) else codemod
