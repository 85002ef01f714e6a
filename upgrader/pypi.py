"""A small client for the PyPI JSON API (``/pypi/<name>/json``), shared by ``plan --refresh`` and the
third-party-dependency check.

* requests with a (connect, read) timeout and retries with exponential backoff on connection errors,
  timeouts and 5xx answers;
* a JSON cache in ``release_data.user_cache_dir()/pypi/`` (one file per project and index), revalidated
  with conditional requests (``If-None-Match`` / ``If-Modified-Since``): a 304 answer reuses the cache;
* the index: the ``index_url`` argument, else ``$PIP_INDEX_URL``, else pip's configured
  ``index-url`` (pip.conf, read with configparser), mapped to the JSON API where the index is PyPI-like
  (``https://host/.../simple`` -> ``https://host/.../pypi``); anything else (``file://`` indexes, flat
  find-links) falls back to the public ``https://pypi.org/pypi``;
* :class:`PyPIUnavailable` (with ``.reason``) when the index cannot be reached or answers garbage.

    client = PyPIClient()
    data = client.project("django")          # the JSON document, or None when the project is unknown
    client.release("django", "3.2.25")       # the release document, or None
    client.versions("django", pre=False)     # ["2.2", ..., "6.1.3"] (yanked releases left out)
"""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import requests
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from core import atomic

DEFAULT_JSON_API = "https://pypi.org/pypi"
DEFAULT_TIMEOUT = 15.0
DEFAULT_RETRIES = 2
USER_AGENT = "django-upgrade-assistant (+https://pypi.org/project/django-upgrade-assistant/)"


class PyPIUnavailable(Exception):
    """The package index could not be used (offline, timeout, 5xx after retries, garbage)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def json_api_for_index(index_url: str | None) -> str | None:
    """Map a pip index URL to a PyPI-like JSON API base, or None when it has none.

    ``https://pypi.org/simple`` -> ``https://pypi.org/pypi``; ``https://host/root/simple/`` ->
    ``https://host/root/pypi``; a URL that already ends in ``/pypi`` is kept; ``file://`` and other
    non-HTTP indexes have no JSON API.
    """
    if not index_url:
        return None
    url = index_url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    path = parts.path.rstrip("/")
    if path.endswith("/simple"):
        path = path[: -len("/simple")] + "/pypi"
    elif path.endswith("/+simple"):  # devpi's simple page; its JSON lives elsewhere
        return None
    elif not path.endswith("/pypi"):
        return None
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _pip_config_files() -> list[Path]:
    """pip's configuration files, lowest priority first (global, user, site, $PIP_CONFIG_FILE)."""
    files: list[Path] = []
    xdg_dirs = os.environ.get("XDG_CONFIG_DIRS", "/etc/xdg").split(os.pathsep)
    files += [Path(d) / "pip" / "pip.conf" for d in reversed(xdg_dirs) if d]
    files.append(Path("/etc/pip.conf"))
    home = Path(os.path.expanduser("~"))
    files.append(home / ".pip" / "pip.conf")
    files.append(Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "pip" / "pip.conf")
    files.append(Path(sys.prefix) / "pip.conf")
    explicit = os.environ.get("PIP_CONFIG_FILE")
    if explicit and explicit != os.devnull:
        files.append(Path(explicit))
    return files


def pip_configured_index() -> str | None:
    """``index-url`` from ``$PIP_INDEX_URL`` or pip's config files (``[global]`` / ``[install]``)."""
    env = os.environ.get("PIP_INDEX_URL")
    if env:
        return env.split()[0]
    found = None
    for path in _pip_config_files():
        if not path.is_file():
            continue
        parser = configparser.RawConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            continue
        for section in ("global", "install"):
            if parser.has_option(section, "index-url"):
                found = parser.get(section, "index-url").split()[0]
    return found


def resolve_json_api(index_url: str | None = None) -> str:
    """The JSON API base to use: the argument, else pip's index when PyPI-like, else public PyPI."""
    if index_url:
        mapped = json_api_for_index(index_url)
        if mapped:
            return mapped
        # An explicit URL that is not recognisably /simple or /pypi: take it as the JSON API base.
        parts = urlsplit(index_url)
        if parts.scheme in ("http", "https"):
            return index_url.rstrip("/")
        return DEFAULT_JSON_API
    return json_api_for_index(pip_configured_index()) or DEFAULT_JSON_API


class PyPIClient:
    """Read project documents from a PyPI-like JSON API, with a conditional-request cache."""

    def __init__(
        self,
        index_url: str | None = None,
        cache_dir: str | Path | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = 0.5,
        session: requests.Session | None = None,
    ):
        self.api = resolve_json_api(index_url)
        if cache_dir is None:
            from release_data import user_cache_dir

            cache_dir = user_cache_dir() / "pypi"
        self.cache_dir = Path(cache_dir)
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.backoff = backoff
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", USER_AGENT)
        self.stats = {"requests": 0, "not_modified": 0, "cache_hits": 0}

    # ------------------------------------------------------------------ public API
    def project(self, name: str) -> dict | None:
        """The JSON document of project ``name`` (``info``, ``releases``, ...), None when unknown (404)."""
        return self._get_json(f"{self.api}/{quote(canonicalize_name(name))}/json", require=("info", "releases"))

    def release(self, name: str, version: str) -> dict | None:
        """The JSON document of one release (``info`` incl. ``requires_python``/``classifiers``,
        ``urls``), None when unknown."""
        return self._get_json(
            f"{self.api}/{quote(canonicalize_name(name))}/{quote(str(version))}/json", require=("info",)
        )

    def versions(self, name: str, pre: bool = False) -> list[str]:
        """The released versions of ``name`` in version order (fully yanked and invalid ones left out)."""
        doc = self.project(name)
        if not doc:
            return []
        return [str(v) for v, _ in release_versions(doc, pre=pre)]

    def latest_version(self, name: str, pre: bool = False) -> str | None:
        found = self.versions(name, pre=pre)
        return found[-1] if found else None

    # ------------------------------------------------------------------ internals
    def _cache_path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode()).hexdigest()[:16]
        tail = url.rstrip("/").split("/")
        label = "-".join(p for p in tail[-3:-1] if p and p != "pypi")[:60] or "doc"
        return self.cache_dir / f"{label}-{digest}.json"

    def _read_cache(self, path: Path) -> dict | None:
        try:
            with open(path, encoding="utf-8") as fh:
                entry = json.load(fh)
            if isinstance(entry, dict) and "data" in entry:
                return entry
        except (OSError, ValueError):
            pass
        return None

    def _write_cache(self, path: Path, entry: dict) -> None:
        try:
            atomic.write_json(path, entry)
        except OSError:
            pass  # a cache that cannot be written only costs a download next time

    def _get_json(self, url: str, require: tuple[str, ...]) -> dict | None:
        cache_path = self._cache_path(url)
        cached = self._read_cache(cache_path)
        headers = {"Accept": "application/json"}
        if cached:
            if cached.get("etag"):
                headers["If-None-Match"] = cached["etag"]
            if cached.get("last_modified"):
                headers["If-Modified-Since"] = cached["last_modified"]
        response = self._request(url, headers)
        if response.status_code == 304 and cached:
            self.stats["not_modified"] += 1
            return cached["data"]
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise PyPIUnavailable(f"{url} answered HTTP {response.status_code}")
        try:
            data = response.json()
        except ValueError:
            raise PyPIUnavailable(f"{url} answered something that is not JSON") from None
        if not isinstance(data, dict) or any(key not in data for key in require):
            raise PyPIUnavailable(f"{url} answered JSON that is not a PyPI project document")
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        if etag or modified:
            self._write_cache(
                cache_path,
                {"url": url, "etag": etag, "last_modified": modified, "fetched_at": time.time(), "data": data},
            )
        return data

    def _request(self, url: str, headers: dict) -> requests.Response:
        last = "no answer"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * (2 ** (attempt - 1)))
            try:
                self.stats["requests"] += 1
                response = self.session.get(url, headers=headers, timeout=self.timeout)
            except requests.Timeout:
                last = f"timed out after {self.timeout:g}s"
                continue
            except requests.ConnectionError as exc:
                last = f"cannot connect ({_short(exc)})"
                continue
            except requests.RequestException as exc:
                raise PyPIUnavailable(f"{url}: {_short(exc)}") from None
            if response.status_code >= 500:
                last = f"HTTP {response.status_code}"
                continue
            return response
        tries = self.retries + 1
        raise PyPIUnavailable(f"{url}: {last} ({tries} attempt{'s' if tries > 1 else ''})")


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    # urllib3 wraps the OS error in two layers of reprs ("HTTPConnectionPool(host=..., port=9): Max
    # retries exceeded ... NewConnectionError(...: [Errno 111] Connection refused')"): keep the cause.
    found = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if found:
        return found.group(1).strip()
    if "NameResolutionError" in text or "getaddrinfo failed" in text:
        return "host name not found"
    return text[:160]


def release_versions(doc: dict, pre: bool = False) -> list[tuple[Version, dict]]:
    """[(Version, {"date": "YYYY-MM-DD"|None, "yanked": bool, "requires_python": str|None})], sorted.

    A version all of whose files are yanked is left out; versions without files are kept (old
    uploads). Invalid version strings are skipped.
    """
    out = []
    for text, files in (doc.get("releases") or {}).items():
        try:
            v = Version(text)
        except InvalidVersion:
            continue
        if v.is_prerelease and not pre:
            continue
        files = files or []
        if files and all(f.get("yanked") for f in files):
            continue
        dates = sorted(
            (f.get("upload_time_iso_8601") or f.get("upload_time") or "")[:10] for f in files if f
        )
        dates = [d for d in dates if d]
        requires = next((f.get("requires_python") for f in files if f.get("requires_python")), None)
        out.append((v, {"version": text, "date": dates[0] if dates else None, "requires_python": requires}))
    out.sort(key=lambda item: item[0])
    return out
