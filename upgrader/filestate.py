"""The files of a project as a snapshot sees them: their bytes, modes and listings.

    FileRecord(path, existed, mode, sha256, size)     one file as recorded
    Checkpoint(listing, saved)                         the files one phase changes, as they were
    sha256(path), rel(project_dir, path), listing(project_dir, dirs), unlink_with_bytecode(path)
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import UsageError


@dataclass
class FileRecord:
    path: str  # relative to the project, POSIX separators
    existed: bool
    mode: int | None = None  # st_mode permission bits
    sha256: str | None = None
    size: int | None = None


@dataclass(eq=False)
class Checkpoint:
    """The content of the files a phase changes, as they were when the phase started (in memory)."""

    listing: set = field(default_factory=set)  # files under the tracked directories at the start
    saved: dict = field(default_factory=dict)  # rel -> (bytes | None, mode | None)

    def save(self, project_dir: Path, rels: list[str]) -> None:
        for rel in rels:
            if rel in self.saved:
                continue
            full = project_dir / rel
            if full.is_file():
                self.saved[rel] = (full.read_bytes(), stat.S_IMODE(full.stat().st_mode))
            else:
                self.saved[rel] = (None, None)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def rel(project_dir: Path, path: str | Path) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(project_dir) if p.exists() else p.relative_to(project_dir)
        except ValueError:
            raise UsageError(f"{path} is outside the project {project_dir}") from None
    rel = p.as_posix()
    if rel.startswith("../") or rel == "..":
        raise UsageError(f"{path} is outside the project {project_dir}")
    return rel


def unlink_with_bytecode(path: Path) -> None:
    """Delete ``path``; for a .py file also its compiled copies in __pycache__."""
    from core import files

    path.unlink()
    if path.suffix == ".py":
        for pyc in files.listdir(path.parent / "__pycache__", f"{path.stem}.*.pyc"):
            pyc.unlink(missing_ok=True)


def listing(project_dir: Path, track_dirs: list[str]) -> list[str]:
    """Every file under ``track_dirs`` (relative, POSIX), bytecode aside: the tool's own scope, no pruning."""
    from core import files

    found = []
    for d in track_dirs:
        for f in files.tree(project_dir / d, "*", prune=False):
            if f.is_file() and "__pycache__" not in f.relative_to(project_dir).parts:
                found.append(f.relative_to(project_dir).as_posix())
    return sorted(found)


def listdir(directory: Path) -> list[Path]:
    """The entries of one directory (the file layer's listing)."""
    from core import files

    return files.listdir(directory)
