"""Scan one release on the package index: download its wheel (else its sdist), unpack, scan, cache.

The file is taken from the project document's ``releases[version]`` (a pure-Python wheel first, then
any wheel, then an sdist), downloaded through the index client (its timeout and retries), unpacked
into the tool's cache dir (``deps-archives/``; only Python files and templates, never a path that
leaves the directory), scanned with :mod:`upgrader.deps.codescan`, and removed again: what is kept
for good is the scan result (``deps-scan/``, keyed by distribution, version, step and detectors).
"""

from __future__ import annotations

import io
import shutil
import tarfile
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urljoin

from packaging.utils import canonicalize_name

from upgrader.deps import codescan

MAX_ARCHIVE_BYTES = 40_000_000


def _choose(files: list[dict]) -> list[dict]:
    def rank(f: dict) -> int:
        name = str(f.get("filename") or f.get("url") or "")
        if name.endswith(".whl"):
            return 0 if ("-none-any" in name and "py3" in name) else 1
        if name.endswith((".tar.gz", ".zip", ".tgz", ".tar.bz2")):
            return 2
        return 9

    usable = [f for f in files if isinstance(f, dict) and f.get("url") and rank(f) < 9 and not f.get("yanked")]
    return sorted(usable, key=rank)


def _safe_rel(name: str) -> str | None:
    p = PurePosixPath(name.replace("\\", "/"))
    if p.is_absolute() or ".." in p.parts or not p.parts:
        return None
    return p.as_posix()


def unpack(data: bytes, filename: str, dest: Path) -> list[Path]:
    """Write the wanted members (Python files, templates) of a wheel/sdist to ``dest``."""
    out: list[Path] = []
    dest.mkdir(parents=True, exist_ok=True)

    def put(rel: str, content: bytes) -> None:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        out.append(target)

    if filename.endswith((".whl", ".zip")):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                rel = _safe_rel(info.filename)
                if rel and not info.is_dir() and codescan.wanted(_inner(rel, filename)):
                    put(rel, archive.read(info))
    else:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            for member in archive.getmembers():
                rel = _safe_rel(member.name)
                if rel and member.isfile() and codescan.wanted(_inner(rel, filename)):
                    fh = archive.extractfile(member)
                    if fh is not None:
                        put(rel, fh.read())
    return out


def _inner(rel: str, filename: str) -> str:
    """An sdist's paths start with ``name-version/``: judge tests/templates on what follows."""
    if filename.endswith(".whl"):
        return rel
    parts = rel.split("/", 1)
    return parts[1] if len(parts) == 2 else rel


def scan_release(index, name: str, version: str, doc: dict, changes, cache_root: Path) -> list[codescan.Hit] | None:
    """The hits in release ``version`` of ``name`` (None: no file of it could be downloaded and read).

    Raises :class:`upgrader.pypi.PyPIUnavailable` when the index cannot be reached."""
    files = _choose((doc.get("releases") or {}).get(version) or [])
    base = f"{index.api}/{quote(canonicalize_name(name))}/json"
    for f in files:
        if (f.get("size") or 0) > MAX_ARCHIVE_BYTES:
            continue
        url = urljoin(base, f["url"])
        response = index._guard(index.client._request, url, {})
        if response.status_code != 200 or len(response.content) > MAX_ARCHIVE_BYTES:
            continue
        filename = str(f.get("filename") or url.rsplit("/", 1)[-1])
        dest = cache_root / "deps-archives" / f"{canonicalize_name(name)}-{version}"
        shutil.rmtree(dest, ignore_errors=True)
        try:
            written = unpack(response.content, filename, dest)
            return codescan.scan_files(written, changes, dest)
        except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError):
            continue
        finally:
            shutil.rmtree(dest, ignore_errors=True)
    return None
