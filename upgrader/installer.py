"""Install packages into the PROJECT's interpreter (never the tool's), and ask it what is installed.

    install(python, requirements, project_dir=None) -> InstallResult(ok, returncode, command, output_tail)
        ``uv pip install --python PY ...`` when ``uv`` is on PATH, else ``PY -m pip install ...``.
        ``requirements`` are passed through as installer arguments, so ``["django==4.2.30"]``,
        ``["-r", "requirements.txt"]`` and ``["-e", "."]`` all work (relative to ``project_dir``).
    installed_version(python, dist) -> "4.2.30" | None    via importlib.metadata, in a subprocess
    pip_freeze(python) -> ["Django==4.2.30", ...]          ``pip freeze`` (uv, or importlib.metadata
                                                           when the environment has no pip)

    environment(python, project_dir=None) -> Environment(dists, project)
                                                           every distribution (importlib.metadata, in a
                                                           subprocess) and how the project itself is
                                                           installed (its direct_url.json: editable or not)
    compare(before, after) -> EnvChanges(downgraded, removed, upgraded, added)   what an install changed

Set ``DJANGO_UPGRADE_NO_UV=1`` to use pip even when uv is installed.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from core import run as _run

TAIL_LINES = 40

_VERSION_SCRIPT = r"""
import json, sys
name = sys.argv[1]
try:
    try:
        from importlib.metadata import version, PackageNotFoundError
    except ImportError:  # Python < 3.8
        from importlib_metadata import version, PackageNotFoundError
    try:
        print(json.dumps(version(name)))
    except PackageNotFoundError:
        print(json.dumps(None))
except ImportError:
    import pkg_resources
    try:
        print(json.dumps(pkg_resources.get_distribution(name).version))
    except pkg_resources.DistributionNotFound:
        print(json.dumps(None))
"""

_DISTS_SCRIPT = r"""
import json
from importlib.metadata import distributions
seen = {}
for d in distributions():
    name = d.metadata["Name"]
    if name and name.lower() not in seen:
        seen[name.lower()] = "%s==%s" % (name, d.version)
print(json.dumps(sorted(seen.values(), key=str.lower)))
"""


@dataclass
class InstallResult:
    ok: bool
    returncode: int
    command: list[str]
    output_tail: str = ""
    tool: str = "pip"  # "uv" or "pip"
    requirements: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "returncode": self.returncode,
            "command": self.command,
            "tool": self.tool,
            "output_tail": self.output_tail,
        }


def uv_executable() -> str | None:
    if os.environ.get("DJANGO_UPGRADE_NO_UV"):
        return None
    return shutil.which("uv")


def _clean_env() -> dict[str, str]:
    """pip/uv as programs: the runner's tool environment (the tool's own Python never leaks in)."""
    env = _run.tool_env()
    env.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    return env


def _tail(text: str, lines: int = TAIL_LINES) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def install_command(python: str | Path, requirements: list[str], extra_args: list[str] | None = None) -> tuple[list[str], str]:
    uv = uv_executable()
    extra = list(extra_args or [])
    if uv:
        return [uv, "pip", "install", "--python", str(python), *extra, *requirements], "uv"
    return [str(python), "-m", "pip", "install", "--disable-pip-version-check", *extra, *requirements], "pip"


def install(
    python: str | Path,
    requirements: list[str],
    project_dir: str | Path | None = None,
    extra_args: list[str] | None = None,
    timeout: float = 1800,
) -> InstallResult:
    """Install ``requirements`` into ``python``'s environment. Never raises for an installer failure:
    the result says ``ok=False`` with the installer's exit code and the end of its output."""
    command, tool = install_command(python, list(requirements), extra_args)
    if not requirements:
        return InstallResult(True, 0, command, "nothing to install", tool, [])
    try:
        proc = _run.run(command, cwd=str(project_dir) if project_dir else None, env=_clean_env(), timeout=timeout)
    except _run.TimeoutExpired as exc:
        out = (exc.stdout or b"")
        out = out.decode(errors="replace") if isinstance(out, bytes) else out
        return InstallResult(False, -1, command, _tail(out + f"\ntimed out after {timeout:.0f}s"), tool, list(requirements))
    except OSError as exc:
        return InstallResult(False, -1, command, f"cannot run {command[0]}: {exc}", tool, list(requirements))
    output = (proc.stdout or "") + ("\n" + proc.stderr if proc.stderr else "")
    return InstallResult(proc.returncode == 0, proc.returncode, command, _tail(output), tool, list(requirements))


def uninstall(python: str | Path, dists: list[str]) -> InstallResult:
    uv = uv_executable()
    if uv:
        command, tool = [uv, "pip", "uninstall", "--python", str(python), *dists], "uv"
    else:
        command, tool = [str(python), "-m", "pip", "uninstall", "-y", *dists], "pip"
    try:
        proc = _run.run(command, env=_clean_env(), timeout=600)
    except (OSError, _run.TimeoutExpired) as exc:
        return InstallResult(False, -1, command, str(exc), tool, list(dists))
    return InstallResult(proc.returncode == 0, proc.returncode, command, _tail(proc.stdout + proc.stderr), tool, list(dists))


def _run_json(python: str | Path, script: str, *args: str, timeout: float = 120):
    try:
        proc = _run.run([str(python), "-I", "-c", script, *args], env=_clean_env(), timeout=timeout)
    except (OSError, _run.TimeoutExpired):
        return None
    if proc.returncode != 0 or not proc.stdout.strip():
        return None
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except ValueError:
        return None


def installed_version(python: str | Path, dist: str) -> str | None:
    """The version of distribution ``dist`` installed for ``python`` ("4.2.30"), or None when it is not
    installed (or the interpreter cannot be run)."""
    return _run_json(python, _VERSION_SCRIPT, dist)


def pip_freeze(python: str | Path) -> list[str]:
    """``pip freeze`` of ``python``'s environment as a list of lines (empty when it cannot be run)."""
    env = _clean_env()
    try:
        proc = _run.run([str(python), "-m", "pip", "freeze", "--all", "--disable-pip-version-check"], env=env, timeout=300)
        if proc.returncode == 0:
            return [line for line in proc.stdout.splitlines() if line.strip()]
    except (OSError, _run.TimeoutExpired):
        pass
    uv = uv_executable()
    if uv:
        try:
            proc = _run.run([uv, "pip", "freeze", "--python", str(python)], env=env, timeout=300)
            if proc.returncode == 0:
                return [line for line in proc.stdout.splitlines() if line.strip()]
        except (OSError, _run.TimeoutExpired):
            pass
    return _run_json(python, _DISTS_SCRIPT) or []


# -- what an install changed ------------------------------------------------------------------------

_ENV_SCRIPT = r"""
import json, sys
from importlib.metadata import distributions
root = sys.argv[1] if len(sys.argv) > 1 else None
dists, project = {}, None
for d in distributions():
    name = d.metadata["Name"]
    if not name:
        continue
    dists.setdefault(name.lower().replace("_", "-").replace(".", "-"), [name, d.version])
    if root:
        try:
            info = json.loads(d.read_text("direct_url.json") or "null")
        except ValueError:
            info = None
        url = (info or {}).get("url") or ""
        if url.startswith("file://"):
            from urllib.parse import unquote, urlparse
            import os
            path = os.path.realpath(unquote(urlparse(url).path))
            if path == os.path.realpath(root):
                project = {"name": name, "version": d.version,
                           "editable": bool(((info or {}).get("dir_info") or {}).get("editable"))}
print(json.dumps({"dists": dists, "project": project}))
"""


@dataclass
class Environment:
    """The distributions installed for an interpreter (canonical name -> (name, version)), and how the
    project itself is installed there (``{"name", "version", "editable"}`` from its direct_url.json)."""

    dists: dict = field(default_factory=dict)
    project: dict | None = None

    @property
    def editable(self) -> bool:
        return bool(self.project and self.project.get("editable"))


def environment(python: str | Path, project_dir: str | Path | None = None) -> Environment | None:
    """Read the environment through ``importlib.metadata`` in ``python`` (None when it cannot be run)."""
    args = [str(Path(project_dir).resolve())] if project_dir else []
    data = _run_json(python, _ENV_SCRIPT, *args)
    if data is None:
        return None
    return Environment({k: tuple(v) for k, v in data["dists"].items()}, data.get("project"))


@dataclass
class EnvChanges:
    downgraded: list = field(default_factory=list)  # [{"name", "before", "after"}]
    removed: list = field(default_factory=list)  # [{"name", "before"}]
    upgraded: list = field(default_factory=list)
    added: list = field(default_factory=list)

    @property
    def losses(self) -> list[str]:
        """One line per package downgraded or removed."""
        return ([f"{d['name']} {d['before']} -> {d['after']} (downgraded)" for d in self.downgraded]
                + [f"{d['name']} {d['before']} (removed)" for d in self.removed])

    def to_json(self) -> dict:
        return {"downgraded": self.downgraded, "removed": self.removed, "upgraded": self.upgraded,
                "added": self.added}


def compare(before: Environment, after: Environment) -> EnvChanges:
    """What changed between two readings of one environment."""
    from packaging.version import InvalidVersion, Version

    out = EnvChanges()
    for key, (name, old) in sorted(before.dists.items()):
        if key not in after.dists:
            out.removed.append({"name": name, "before": old})
            continue
        new = after.dists[key][1]
        if new == old:
            continue
        try:
            down = Version(new) < Version(old)
        except InvalidVersion:
            down = False
        (out.downgraded if down else out.upgraded).append({"name": name, "before": old, "after": new})
    for key, (name, new) in sorted(after.dists.items()):
        if key not in before.dists:
            out.added.append({"name": name, "after": new})
    return out
