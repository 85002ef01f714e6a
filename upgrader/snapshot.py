"""What a step changes, saved before it changes it, so ``step --rollback`` can put it all back.

    snap = Snapshot.take(project_dir, files, python, label="3.2-to-4.0", track_dirs=["shop/migrations"])
    ...                                   # the step edits pins and code, creates migrations, installs Django
    snap.add(["poetry.lock"])             # more files, recorded before they are changed or created
    Snapshot.load_latest(project_dir).restore()   # in this or a later process

``take`` saves the exact bytes and mode of every file in ``files`` (a file that does not exist yet is
recorded as absent: ``restore`` deletes it), a listing of every file under ``track_dirs`` (files
that appear there later - new migrations - are deleted on restore), and the project interpreter's
installed Django version and ``pip freeze``. Everything lives under
``PROJECT/.django-upgrade/rollback/<label>/`` (``manifest.json`` + ``files/``); the snapshot directory
is written under a temporary name and renamed into place, and every file is restored with an atomic
replace, so an interrupted take or restore never leaves half-written files.

``restore()`` -> RestoreResult(restored, deleted, django_before, django_after, install, ok):
files back byte-for-byte with their modes, files created since deleted, and the recorded Django
version reinstalled through ``upgrader.installer`` when it differs.

The same snapshot undoes ONE phase of a step (the codemods on X, the codemods on Y) when that phase
breaks tests: ``cp = snap.checkpoint()`` before the phase, ``snap.add(files)`` records each file
before it is written (on disk for ``--rollback`` and in every open checkpoint), and
``snap.undo(cp, only=None)`` puts the files recorded since ``cp`` back as they were at ``cp`` (all,
or ``only`` those) and deletes the files created in the tracked directories since (new migrations).
One mechanism, two scopes: the whole step (``restore``) and one phase (``undo``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from core import atomic
from upgrader import filestate, installer
from upgrader.filestate import Checkpoint, FileRecord
from core.errors import UpgradeError, UsageError

ROLLBACK_DIR = Path(".django-upgrade") / "rollback"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1


@dataclass
class RestoreResult:
    restored: list[str] = field(default_factory=list)  # files written back
    deleted: list[str] = field(default_factory=list)  # files created after the snapshot, removed
    unchanged: list[str] = field(default_factory=list)
    django_before: str | None = None  # installed before restore()
    django_after: str | None = None  # installed after restore() (the recorded one on success)
    install: installer.InstallResult | None = None
    ok: bool = True
    message: str = ""

    def to_json(self) -> dict:
        data = asdict(self)
        data["install"] = self.install.to_json() if self.install else None
        return data


@dataclass
class Snapshot:
    project_dir: Path
    label: str
    created: str  # ISO 8601, UTC
    created_ns: int
    python: str | None
    django: str | None
    freeze: list[str]
    files: list[FileRecord]
    track_dirs: list[str]
    tracked: list[str]  # files present under track_dirs when taken
    absent_dirs: list[str] = field(default_factory=list)  # directories that did not exist when taken
    checkpoints: list = field(default_factory=list, repr=False)  # open Checkpoint objects (in memory)

    # ------------------------------------------------------------------ where it lives
    @staticmethod
    def root(project_dir: str | Path) -> Path:
        return Path(project_dir).resolve() / ROLLBACK_DIR

    @property
    def directory(self) -> Path:
        return self.root(self.project_dir) / self.label

    # ------------------------------------------------------------------ take
    @classmethod
    def take(
        cls,
        project_dir: str | Path,
        files: list[str | Path],
        python: str | Path | None = None,
        label: str | None = None,
        track_dirs: list[str | Path] | None = None,
    ) -> "Snapshot":
        """Save ``files`` (and the installed Django of ``python``) under .django-upgrade/rollback/<label>/."""
        project_dir = Path(project_dir).resolve()
        if not project_dir.is_dir():
            raise UsageError(f"project directory not found: {project_dir}")
        now = time.time_ns()
        label = label or datetime.fromtimestamp(now / 1e9, timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        if "/" in label or label in ("", ".", ".."):
            raise UsageError(f"invalid snapshot label: {label!r}")
        django = freeze = None
        if python is not None:
            django = installer.installed_version(python, "django")
            freeze = installer.pip_freeze(python)
        snap = cls(
            project_dir=project_dir,
            label=label,
            created=datetime.fromtimestamp(now / 1e9, timezone.utc).isoformat(),
            created_ns=now,
            python=str(python) if python is not None else None,
            django=django,
            freeze=freeze or [],
            files=[],
            track_dirs=sorted({filestate.rel(project_dir, d) for d in (track_dirs or [])}),
            tracked=[],
        )
        snap.tracked = filestate.listing(project_dir, snap.track_dirs)
        snap._note_absent_dirs(snap.track_dirs)
        root = cls.root(project_dir)
        root.mkdir(parents=True, exist_ok=True)
        ignore = root / ".gitignore"
        if not ignore.exists():
            atomic.write_bytes(ignore, b"# django-upgrade rollback snapshots: never commit\n*\n")
        staging = root / f".{label}.{uuid.uuid4().hex[:8]}.tmp"
        staging.mkdir()
        try:
            snap._save_files(staging, files)
            snap._write_manifest(staging)
            final = root / label
            if final.exists():
                old = root / f".{label}.{uuid.uuid4().hex[:8]}.old"
                os.replace(final, old)
                os.replace(staging, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return snap

    def _save_files(self, target: Path, files: list[str | Path]) -> None:
        known = {r.path for r in self.files}
        for f in files:
            rel = filestate.rel(self.project_dir, f)
            if rel in known:
                continue
            known.add(rel)
            src = self.project_dir / rel
            if src.is_file():
                data = src.read_bytes()
                dest = target / "files" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
                self.files.append(FileRecord(rel, True, stat.S_IMODE(src.stat().st_mode),
                                             hashlib.sha256(data).hexdigest(), len(data)))
            elif src.exists():
                raise UsageError(f"cannot snapshot {rel}: not a regular file")
            else:
                self.files.append(FileRecord(rel, False))
                self._note_absent_dirs([str(Path(rel).parent)])

    def _note_absent_dirs(self, rels: list[str]) -> None:
        absent = set(self.absent_dirs)
        for rel in rels:
            p = Path(rel)
            while str(p) not in ("", ".") and not (self.project_dir / p).exists():
                absent.add(p.as_posix())
                p = p.parent
        self.absent_dirs = sorted(absent)

    def _write_manifest(self, target: Path) -> None:
        data = {
            "format": FORMAT_VERSION,
            "label": self.label,
            "created": self.created,
            "created_ns": self.created_ns,
            "project_dir": str(self.project_dir),
            "python": self.python,
            "django": self.django,
            "freeze": self.freeze,
            "files": [asdict(r) for r in self.files],
            "track_dirs": self.track_dirs,
            "tracked": self.tracked,
            "absent_dirs": self.absent_dirs,
        }
        atomic.write_bytes(target / MANIFEST, (json.dumps(data, indent=2) + "\n").encode())

    def add(self, files: list[str | Path]) -> None:
        """Record more files (before they are changed or created) in this snapshot, and in every open
        checkpoint (their content now, for ``undo``)."""
        for cp in self.checkpoints:
            cp.save(self.project_dir, [filestate.rel(self.project_dir, f) for f in files])
        self._save_files(self.directory, files)
        self._write_manifest(self.directory)

    # ------------------------------------------------------------------ phase scope
    def checkpoint(self) -> "Checkpoint":
        """Start recording a phase: see the module docstring."""
        cp = Checkpoint(listing=set(filestate.listing(self.project_dir, self.track_dirs)))
        self.checkpoints.append(cp)
        return cp

    def created_since(self, cp: "Checkpoint") -> list[str]:
        """Files that appeared in the tracked directories since ``cp`` (new migrations)."""
        return sorted(set(filestate.listing(self.project_dir, self.track_dirs)) - cp.listing)

    def undo(self, cp: "Checkpoint", only: list[str] | None = None) -> list[str]:
        """Put the files recorded since ``cp`` back byte-for-byte (all, or ``only`` these relative
        paths); with ``only=None`` also delete the files created in the tracked directories since."""
        touched = []
        for rel, (data, mode) in list(cp.saved.items()):
            if only is not None and rel not in only:
                continue
            full = self.project_dir / rel
            if data is None:
                if full.exists():
                    filestate.unlink_with_bytecode(full)
                    touched.append(rel)
            elif not full.is_file() or full.read_bytes() != data:
                atomic.write_bytes(full, data, mode=mode)
                touched.append(rel)
        if only is None:
            for rel in self.created_since(cp):
                filestate.unlink_with_bytecode(self.project_dir / rel)
                touched.append(rel)
        return sorted(set(touched))

    def close(self, cp: "Checkpoint") -> None:
        self.checkpoints = [c for c in self.checkpoints if c is not cp]

    # ------------------------------------------------------------------ load
    @classmethod
    def load(cls, project_dir: str | Path, label: str) -> "Snapshot":
        project_dir = Path(project_dir).resolve()
        path = cls.root(project_dir) / label / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"no rollback snapshot {label!r} in {cls.root(project_dir)}") from None
        except (OSError, ValueError) as exc:
            raise UpgradeError(f"rollback snapshot {path} is unreadable: {exc}") from None
        return cls(
            project_dir=project_dir,
            label=data["label"],
            created=data["created"],
            created_ns=int(data["created_ns"]),
            python=data.get("python"),
            django=data.get("django"),
            freeze=list(data.get("freeze") or []),
            files=[FileRecord(**r) for r in data.get("files", [])],
            track_dirs=list(data.get("track_dirs") or []),
            tracked=list(data.get("tracked") or []),
            absent_dirs=list(data.get("absent_dirs") or []),
        )

    @classmethod
    def list(cls, project_dir: str | Path) -> list["Snapshot"]:
        """Every complete snapshot of the project, oldest first."""
        root = cls.root(project_dir)
        snaps = []
        if root.is_dir():
            from core import files

            for entry in files.subdirectories(root):
                if entry.name.startswith(".") or not (entry / MANIFEST).is_file():
                    continue
                try:
                    snaps.append(cls.load(project_dir, entry.name))
                except UpgradeError:
                    continue
        return sorted(snaps, key=lambda s: (s.created_ns, s.label))

    @classmethod
    def load_latest(cls, project_dir: str | Path) -> "Snapshot":
        snaps = cls.list(project_dir)
        if not snaps:
            raise UsageError(f"nothing to roll back: no snapshot under {cls.root(project_dir)}")
        return snaps[-1]

    # ------------------------------------------------------------------ restore
    def changed_files(self) -> list[str]:
        """Recorded files that differ now from the snapshot (or exist/are missing when they should not)."""
        changed = []
        for rec in self.files:
            cur = self.project_dir / rec.path
            if rec.existed:
                if not cur.is_file() or filestate.sha256(cur) != rec.sha256 or stat.S_IMODE(cur.stat().st_mode) != rec.mode:
                    changed.append(rec.path)
            elif cur.exists():
                changed.append(rec.path)
        tracked = set(self.tracked) | {r.path for r in self.files}
        changed += [p for p in filestate.listing(self.project_dir, self.track_dirs) if p not in tracked]
        return changed

    def restore(self, python: str | Path | None = None, reinstall: bool = True) -> RestoreResult:
        """Put every recorded file back byte-for-byte, delete files created since, and reinstall the
        recorded Django into ``python`` (default: the interpreter recorded at take time)."""
        result = RestoreResult()
        for rec in self.files:
            cur = self.project_dir / rec.path
            if rec.existed:
                blob = self.directory / "files" / rec.path
                try:
                    data = blob.read_bytes()
                except OSError as exc:
                    raise UpgradeError(f"rollback snapshot {self.label} is missing {rec.path}: {exc}") from None
                if hashlib.sha256(data).hexdigest() != rec.sha256:
                    raise UpgradeError(f"rollback snapshot {self.label}: the saved copy of {rec.path} is corrupt")
                if cur.is_file() and filestate.sha256(cur) == rec.sha256 and stat.S_IMODE(cur.stat().st_mode) == rec.mode:
                    result.unchanged.append(rec.path)
                    continue
                if cur.is_dir():
                    raise UpgradeError(f"cannot restore {rec.path}: a directory is in its place")
                atomic.write_bytes(cur, data, rec.mode)
                result.restored.append(rec.path)
            elif cur.exists() or cur.is_symlink():
                if cur.is_dir() and not cur.is_symlink():
                    shutil.rmtree(cur)
                else:
                    filestate.unlink_with_bytecode(cur)
                result.deleted.append(rec.path)
        known = set(self.tracked) | {r.path for r in self.files}
        for rel in filestate.listing(self.project_dir, self.track_dirs):
            if rel not in known:
                filestate.unlink_with_bytecode(self.project_dir / rel)
                result.deleted.append(rel)
        self._remove_absent_dirs()

        target_python = python or self.python
        if reinstall and target_python and self.django:
            result.django_before = installer.installed_version(target_python, "django")
            if result.django_before != self.django:
                result.install = installer.install(target_python, [f"django=={self.django}"], self.project_dir)
                result.django_after = installer.installed_version(target_python, "django")
                if not result.install.ok or result.django_after != self.django:
                    result.ok = False
                    result.message = (
                        f"files restored, but reinstalling Django {self.django} failed; run: "
                        + " ".join(result.install.command)
                    )
            else:
                result.django_after = result.django_before
        return result

    def _remove_absent_dirs(self) -> None:
        """Remove the directories that did not exist at take time, when nothing but bytecode is left."""
        for rel in sorted(self.absent_dirs, key=lambda r: len(Path(r).parts), reverse=True):
            d = self.project_dir / rel
            if not d.is_dir():
                continue
            cache = d / "__pycache__"
            if cache.is_dir() and all(f.suffix in (".pyc", ".pyo") for f in filestate.listdir(cache)):
                shutil.rmtree(cache, ignore_errors=True)
            try:
                d.rmdir()  # only succeeds when empty
            except OSError:
                pass

    def discard(self) -> None:
        """Delete this snapshot from disk (after a successful step the user accepted)."""
        shutil.rmtree(self.directory, ignore_errors=True)
