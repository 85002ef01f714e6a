"""The pip requirement-file pin format: parsing and rewriting live in :mod:`upgrader.pins.reqfiles`;
a hash-pinned line that cannot be edited names the command regenerating its pip-compile output
(:mod:`upgrader.pins.locks`)."""

from __future__ import annotations

from pathlib import Path

from upgrader.pins import locks, reqfiles
from upgrader.pins.formats import PinFormat
from upgrader.pins.model import Context, Pin, PinChange


class RequirementsFormat(PinFormat):
    """pip requirement files (``kind="requirements"``; pip-compile output ``kind="lock"``, bumped
    like any requirement unless hash-pinned)."""

    name = "requirements"
    kinds = ("requirements", "lock")

    def find(self, root: Path) -> list[Path]:
        return reqfiles.discover(root)

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return reqfiles.read(path, ctx)

    def bump(self, path: Path, text: str, name: str, new_version: str, ctx: Context) -> tuple[str, list[PinChange]]:
        lock = locks.pip_compile_lock(path, ctx.root, name, None)
        hint = f"pinned with --hash: regenerate with `{lock.command_line}`" if lock else ""
        return reqfiles.bump(path, name, new_version, ctx, hint, text=text)

    def lock_files(self, path: Path, ctx: Context, package: str, python: str | None) -> list[locks.LockFile]:
        """pip-compile / uv pip compile output among ``path`` and the ``.txt`` files it includes."""
        files = sorted({Path(p.file) for p in reqfiles.read(path, ctx)} | {Path(path)})
        found = [locks.pip_compile_lock(f, ctx.root, package, python) for f in files if f.suffix.lower() == ".txt"]
        return [lock for lock in found if lock is not None]
