"""Wheels built in the test, and a local package index serving them to pip AND to the tool.

    wheel = build_wheel(tmp / "wheels", "legacy-compressor", "1.0", {"legacy_compressor/__init__.py": src},
                        requires_dist=["Django>=2.2"])
    with WheelIndex(tmp / "wheels") as index:
        index.simple_url   # for pip: PIP_EXTRA_INDEX_URL / --index-url (PEP 503 pages)
        index.url          # the JSON API (/pypi/<name>/json, /pypi/<name>/<version>/json) the tool reads

A wheel is written by hand (zip + METADATA/WHEEL/RECORD): no build backend, no network. Names not in
the wheel directory answer 404, so pip takes Django from its usual index.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.utils import canonicalize_name, parse_wheel_filename


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(dest: Path, name: str, version: str, files: dict[str, str], requires_dist=(), requires_python=None,
                classifiers=()) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    dist = name.replace("-", "_")
    info = f"{dist}-{version}.dist-info"
    meta = [f"Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    meta += [f"Requires-Dist: {r}" for r in requires_dist]
    if requires_python:
        meta.append(f"Requires-Python: {requires_python}")
    meta += [f"Classifier: {c}" for c in classifiers]
    content = dict(files)
    content[f"{info}/METADATA"] = "\n".join(meta) + "\n"
    content[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = [f"{path},{_record_hash(text.encode())},{len(text.encode())}" for path, text in content.items()]
    record.append(f"{info}/RECORD,,")
    content[f"{info}/RECORD"] = "\n".join(record) + "\n"
    path = dest / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for rel, text in content.items():
            zf.writestr(rel, text)
    return path


def _metadata(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    out = {"requires_dist": [], "classifiers": [], "requires_python": None}
    for line in text.splitlines():
        key, _, value = line.partition(": ")
        if key == "Name":
            out["name"] = value
        elif key == "Requires-Dist":
            out["requires_dist"].append(value)
        elif key == "Requires-Python":
            out["requires_python"] = value
        elif key == "Classifier":
            out["classifiers"].append(value)
    return out


class WheelIndex:
    def __init__(self, wheel_dir: Path):
        self.wheel_dir = Path(wheel_dir)
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802
                owner.requests.append(self.path)
                status, body, ctype = owner.answer(self.path.split("?", 1)[0])
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def simple_url(self) -> str:
        return f"{self.base}/simple/"

    @property
    def url(self) -> str:
        return f"{self.base}/pypi"

    def wheels(self, name: str) -> dict[str, Path]:
        out = {}
        for w in sorted(self.wheel_dir.glob("*.whl")):
            dist, version, _b, _t = parse_wheel_filename(w.name)
            if dist == canonicalize_name(name):
                out[str(version)] = w
        return out

    def _file(self, version: str, wheel: Path) -> dict:
        data = wheel.read_bytes()
        return {"filename": wheel.name, "url": f"{self.base}/files/{wheel.name}", "packagetype": "bdist_wheel",
                "size": len(data), "upload_time_iso_8601": "2026-01-01T00:00:00.000000Z", "yanked": False,
                "requires_python": _metadata(wheel)["requires_python"],
                "digests": {"sha256": hashlib.sha256(data).hexdigest()}}

    def answer(self, path: str) -> tuple[int, bytes, str]:
        parts = [p for p in path.split("/") if p]
        if parts[:1] == ["files"] and len(parts) == 2 and (self.wheel_dir / parts[1]).is_file():
            return 200, (self.wheel_dir / parts[1]).read_bytes(), "application/octet-stream"
        if parts[:1] == ["simple"] and len(parts) == 2:
            found = self.wheels(parts[1])
            if not found:
                return 404, b"not found", "text/html"
            links = "".join(
                f'<a href="/files/{w.name}#sha256={hashlib.sha256(w.read_bytes()).hexdigest()}">{w.name}</a>\n'
                for w in found.values())
            return 200, f"<html><body>{links}</body></html>".encode(), "text/html"
        if parts[:1] == ["pypi"] and parts[-1:] == ["json"] and len(parts) in (3, 4):
            found = self.wheels(parts[1])
            if not found:
                return 404, b'{"message": "Not Found"}', "application/json"
            if len(parts) == 3:
                latest = list(found)[-1]
                meta = _metadata(found[latest])
                doc = {"info": {"name": meta["name"], "version": latest, "requires_dist": meta["requires_dist"],
                                "requires_python": meta["requires_python"], "classifiers": meta["classifiers"]},
                       "releases": {v: [self._file(v, w)] for v, w in found.items()}}
            else:
                if parts[2] not in found:
                    return 404, b'{"message": "Not Found"}', "application/json"
                meta = _metadata(found[parts[2]])
                doc = {"info": {"name": meta["name"], "version": parts[2], "requires_dist": meta["requires_dist"],
                                "requires_python": meta["requires_python"], "classifiers": meta["classifiers"]},
                       "urls": [self._file(parts[2], found[parts[2]])]}
            return 200, json.dumps(doc).encode(), "application/json"
        return 404, b"not found", "text/html"

    def __enter__(self) -> "WheelIndex":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


LEGACY_V1 = '''"""A compressor that still imports a name Django 4.0 removed."""
from django.utils.encoding import force_text


def compress(value):
    return force_text(value).strip()
'''

LEGACY_V2 = '''"""Fixed for Django 4.0."""
from django.utils.encoding import force_str


def compress(value):
    return force_str(value).strip()
'''


def legacy_compressor_wheels(dest: Path) -> dict[str, Path]:
    """1.0 and 1.5 import force_text (line 2); 2.0 and 2.1 are fixed. All admit any Django >= 2.2."""
    out = {}
    for version, src in (("1.0", LEGACY_V1), ("1.5", LEGACY_V1), ("2.0", LEGACY_V2), ("2.1", LEGACY_V2)):
        out[version] = build_wheel(dest, "legacy-compressor", version, {"legacy_compressor/__init__.py": src},
                                   requires_dist=["Django>=2.2"])
    return out
