"""The pin formats, in the order their files are read and bumped, and the loops over them.

Adding a format: a class deriving :class:`upgrader.pins.formats.PinFormat` in its own module, and one
line in ``FORMATS`` below (or ``register(MyFormat())`` at run time). ``upgrader.pins`` knows no format
by name: it reads, bumps and writes through these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from packaging.utils import canonicalize_name

from upgrader.pins import textio
from upgrader.pins.formats import ROLES, PinFormat
from upgrader.pins.library import ClassifierFormat, GithubMatrixFormat
from upgrader.pins.locks import PipfileLockFormat, PoetryLockFormat, UvLockFormat
from upgrader.pins.model import Context, LockFile, Pin, PinChange
from upgrader.pins.requirements import RequirementsFormat
from upgrader.pins.setupfiles import SetupCfgFormat, SetupPyFormat
from upgrader.pins.tomlfiles import PipfileFormat, PyprojectFormat
from upgrader.pins.toxfile import ToxFormat

FORMATS: list[PinFormat] = [
    RequirementsFormat(),
    PyprojectFormat(),
    SetupCfgFormat(),
    SetupPyFormat(),
    PipfileFormat(),
    UvLockFormat(),
    PoetryLockFormat(),
    PipfileLockFormat(),
    ClassifierFormat(),
    ToxFormat(),
    GithubMatrixFormat(),
]


def register(fmt: PinFormat, before: str | None = None) -> PinFormat:
    """Add ``fmt`` (before the format named ``before``, else after the formats of its role)."""
    if not isinstance(fmt, PinFormat) or fmt.role not in ROLES or not fmt.name:
        raise TypeError(f"not a pin format: {fmt!r}")
    if any(f.name == fmt.name for f in FORMATS):
        raise ValueError(f"a pin format named {fmt.name!r} is already registered")
    names = [f.name for f in FORMATS]
    if before is not None:
        index = names.index(before)
    else:
        same = [i for i, f in enumerate(FORMATS) if ROLES.index(f.role) <= ROLES.index(fmt.role)]
        index = same[-1] + 1 if same else 0
    FORMATS.insert(index, fmt)
    return fmt


def unregister(name: str) -> None:
    FORMATS[:] = [f for f in FORMATS if f.name != name]


def formats(*roles: str) -> list[PinFormat]:
    return [f for f in FORMATS if not roles or f.role in roles]


def read_pins(root: Path, ctx: Context, roles: Iterable[str]) -> list[tuple[PinFormat, Pin]]:
    """(format, pin) for every pin of every file of the formats of ``roles``, in registry order."""
    out: list[tuple[PinFormat, Pin]] = []
    for fmt in formats(*roles):
        for path in fmt.find(root):
            out += [(fmt, pin) for pin in fmt.read(path, ctx)]
    return out


def lock_files(root: Path, package: str, python: str | None) -> list[LockFile]:
    """Every lock file and how to regenerate it: the ``lock`` formats' first, then the lock files the
    other formats' files are (pip-compile output), each once."""
    ctx = Context(root=root, quiet=True)
    out: list[LockFile] = []
    seen: set[Path] = set()
    for fmt in formats("lock") + [f for f in FORMATS if f.role != "lock"]:
        for path in fmt.find(root):
            for lock in fmt.lock_files(path, ctx, package, python):
                if Path(lock.path).resolve() not in seen:
                    seen.add(Path(lock.path).resolve())
                    out.append(lock)
    return out


class Bump:
    """The files one bump rewrites: computed with ``plan_*``, written (all or none) with ``write``."""

    def __init__(self, ctx: Context, name: str, new_version: str):
        self.ctx, self.name, self.new_version = ctx, name, new_version
        self.changes: list[PinChange] = []
        self.pending: dict[Path, tuple[PinFormat, str]] = {}  # path -> (format that wrote last, new text)

    def _apply(self, fmt: PinFormat, path: Path) -> None:
        text = self.pending[path][1] if path in self.pending else textio.read_text(path)
        new_text, changes = fmt.bump(path, text, self.name, self.new_version, self.ctx)
        self.changes += changes
        if any(not c.regenerate for c in changes):
            self.pending.pop(path, None)
            self.pending[path] = (fmt, new_text)

    def declared(self, keep: Callable[[Pin], bool] = lambda pin: True) -> None:
        """Bump every file of a ``declared`` format that declares the name (after reading them all)."""
        wanted = canonicalize_name(self.name)
        files: list[tuple[PinFormat, Path]] = []
        for fmt, pin in read_pins(self.ctx.root, self.ctx, ("declared",)):
            if pin.canonical_name == wanted and keep(pin) and (fmt, Path(pin.file)) not in files:
                files.append((fmt, Path(pin.file)))
        for fmt, path in files:
            self._apply(fmt, path)

    def supported_versions(self) -> None:
        """A library's Django bump: the ``tested`` and ``support`` formats (tox, classifiers, CI matrix)."""
        for fmt in formats("tested", "support"):
            for path in fmt.find(self.ctx.root):
                self._apply(fmt, path)

    def write(self) -> None:
        for path, (fmt, text) in self.pending.items():
            fmt.write(path, text)
