"""The one protocol every pin format implements (docs/ARCHITECTURE.md, "A pin format").

A format knows one kind of file where a project declares, locks or tests against its dependencies:

* ``find(root) -> list[Path]``: its files in the project (through ``core.files`` when it walks);
* ``read(path, ctx) -> list[Pin]``: the dependencies one file declares (problems go to ``ctx``);
* ``bump(path, text, name, new_version, ctx) -> (new_text, list[PinChange])``: ``text`` (the file's
  text, possibly already rewritten by an earlier format of the same bump) with ``name`` rewritten to
  admit ``new_version``, keeping the file's formatting; nothing is written;
* ``write(path, text)``: write the new text (atomically, through ``core.atomic``);
* ``lock_files(path, ctx, package, python) -> list[LockFile]`` (optional): how to regenerate the lock
  file ``path`` is (uv.lock ...) or holds (pip-compile output) after ``package`` moved.

``role`` says how ``upgrader.pins`` uses a format's pins:

* ``declared``: listed by ``find_requirements`` / ``find_django_pins``; bumped where a pin matches;
* ``lock``: listed with ``include_locks``; never edited (``lock_files`` regenerates them);
* ``tested``: the Django versions a project is tested against (tox): listed by ``tox_declarations``
  and ``django_declarations`` only; bumped for a library's Django only (new factors);
* ``support``: reads no pins; bumped for a library's Django only (classifiers, CI matrices).

The formats are listed, in order, in :mod:`upgrader.pins.registry`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from upgrader.pins import textio
from upgrader.pins.model import Context, LockFile, Pin, PinChange

ROLES = ("declared", "lock", "tested", "support")


class PinFormat(ABC):
    """Base of every pin format: ``find`` and ``read`` are required; ``bump`` changes nothing and
    ``write`` writes atomically unless a format says otherwise."""

    name: str = ""  # unique in the registry: "requirements", "pyproject", "uv.lock" ...
    role: str = "declared"  # one of ROLES
    kinds: tuple[str, ...] = ()  # the Pin.kind values read() produces

    @abstractmethod
    def find(self, root: Path) -> list[Path]:
        """This format's files in the project ``root`` (absolute paths, existing files)."""

    @abstractmethod
    def read(self, path: Path, ctx: Context) -> list[Pin]:
        """The dependencies ``path`` declares (and, for requirement files, the files it includes)."""

    def bump(self, path: Path, text: str, name: str, new_version: str, ctx: Context) -> tuple[str, list[PinChange]]:
        """``text`` with ``name`` admitting ``new_version`` and the changes made (default: none)."""
        return text, []

    def write(self, path: Path, text: str) -> None:
        textio.write_atomic(path, text)

    def lock_files(self, path: Path, ctx: Context, package: str, python: str | None) -> list[LockFile]:
        """The lock files ``path`` is or stands for, each with the command regenerating it after
        ``package`` moved (default: none; ``python`` finds the tool beside the project's interpreter)."""
        return []

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} ({self.role})>"


def existing(root: Path, *names: str) -> list[Path]:
    """``root / name`` for each of ``names`` that is a file (the usual ``find`` of a top-level format)."""
    return [root / name for name in names if (root / name).is_file()]
