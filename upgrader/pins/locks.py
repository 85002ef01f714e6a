"""Lock files: reading the locked version, and regenerating them with their own tool.

Read: ``uv.lock`` and ``poetry.lock`` (TOML ``[[package]]`` tables), ``Pipfile.lock`` (JSON), and
pip-compile / ``uv pip compile`` output (read by :mod:`upgrader.pins.reqfiles`, kind ``lock``).
Regenerate: ``uv lock --upgrade-package django``, ``poetry lock --no-update`` (``poetry lock`` on
Poetry 2), ``pipenv lock``, and the command recorded in a pip-compile header plus
``--upgrade-package django``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name

from upgrader.pins import reqfiles, textio
from upgrader.pins.formats import PinFormat, existing
from upgrader.pins.model import Context, Pin
from core import run as _run

try:  # Python 3.11+
    import tomllib as _toml
except ImportError:  # pragma: no cover - Python 3.10
    try:
        import tomli as _toml  # type: ignore[no-redef]
    except ImportError:
        _toml = None


def _loads_toml(text: str) -> dict:
    if _toml is not None:
        return _toml.loads(text)
    import tomlkit

    return tomlkit.parse(text).unwrap()


LOCK_NAMES = ("uv.lock", "poetry.lock", "Pipfile.lock")


@dataclass(frozen=True)
class LockFile:
    path: Path
    tool: str  # uv / poetry / pipenv / pip-compile
    regenerate_cmd: list[str] = field(hash=False)
    available: bool
    cwd: Path | None = None  # where to run regenerate_cmd (the project directory by default)
    format: str = ""  # uv.lock / poetry.lock / Pipfile.lock / pip-compile / uv-pip-compile

    @property
    def command_line(self) -> str:
        import shlex

        return shlex.join(self.regenerate_cmd)


@dataclass(frozen=True)
class RegenerateResult:
    lock: LockFile
    ok: bool
    output: str
    returncode: int | None
    command: list[str]


# ----------------------------------------------------------------------------------------------
# reading
# ----------------------------------------------------------------------------------------------
def _name_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for m in re.finditer(r'(?m)^name\s*=\s*"([^"]+)"', text):
        lines.setdefault(canonicalize_name(m.group(1)), textio.line_of(text, m.start()))
    return lines


def read_toml_lock(path: Path, ctx: Context) -> list[Pin]:
    text = textio.read_text(path)
    rel = textio.relpath(path, ctx.root)
    try:
        data = _loads_toml(text)
    except Exception as exc:  # tomllib.TOMLDecodeError / tomlkit ParseError
        ctx.problem(f"{rel}: cannot parse {path.name}, its versions were not read ({str(exc).splitlines()[0]})")
        return []
    where = _name_lines(text)
    pins = []
    for package in data.get("package") or []:
        if not isinstance(package, dict) or "name" not in package or "version" not in package:
            continue
        name, version = str(package["name"]), str(package["version"])
        line = where.get(canonicalize_name(name), 1)
        pins.append(Pin(file=path, line=line, kind="lock", name=name, specifier=f"=={version}", raw=f"{name} {version}",
                        version=version, source=f"{rel}:{line}", lock_format=path.name))
    return pins


def read_pipfile_lock(path: Path, ctx: Context) -> list[Pin]:
    text = textio.read_text(path)
    rel = textio.relpath(path, ctx.root)
    try:
        data = json.loads(text)
    except ValueError as exc:
        ctx.problem(f"{rel}: cannot parse Pipfile.lock, its versions were not read ({exc})")
        return []
    pins = []
    if not isinstance(data, dict):
        return pins
    for section in ("default", "develop"):
        for name, info in (data.get(section) or {}).items():
            if not isinstance(info, dict) or not isinstance(info.get("version"), str):
                continue
            spec = info["version"]
            version = spec.lstrip("=")
            m = re.search(r'"' + re.escape(name) + r'"\s*:', text)
            line = textio.line_of(text, m.start()) if m else 1
            pins.append(Pin(file=path, line=line, kind="lock", name=name, specifier=spec, raw=f"{name} {spec}",
                            version=version, source=f"{rel}:{line}", lock_format="Pipfile.lock"))
    return pins


class TomlLockFormat(PinFormat):
    """``uv.lock`` / ``poetry.lock``: the ``[[package]]`` tables (``kind="lock"``); never edited."""

    role = "lock"
    kinds = ("lock",)

    def __init__(self, file_name: str):
        self.name = file_name

    def find(self, root: Path) -> list[Path]:
        return existing(root, self.name)

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return read_toml_lock(path, ctx)


class PipfileLockFormat(PinFormat):
    """``Pipfile.lock`` (JSON; ``kind="lock"``); never edited."""

    name = "Pipfile.lock"
    role = "lock"
    kinds = ("lock",)

    def find(self, root: Path) -> list[Path]:
        return existing(root, "Pipfile.lock")

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return read_pipfile_lock(path, ctx)


# ----------------------------------------------------------------------------------------------
# regenerating
# ----------------------------------------------------------------------------------------------
def _which(tool: str, python: str | None) -> str | None:
    if python:
        candidate = Path(python).parent / tool
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(tool)


def _poetry_major(exe: str) -> int | None:
    try:
        out = _run.run([exe, "--version"], timeout=60, env=_run.tool_env()).stdout
    except (OSError, _run.SubprocessError):
        return None
    m = re.search(r"(\d+)\.\d+", out)
    return int(m.group(1)) if m else None


def _has_output_option(cmd: list[str]) -> bool:
    return any(a in ("-o", "--output-file") or a.startswith("--output-file=") or (a.startswith("-o") and len(a) > 2) for a in cmd)


def _pip_compile_lock(path: Path, root: Path, package: str, python: str | None) -> LockFile | None:
    text = textio.read_text(path)
    info = reqfiles.pip_compile_info(text)
    if info is None:
        return None
    tool, recorded = info
    in_file = path.with_suffix(".in")
    if recorded:
        cmd = list(recorded)
        cmd += ["--upgrade-package", package]
        positional = [a for a in cmd[3 if cmd[:3] == ["uv", "pip", "compile"] else 1 :] if not a.startswith("-")]
        cwd = root
        if positional and not (root / positional[-1]).exists() and (path.parent / positional[-1]).exists():
            cwd = path.parent
    else:
        base = ["uv", "pip", "compile"] if tool == "uv" else ["pip-compile"]
        cmd = base + ["--upgrade-package", package]
        if in_file.is_file():
            cmd.append(textio.relpath(in_file, root))
        cwd = root
    if not _has_output_option(cmd):
        cmd += ["--output-file", os.path.relpath(path, cwd)]
    exe = "uv" if cmd[0] == "uv" else cmd[0]
    found = _which(exe, python)
    return LockFile(path=path, tool=("uv" if exe == "uv" else "pip-compile"), regenerate_cmd=cmd, available=found is not None,
                    cwd=cwd, format="uv-pip-compile" if exe == "uv" else "pip-compile")


def lock_files(root: Path, package: str = "django", python: str | None = None) -> list[LockFile]:
    locks: list[LockFile] = []
    if (root / "uv.lock").is_file():
        cmd = ["uv", "lock", "--upgrade-package", package]
        locks.append(LockFile(root / "uv.lock", "uv", cmd, _which("uv", python) is not None, root, "uv.lock"))
    if (root / "poetry.lock").is_file():
        exe = _which("poetry", python)
        major = _poetry_major(exe) if exe else None
        cmd = ["poetry", "lock"] if major and major >= 2 else ["poetry", "lock", "--no-update"]
        locks.append(LockFile(root / "poetry.lock", "poetry", cmd, exe is not None, root, "poetry.lock"))
    if (root / "Pipfile.lock").is_file():
        locks.append(LockFile(root / "Pipfile.lock", "pipenv", ["pipenv", "lock"], _which("pipenv", python) is not None, root, "Pipfile.lock"))
    ctx = Context(root=root, quiet=True)
    seen = set()
    for path in reqfiles.discover(root):
        for pin_file in {p.file for p in reqfiles.read(path, ctx)} | {path}:
            key = Path(pin_file).resolve()
            if key in seen or key.suffix.lower() != ".txt":
                continue
            seen.add(key)
            lock = _pip_compile_lock(Path(pin_file), root, package, python)
            if lock:
                locks.append(lock)
    return locks


def regenerate(lock: LockFile, timeout: float = 900, python: str | None = None) -> RegenerateResult:
    """Run the lock's own tool. Never raises: a missing tool, a failure or a timeout is ``ok=False``."""
    cmd = list(lock.regenerate_cmd)
    exe = _which(cmd[0], python)
    if exe is None:
        return RegenerateResult(lock, False, f"{cmd[0]} is not installed; run: {lock.command_line}", None, cmd)
    cmd[0] = exe
    try:
        # the project's environment (its venv first on PATH), the tool's Python variables cleared
        proc = _run.run(cmd, cwd=str(lock.cwd or lock.path.parent), timeout=timeout, env=_run.project_env(python))
    except _run.TimeoutExpired as exc:
        out = (exc.stdout or b"") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        out = out.decode("utf-8", "replace") if isinstance(out, bytes) else out
        return RegenerateResult(lock, False, f"{out}\n{lock.command_line} timed out after {timeout:g}s", None, cmd)
    except OSError as exc:
        return RegenerateResult(lock, False, f"cannot run {lock.command_line}: {exc}", None, cmd)
    output = (proc.stdout or "") + (proc.stderr or "")
    return RegenerateResult(lock, proc.returncode == 0, output, proc.returncode, cmd)
