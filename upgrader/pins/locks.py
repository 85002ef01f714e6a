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
from pathlib import Path

from packaging.utils import canonicalize_name

from upgrader.pins import reqfiles, textio
from upgrader.pins.formats import PinFormat, existing
from upgrader.pins.model import Context, LockFile, Pin, RegenerateResult
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


def pip_compile_lock(path: Path, root: Path, package: str, python: str | None) -> LockFile | None:
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


# ----------------------------------------------------------------------------------------------
# the lock formats (upgrader.pins.registry)
# ----------------------------------------------------------------------------------------------
class _LockFormat(PinFormat):
    role = "lock"
    kinds = ("lock",)

    def find(self, root: Path) -> list[Path]:
        return existing(root, self.name)

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return read_toml_lock(path, ctx)


class UvLockFormat(_LockFormat):
    """``uv.lock`` (TOML ``[[package]]``; ``kind="lock"``): regenerated with ``uv lock --upgrade-package``."""

    name = "uv.lock"

    def lock_files(self, path: Path, ctx: Context, package: str, python: str | None) -> list[LockFile]:
        cmd = ["uv", "lock", "--upgrade-package", package]
        return [LockFile(path, "uv", cmd, _which("uv", python) is not None, ctx.root, "uv.lock")]


class PoetryLockFormat(_LockFormat):
    """``poetry.lock``: regenerated with ``poetry lock --no-update`` (``poetry lock`` on Poetry 2)."""

    name = "poetry.lock"

    def lock_files(self, path: Path, ctx: Context, package: str, python: str | None) -> list[LockFile]:
        exe = _which("poetry", python)
        major = _poetry_major(exe) if exe else None
        cmd = ["poetry", "lock"] if major and major >= 2 else ["poetry", "lock", "--no-update"]
        return [LockFile(path, "poetry", cmd, exe is not None, ctx.root, "poetry.lock")]


class PipfileLockFormat(_LockFormat):
    """``Pipfile.lock`` (JSON): regenerated with ``pipenv lock``."""

    name = "Pipfile.lock"

    def read(self, path: Path, ctx: Context) -> list[Pin]:
        return read_pipfile_lock(path, ctx)

    def lock_files(self, path: Path, ctx: Context, package: str, python: str | None) -> list[LockFile]:
        return [LockFile(path, "pipenv", ["pipenv", "lock"], _which("pipenv", python) is not None, ctx.root,
                         "Pipfile.lock")]
