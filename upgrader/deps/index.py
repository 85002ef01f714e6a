"""Asking the package index about dependencies, in parallel: project documents and release metadata.

Release metadata (Requires-Dist, Requires-Python, classifiers) comes from the per-release JSON
(``/pypi/<name>/<version>/json``); when the index has no such endpoint (some mirrors) from the
release's PEP 658 core-metadata file (``<file url>.metadata``), else from a small wheel (at most
``MAX_WHEEL_BYTES``). Release metadata never changes, so it is kept in the tool's cache for good;
project documents are revalidated by the client with conditional requests.

When the index cannot be reached at all (a connection error or a timeout after the client's retries)
the first failure marks it offline and every later question fails at once, so an offline check costs
one timeout, not one per package.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import tempfile
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from email.parser import Parser
from pathlib import Path
from urllib.parse import quote, urljoin

from packaging.utils import canonicalize_name

from core import atomic
from upgrader.deps.model import ReleaseMeta
from upgrader.pypi import PyPIUnavailable

DEFAULT_WORKERS = 8
MAX_WHEEL_BYTES = 3_000_000
OFFLINE_MARKERS = ("cannot connect", "timed out")


def _date(text: str | None) -> _dt.date | None:
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def upload_date(doc: dict, version: str) -> _dt.date | None:
    """The first upload date of ``version`` in a project document."""
    files = (doc.get("releases") or {}).get(version) or []
    dates = [d for d in (_date(f.get("upload_time_iso_8601") or f.get("upload_time")) for f in files if isinstance(f, dict)) if d]
    return min(dates) if dates else None


def file_requires_python(doc: dict, version: str) -> str | None:
    files = (doc.get("releases") or {}).get(version) or []
    return next((f.get("requires_python") for f in files if isinstance(f, dict) and f.get("requires_python")), None)


def meta_from_email(text: str, version: str) -> ReleaseMeta:
    msg = Parser().parsestr(text)
    return ReleaseMeta(
        version=msg.get("Version") or version,
        requires_dist=list(msg.get_all("Requires-Dist") or []),
        requires_python=msg.get("Requires-Python") or None,
        classifiers=[c for c in msg.get_all("Classifier") or [] if c.startswith("Framework :: Django")],
    )


class Index:
    """A thread-safe front of :class:`upgrader.pypi.PyPIClient` for the check."""

    def __init__(self, client, workers: int = DEFAULT_WORKERS):
        self.client = client
        self.workers = max(1, int(workers))
        self.offline: str | None = None
        self._lock = threading.Lock()
        self._docs: dict[str, dict | None] = {}
        self._metas: dict[tuple[str, str], ReleaseMeta | None] = {}
        api = getattr(client, "api", "") or ""
        self._cache_dir = Path(getattr(client, "cache_dir", tempfile.gettempdir())) / "release-meta" / hashlib.sha256(api.encode()).hexdigest()[:10]

    @property
    def api(self) -> str:
        return getattr(self.client, "api", "?")

    # ------------------------------------------------------------------ guarded calls
    def _guard(self, fn, *args):
        if self.offline:
            raise PyPIUnavailable(self.offline)
        try:
            return fn(*args)
        except PyPIUnavailable as exc:
            if any(m in exc.reason for m in OFFLINE_MARKERS):
                with self._lock:
                    self.offline = self.offline or exc.reason
            raise

    def project(self, name: str) -> dict | None:
        """The project document (None: not on the index); raises PyPIUnavailable."""
        key = canonicalize_name(name)
        if key in self._docs:
            return self._docs[key]
        doc = self._guard(self.client.project, name)
        if doc is not None and not isinstance(doc.get("releases"), dict):
            raise PyPIUnavailable(f"{name}: the index answered a project document without releases")
        with self._lock:
            self._docs[key] = doc
        return doc

    def meta(self, name: str, version: str, doc: dict | None = None) -> ReleaseMeta | None:
        """Metadata of one release (None when the index has none); raises PyPIUnavailable."""
        key = (canonicalize_name(name), version)
        if key in self._metas:
            return self._metas[key]
        meta = self._read_cache(*key)
        if meta is None:
            meta = self._fetch_meta(name, version, doc)
            if meta is not None and meta.known:
                self._write_cache(key[0], version, meta)
        if meta is not None and doc is not None:
            meta.uploaded = meta.uploaded or upload_date(doc, version)
            meta.requires_python = meta.requires_python or file_requires_python(doc, version)
        with self._lock:
            self._metas[key] = meta
        return meta

    def map(self, fn, items: list) -> list:
        """``[(item, result or the exception)]`` running ``fn(item)`` on the thread pool."""
        if not items:
            return []

        def run(item):
            try:
                return item, fn(item)
            except PyPIUnavailable as exc:
                return item, exc

        if len(items) == 1 or self.workers == 1:
            return [run(i) for i in items]
        with ThreadPoolExecutor(max_workers=min(self.workers, len(items)), thread_name_prefix="deps") as pool:
            return list(pool.map(run, items))

    # ------------------------------------------------------------------ fetching
    def _fetch_meta(self, name: str, version: str, doc: dict | None) -> ReleaseMeta | None:
        data = self._guard(self.client.release, name, version)
        if data is not None:
            info = data.get("info") if isinstance(data, dict) else None
            if not isinstance(info, dict):
                raise PyPIUnavailable(f"{name} {version}: the index answered a release document without info")
            files = data.get("urls") or []
            dates = [d for d in (_date(f.get("upload_time_iso_8601") or f.get("upload_time")) for f in files if isinstance(f, dict)) if d]
            return ReleaseMeta(
                version=str(info.get("version") or version),
                requires_dist=list(info.get("requires_dist") or []),
                requires_python=info.get("requires_python") or None,
                classifiers=[c for c in info.get("classifiers") or [] if str(c).startswith("Framework :: Django")],
                uploaded=min(dates) if dates else None,
            )
        if doc is None:
            return None
        return self._core_metadata(name, version, doc)

    def _core_metadata(self, name: str, version: str, doc: dict) -> ReleaseMeta | None:
        """PEP 658 ``.metadata`` of a wheel of the release, else a small wheel's METADATA."""
        files = [f for f in (doc.get("releases") or {}).get(version) or [] if isinstance(f, dict) and f.get("url")]
        wheels = [f for f in files if f.get("packagetype") == "bdist_wheel" or str(f.get("url")).endswith(".whl")]
        base = f"{self.api}/{quote(canonicalize_name(name))}/json"
        for f in wheels:
            if f.get("core-metadata") or f.get("data-dist-info-metadata"):
                response = self._guard(self.client._request, urljoin(base, f["url"]) + ".metadata", {})
                if response.status_code == 200 and response.text.strip():
                    return meta_from_email(response.text, version)
        for f in wheels:
            if (f.get("size") or MAX_WHEEL_BYTES + 1) > MAX_WHEEL_BYTES:
                continue
            response = self._guard(self.client._request, urljoin(base, f["url"]), {})
            if response.status_code != 200:
                continue
            try:
                archive = zipfile.ZipFile(io.BytesIO(response.content))
                member = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
                return meta_from_email(archive.read(member).decode("utf-8", "replace"), version)
            except (zipfile.BadZipFile, StopIteration, KeyError):
                continue
        return None

    # ------------------------------------------------------------------ cache
    def _cache_path(self, key: str, version: str) -> Path:
        safe = "".join(c if c.isalnum() or c in ".-_+" else "_" for c in f"{key}-{version}")
        return self._cache_dir / f"{safe}.json"

    def _read_cache(self, key: str, version: str) -> ReleaseMeta | None:
        try:
            data = json.loads(self._cache_path(key, version).read_text(encoding="utf-8"))
            return ReleaseMeta(
                version=data["version"], requires_dist=data["requires_dist"], requires_python=data["requires_python"],
                classifiers=data["classifiers"], uploaded=_date(data.get("uploaded")),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_cache(self, key: str, version: str, meta: ReleaseMeta) -> None:
        path = self._cache_path(key, version)
        try:
            atomic.write_json(path, {
                    "version": meta.version, "requires_dist": meta.requires_dist, "requires_python": meta.requires_python,
                    "classifiers": meta.classifiers, "uploaded": meta.uploaded.isoformat() if meta.uploaded else None,
                })
        except OSError:
            pass
