"""Build a fresh virtualenv for the PROJECT on another Python (``step --new-python PATH_OR_VERSION``).

    resolve_python(spec) -> str
        ``spec`` is an interpreter path, a virtualenv directory, ``python3.12`` on PATH, or a version
        ("3.12", "3.12.1") looked up with ``core.interpreter.pyenv_interpreters()``. UsageError when
        there is no such interpreter.
    project_requirements(project_dir) -> list[str]
        The installer arguments for the project's own requirements, in this order of preference:
        requirements.txt (+ requirements-dev/-test.txt and their ``_`` spellings next to it);
        else requirements/*.txt (the test/dev/local/ci files plus base/common, or every file but the
        production ones); else the project itself (``-e .``, with its ``test``/``dev``/``tests``
        extra when it declares one) when it has pyproject [project]/[tool.poetry] with a build backend,
        or setup.py/setup.cfg.
    build_project_venv(python_version_or_path, project_dir, dest, extra=None, requirements=None) -> Path
        ``python -m venv dest`` with that interpreter, then installs the requirements (via
        upgrader.installer: uv when present, else pip) and returns the new venv's python.
        UpgradeError (exit 4) when the installation fails, with the installer's last line.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import tomlkit

from core import run as _run
from upgrader import installer
from core.errors import EXIT_STEP_FAILED, UpgradeError, UsageError
from core.interpreter import pyenv_interpreters, venv_python

DEV_NAMES = ("test", "tests", "testing", "dev", "develop", "development", "local", "ci")
BASE_NAMES = ("base", "common", "core", "requirements")
PROD_NAMES = ("prod", "production", "deploy", "deployment", "live", "staging")


def resolve_python(spec: str | os.PathLike) -> str:
    """An interpreter path for ``spec`` (a path, a venv dir, a command on PATH, or "3.12"/"3.12.1")."""
    text = str(spec).strip()
    if not text:
        raise UsageError("empty Python interpreter")
    path = Path(text).expanduser()
    if os.sep in text or path.exists():
        if path.is_dir() and venv_python(path).is_file():
            return str(venv_python(path))
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        raise UsageError(f"no Python interpreter at {text}")
    parts = text.removeprefix("python").split(".")
    if len(parts) >= 2 and all(p.isdigit() for p in parts):
        feature = f"{parts[0]}.{parts[1]}"
        found = pyenv_interpreters().get(feature)
        if found and (len(parts) == 2 or _exact_version(found) == text.removeprefix("python")):
            return found
        if len(parts) > 2 and found:
            raise UsageError(f"no Python {text} interpreter found (Python {feature} is {_exact_version(found)} at {found})")
        exe = shutil.which(f"python{feature}")
        if exe:
            return exe
        raise UsageError(
            f"no Python {text} interpreter found (looked in pyenv and python{feature} on PATH); "
            "install it or pass its path"
        )
    exe = shutil.which(text)
    if exe:
        return exe
    raise UsageError(f"no Python interpreter {text!r}: pass a path or a version such as 3.12")


def _exact_version(python: str) -> str | None:
    try:
        out = _run.run([python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], env=_run.tool_env(),
                       timeout=60)
    except (OSError, _run.TimeoutExpired):
        return None
    return out.stdout.strip() or None


def _stem_kind(stem: str) -> str:
    low = stem.lower().replace("_", "-")
    for word in low.replace("requirements-", "").split("-"):
        if word in DEV_NAMES:
            return "dev"
        if word in PROD_NAMES:
            return "prod"
    return "base"


def project_requirements(project_dir: str | Path) -> list[str]:
    project_dir = Path(project_dir)
    top = project_dir / "requirements.txt"
    if top.is_file():
        args = ["-r", "requirements.txt"]
        for name in ("requirements-dev.txt", "requirements_dev.txt", "requirements-test.txt",
                     "requirements_test.txt", "requirements-tests.txt", "requirements_tests.txt"):
            if (project_dir / name).is_file():
                args += ["-r", name]
        return args
    reqdir = project_dir / "requirements"
    if reqdir.is_dir():
        from core import files as _files

        files = [p for p in _files.listdir(reqdir, "*.txt") if p.is_file()]
        kinds = {p: _stem_kind(p.stem) for p in files}
        chosen = [p for p in files if kinds[p] == "dev"]
        chosen = [p for p in files if kinds[p] == "base"] + chosen if chosen else [p for p in files if kinds[p] != "prod"]
        if chosen:
            return [a for p in chosen for a in ("-r", p.relative_to(project_dir).as_posix())]
    if _is_installable(project_dir):
        extra = _test_extra(project_dir)
        return ["-e", f".[{extra}]" if extra else "."]
    return []


def _is_installable(project_dir: Path) -> bool:
    if (project_dir / "setup.py").is_file() or (project_dir / "setup.cfg").is_file():
        return True
    doc = _pyproject(project_dir)
    if doc is None:
        return False
    if "project" in doc:
        return True
    poetry = doc.get("tool", {}).get("poetry")
    if poetry is not None and "build-system" in doc:
        return poetry.get("package-mode", True) is not False
    return False


def _pyproject(project_dir: Path):
    path = project_dir / "pyproject.toml"
    if not path.is_file():
        return None
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except Exception:
        return None


def _test_extra(project_dir: Path) -> str | None:
    doc = _pyproject(project_dir)
    if doc is None:
        return None
    extras = dict(doc.get("project", {}).get("optional-dependencies", {}) or {})
    extras.update(dict(doc.get("tool", {}).get("poetry", {}).get("extras", {}) or {}))
    for name in ("test", "tests", "testing", "dev"):
        if name in extras:
            return name
    return None


def build_project_venv(
    python_version_or_path: str | os.PathLike,
    project_dir: str | Path,
    dest: str | Path,
    extra: list[str] | None = None,
    requirements: list[str] | None = None,
    timeout: float = 1800,
) -> Path:
    """Create a venv at ``dest`` on the given interpreter with the project's requirements (plus
    ``extra`` installer arguments, e.g. ``["django==3.2.25"]``); return the venv's python."""
    python = resolve_python(python_version_or_path)
    project_dir = Path(project_dir).resolve()
    dest = Path(dest)
    from core import files as _files

    if dest.exists() and _files.listdir(dest):
        raise UsageError(f"cannot build a virtualenv at {dest}: the directory exists and is not empty")
    reqs = project_requirements(project_dir) if requirements is None else list(requirements)
    try:
        proc = _run.run([python, "-m", "venv", str(dest)], env=_run.tool_env(), timeout=600)
    except (OSError, _run.TimeoutExpired) as exc:
        raise UpgradeError(f"cannot create a virtualenv with {python}: {exc}", EXIT_STEP_FAILED) from None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise UpgradeError(f"cannot create a virtualenv with {python}: {last}", EXIT_STEP_FAILED)
    vpy = venv_python(dest)
    args = [*reqs, *(extra or [])]
    if args:
        result = installer.install(vpy, args, project_dir=project_dir, timeout=timeout)
        if not result.ok:
            last = (result.output_tail.strip().splitlines() or ["no output"])[-1]
            raise UpgradeError(
                f"installing the project's requirements into {dest} failed ({' '.join(result.command)}): {last}",
                EXIT_STEP_FAILED,
            )
    return vpy
