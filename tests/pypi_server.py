"""A local PyPI JSON API serving recorded answers from tests/data/pypi/<name>.json.

Reusable by every test that talks to "PyPI" (``plan --refresh``, the third-party check)::

    from tests.pypi_server import pypi_server  # noqa: F401  (the fixture)

    def test_x(pypi_server):
        client = PyPIClient(index_url=pypi_server.url, retries=0)   # url ends in /pypi
        pypi_server.mode = "500"                                     # or set per test

Routes: ``/pypi/<name>/json`` (the recorded document) and ``/pypi/<name>/<version>/json`` (the recorded
``<name>/<version>.json`` when a ``<name>/`` directory exists - only those versions answer then - else built
from the project document: ``info.version``, ``urls`` = that release's files); ``/simple/`` answers 200 so that
``index_url=pypi_server.simple_url`` can be mapped. Unknown names answer 404.

Modes (``server.mode``): ``ok`` (default; ETag + Last-Modified headers and a real 304 on
If-None-Match / If-Modified-Since), ``404``, ``500``, ``slow`` (waits ``slow_seconds`` before
answering), ``garbage`` (200 with HTML), ``bad-json`` (200 JSON that is not a project document),
``304`` (answers 304 to every conditional request, even with a stale validator), ``no-validators``
(200 without ETag / Last-Modified). ``fail_first = N`` answers 500 to the next N requests, then follows
the mode (to test retries). ``server.requests`` records (path, headers) of every request;
``server.overrides[name]`` replaces a recorded document.
"""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "pypi"
LAST_MODIFIED = "Wed, 25 Nov 2026 10:00:00 GMT"


class _Handler(BaseHTTPRequestHandler):
    server: "PyPIServer"

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None, ctype="application/json"):
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body and status != 304:
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        srv = self.server.owner
        with srv.lock:
            srv.requests.append((self.path, dict(self.headers)))
            failing = srv.fail_first > 0
            if failing:
                srv.fail_first -= 1
        mode = srv.mode
        if failing or mode == "500":
            return self._send(500, b'{"message": "Internal Server Error"}')
        if mode == "slow":
            srv.release.wait(srv.slow_seconds)
        if mode == "404":
            return self._send(404, b'{"message": "Not Found"}')
        if mode == "garbage":
            return self._send(200, b"<html><body>Service Unavailable</body></html>", ctype="text/html")
        if mode == "bad-json":
            return self._send(200, b'{"hello": "world"}')
        path = self.path.split("?", 1)[0]
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["simple"]:
            return self._send(200, b"<html></html>", ctype="text/html")
        if len(parts) not in (3, 4) or parts[0] != "pypi" or parts[-1] != "json":
            return self._send(404, b'{"message": "Not Found"}')
        doc = srv.document(parts[1])
        if doc is None:
            return self._send(404, b'{"message": "Not Found"}')
        if len(parts) == 4:
            version = parts[2]
            if version not in doc["releases"]:
                return self._send(404, b'{"message": "Not Found"}')
            recorded = srv.release_document(parts[1], version)
            if recorded is not None:  # a recorded per-release answer (tests/data/pypi/<name>/<version>.json)
                doc = recorded
            elif srv.has_release_documents(parts[1]):
                return self._send(404, b'{"message": "Not Found"}')
            else:
                info = dict(doc["info"], version=version)
                files = doc["releases"][version]
                info["requires_python"] = next((f.get("requires_python") for f in files if f.get("requires_python")), None)
                doc = {"info": info, "urls": files, "last_serial": doc.get("last_serial")}
        body = json.dumps(doc).encode()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:20]
        validators = {} if mode == "no-validators" else {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if mode == "304" and (inm or ims):
            return self._send(304, headers=validators)
        if mode != "no-validators" and (inm == etag or (ims == LAST_MODIFIED and not inm)):
            return self._send(304, headers=validators)
        return self._send(200, body, headers=validators)


def _quiet_error(request, client_address) -> None:
    import sys

    exc = sys.exc_info()[1]
    if not isinstance(exc, (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
        import traceback

        traceback.print_exc()


class PyPIServer:
    def __init__(self, data_dir: Path = DATA):
        self.data_dir = Path(data_dir)
        self.mode = "ok"
        self.fail_first = 0
        self.slow_seconds = 5.0
        self.requests: list[tuple[str, dict]] = []
        self.overrides: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.release = threading.Event()  # set on stop: a "slow" answer never outlives the server
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self  # type: ignore[attr-defined]
        self._httpd.handle_error = _quiet_error  # type: ignore[method-assign]  # a client that gave up is no error
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """The JSON API base (``.../pypi``)."""
        return f"{self.base}/pypi"

    @property
    def simple_url(self) -> str:
        """A pip-style index URL (``.../simple/``) that maps to :attr:`url`."""
        return f"{self.base}/simple/"

    def document(self, name: str) -> dict | None:
        key = name.lower().replace("_", "-").replace(".", "-")
        if key in self.overrides:
            return self.overrides[key]
        path = self.data_dir / f"{key}.json"
        if not path.is_file():
            return None
        return json.loads(path.read_text())

    def _release_dir(self, name: str) -> Path:
        return self.data_dir / name.lower().replace("_", "-").replace(".", "-")

    def has_release_documents(self, name: str) -> bool:
        """True when per-release answers are recorded for ``name`` (then only those versions answer)."""
        return self._release_dir(name).is_dir()

    def release_document(self, name: str, version: str) -> dict | None:
        """The recorded ``/pypi/<name>/<version>/json`` answer, or None (added for the third-party check)."""
        path = self._release_dir(name) / f"{version}.json"
        if not path.is_file():
            return None
        return json.loads(path.read_text())

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]

    def start(self) -> "PyPIServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def pypi_server():
    server = PyPIServer().start()
    try:
        yield server
    finally:
        server.stop()
