"""Find and question the PROJECT's Python interpreter, always in a subprocess.

The tool never imports the project's Django. ``probe()`` runs a tiny stdlib-only script under the
project's interpreter and returns what it reports: its Python version, Django's version and location.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from core import atomic
from core import run as _run
from core.walk import subdirectories
from core.errors import UsageError

PROBE_SCRIPT = r"""
import json, sys
out = {"python": "%d.%d.%d" % sys.version_info[:3], "executable": sys.executable, "prefix": sys.prefix}
try:
    import django
    out["django"] = django.get_version()
    out["django_path"] = django.__path__[0]
except Exception as exc:  # not installed or broken
    out["django"] = None
    out["django_error"] = "%s: %s" % (type(exc).__name__, exc)
print(json.dumps(out))
"""


@dataclass(frozen=True)
class Interpreter:
    path: str  # the executable as found (not resolved: a venv's python must stay a venv's python)
    source: str  # how it was found: "--python", "config", ".venv", "venv", "PATH"


@dataclass(frozen=True)
class ProbeResult:
    interpreter: Interpreter
    python: str  # "3.11.7"
    django: str | None  # "3.2.25" or None
    django_path: str | None
    prefix: str
    error: str | None = None

    @property
    def python_feature(self) -> str:
        return ".".join(self.python.split(".")[:2])


# How an interpreter was found when nothing ties it to the project (see find_interpreter).
NOT_THE_PROJECTS = ("$VIRTUAL_ENV", "PATH", "tool")


def is_tool_environment(probe: ProbeResult) -> bool:
    """Whether the probed interpreter runs in django-upgrade's own environment (its sys.prefix)."""
    try:
        return bool(probe.prefix) and Path(probe.prefix).resolve() == Path(sys.prefix).resolve()
    except OSError:
        return False


def venv_python(venv_dir: Path) -> Path:
    if os.name == "nt":  # pragma: no cover - the tool is tested on POSIX
        return venv_dir / "Scripts" / "python.exe"
    return venv_dir / "bin" / "python"


def find_interpreter(project_dir: Path, explicit: str | None = None, configured: str | None = None) -> Interpreter:
    """``--python PATH`` wins, then ``[tool.django-upgrade] python``, then the interpreter a
    ``step --new-python`` moved the project to (PROJECT/.django-upgrade/interpreter), then
    PROJECT/.venv, PROJECT/venv, an active ``$VIRTUAL_ENV``, else ``python`` (or ``python3``) on PATH."""
    if explicit:
        return Interpreter(_check_executable(explicit, "--python"), "--python")
    if configured is not None and not isinstance(configured, str):
        raise UsageError(
            f"[tool.django-upgrade] python must be a string (a path or a command), not {configured!r}"
        )
    if configured:
        path = configured if os.path.isabs(configured) else str((project_dir / configured))
        if not os.path.exists(path):
            path = configured
        return Interpreter(_check_executable(path, "[tool.django-upgrade] python"), "config")
    remembered = remembered_interpreter(project_dir)
    if remembered:
        return Interpreter(remembered, REMEMBERED)
    for name in (".venv", "venv", "env"):
        candidate = venv_python(project_dir / name)
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return Interpreter(str(candidate), name)
    active = os.environ.get("VIRTUAL_ENV")
    if active and venv_python(Path(active)).is_file():
        return Interpreter(str(venv_python(Path(active))), "$VIRTUAL_ENV")
    for name in ("python", "python3"):
        found = shutil.which(name)
        if found:
            return Interpreter(found, "PATH")
    return Interpreter(sys.executable, "tool")


REMEMBERED = ".django-upgrade/interpreter"


def remember_interpreter(project_dir: Path, python: str) -> None:
    """Record the interpreter ``step --new-python`` moved the project to, so that the next commands
    (step, plan, report, fix) use it without ``--python`` (it wins over .venv / venv)."""
    path = Path(project_dir) / REMEMBERED
    path.parent.mkdir(parents=True, exist_ok=True)
    absolute, root = os.path.abspath(python), os.path.abspath(project_dir)
    # inside the project: store it relative (never resolve symlinks: a venv's python is a link)
    value = os.path.relpath(absolute, root) if absolute.startswith(root + os.sep) else absolute
    atomic.write_text(path, value + "\n")


def remembered_interpreter(project_dir: Path) -> str | None:
    path = Path(project_dir) / REMEMBERED
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not value:
        return None
    candidate = value if os.path.isabs(value) else str(Path(project_dir) / value)
    return candidate if os.path.isfile(candidate) and os.access(candidate, os.X_OK) else None


def _check_executable(path: str, what: str) -> str:
    resolved = shutil.which(path) if not os.path.sep in path else path
    if not resolved or not os.path.isfile(resolved) or not os.access(resolved, os.X_OK):
        # A directory that is a virtualenv is accepted too.
        if path and os.path.isdir(path) and venv_python(Path(path)).is_file():
            return str(venv_python(Path(path)))
        raise UsageError(f"{what}: no Python interpreter at {path}")
    return resolved


def probe(interp: Interpreter, cwd: Path | None = None, timeout: float = 60) -> ProbeResult:
    """Ask the interpreter for its Python and Django versions (never raises on a missing Django)."""
    env = _run.project_env()
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        proc = _run.run([interp.path, "-I", "-c", PROBE_SCRIPT], timeout=timeout, cwd=cwd, env=env)
    except _run.TimeoutExpired:
        raise UsageError(
            f"the project's Python {interp.path} did not answer the version probe within {timeout:g}s"
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot run the project's Python {interp.path}: {exc.strerror or exc}") from None
    data = None
    lines = proc.stdout.strip().splitlines()
    if proc.returncode == 0 and lines:
        try:
            data = json.loads(lines[-1])
        except ValueError:
            data = None
    if not isinstance(data, dict) or not isinstance(data.get("python"), str):
        # Not a Python 3 interpreter (ls, echo, a shell script, Python 2 without -I ...): one short line,
        # never the probe script echoed back.
        detail = (proc.stderr.strip().splitlines() or [""])[-1].strip()
        if "import json" in detail or "sys.version_info" in detail:  # the probe echoed back
            detail = ""
        if not detail:
            detail = f"exit code {proc.returncode}" if proc.returncode else "no answer"
        if len(detail) > 120:
            detail = detail[:117] + "..."
        raise UsageError(
            f"{interp.path} is not a usable Python 3 interpreter (the version probe failed: {detail})"
        )
    return ProbeResult(
        interpreter=interp,
        python=data["python"],
        django=data.get("django"),
        django_path=data.get("django_path"),
        prefix=data.get("prefix", ""),
        error=data.get("django_error"),
    )


def pyenv_interpreters() -> dict[str, str]:
    """Python interpreters installed through pyenv (and on PATH as pythonX.Y): {"3.12": path}.

    Found at run time; nothing is hard-coded. Used by ``step --new-python 3.12`` and the tests.
    """
    found: dict[str, str] = {}
    roots = []
    if os.environ.get("PYENV_ROOT"):
        roots.append(Path(os.environ["PYENV_ROOT"]))
    roots.append(Path.home() / ".pyenv")
    pyenv = shutil.which("pyenv")
    if pyenv:
        try:
            out = _run.run([pyenv, "root"], timeout=20, env=_run.tool_env()).stdout.strip()
            if out:
                roots.insert(0, Path(out))
        except (OSError, _run.SubprocessError):
            pass
    for root in roots:
        vdir = root / "versions"
        if not vdir.is_dir():
            continue
        for entry in subdirectories(vdir):
            parts = entry.name.split(".")
            if len(parts) < 2 or not parts[0].isdigit() or not parts[1].isdigit():
                continue
            exe = entry / "bin" / "python"
            feature = f"{parts[0]}.{parts[1]}"
            if exe.is_file() and feature not in found and parts[0] == "3":
                found[feature] = str(exe)
    for minor in range(6, 20):
        name = f"python3.{minor}"
        exe = shutil.which(name)
        if exe and f"3.{minor}" not in found:
            found[f"3.{minor}"] = exe
    return found
