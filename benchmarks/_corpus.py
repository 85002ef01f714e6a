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


def sdist_tree(requirement: str) -> Path | None:
    """The unpacked source distribution of ``requirement`` (``name==version``), downloaded once with
    ``pip download --no-binary :all: --no-deps`` into ``sdists/``; None when pip cannot get it."""
    import tarfile
    import zipfile

    name, _, version = requirement.partition("==")
    safe = requirement.replace("=", "_")
    dest = bench_dir() / "sdist-trees" / safe
    marker = dest / ".complete"
    if marker.exists():
        return _single_child(dest)
    sdists = bench_dir() / "sdists"
    sdists.mkdir(parents=True, exist_ok=True)

    def find():
        stems = {f"{n}-{version}" for n in (name, name.replace("-", "_"), name.replace("_", "-"))}
        for p in sdists.iterdir():
            low = p.name.lower()
            if any(low.startswith(s.lower() + ".") for s in stems) and low.endswith((".tar.gz", ".zip", ".tgz", ".tar.bz2")):
                return p
        return None

    archive = find()
    if archive is None:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
             "--no-binary", ":all:", "-d", str(sdists), requirement],
            capture_output=True, text=True,
        )
        archive = find()
        if archive is None:
            last = (proc.stderr.strip().splitlines() or ["?"])[-1]
            print(f"# could not download {requirement}: {last}", file=sys.stderr)
            return None
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    def regular(member, path):  # links (absolute ones abound in old sdists) are not code: skip them
        if member.issym() or member.islnk():
            return None
        return tarfile.data_filter(member, path) if hasattr(tarfile, "data_filter") else member

    try:
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(dest)
        else:
            with tarfile.open(archive) as tf:
                if hasattr(tarfile, "data_filter"):
                    tf.extractall(dest, filter=regular)
                else:
                    tf.extractall(dest, members=[m for m in tf.getmembers() if m.isfile() or m.isdir()])
    except (OSError, tarfile.TarError, zipfile.BadZipFile) as exc:
        print(f"# could not unpack {archive.name}: {exc}", file=sys.stderr)
        shutil.rmtree(dest, ignore_errors=True)
        return None
    marker.write_text(requirement)
    return _single_child(dest)


def _single_child(dest: Path) -> Path:
    children = [p for p in dest.iterdir() if p.name != ".complete"]
    return children[0] if len(children) == 1 and children[0].is_dir() else dest
