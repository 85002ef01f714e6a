"""Real code available offline for the benchmark and the corpus check.

Source trees are installed with ``pip install --no-deps --target DIR`` (pip's own cache makes the
second time offline) into ``$DJANGO_UPGRADE_BENCH_DIR`` (default ~/.cache/django-upgrade-assistant-bench).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_dir() -> Path:
    d = Path(os.environ.get("DJANGO_UPGRADE_BENCH_DIR") or Path.home() / ".cache" / "django-upgrade-assistant-bench")
    d.mkdir(parents=True, exist_ok=True)
    return d


def installed_tree(requirement: str, package: str) -> Path:
    """``site-packages``-style directory holding ``package`` from ``requirement`` (installed once)."""
    safe = requirement.replace("=", "_").replace("<", "_").replace(">", "_")
    dest = bench_dir() / "trees" / safe
    marker = dest / ".complete"
    if not marker.exists():
        if dest.exists():
            shutil.rmtree(dest)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
             "--no-compile", "--target", str(dest), requirement],
            check=True,
        )
        marker.write_text(requirement)
    path = dest / package
    if not path.is_dir():
        raise SystemExit(f"{requirement}: no {package}/ in {dest}")
    return path


def tool_venv(name: str, requirements: list[str]) -> Path | None:
    """A scratch venv with ``requirements`` (for the peers); None when pip cannot install them."""
    dest = bench_dir() / "venvs" / name
    marker = dest / ".complete"
    if not marker.exists():
        if dest.exists():
            shutil.rmtree(dest)
        subprocess.run([sys.executable, "-m", "venv", str(dest)], check=True)
        proc = subprocess.run(
            [str(dest / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements],
            capture_output=True, text=True,
        )
        if proc.returncode != 0:
            print(f"# could not install {' '.join(requirements)}: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return None
        marker.write_text("\n".join(requirements))
    return dest


def copy_tree(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"), symlinks=True)
    return dest
