"""Re-record the answers the third-party check (upgrader/deps) is tested against (by hand, needs network).

    python tests/data/pypi/record_deps.py

For each package: the project document ``<name>.json`` (trimmed like ``record.py`` does, with only the
releases listed below; the existing full ``djangorestframework.json`` / ``django-filter.json`` are
left alone) and one per-release document ``<name>/<version>.json`` shaped like PyPI's
``/pypi/<name>/<version>/json`` (``info``: name, version, requires_dist, requires_python, Django and
Python classifiers; ``urls``: the release's files).

The per-release ``info`` is read from the release's real core metadata: the PEP 658 ``.metadata``
file, else the wheel's ``*.dist-info/METADATA``, else the sdist's ``PKG-INFO`` plus
``*.egg-info/requires.txt`` (old setuptools sdists keep Requires-Dist there). (PyPI's per-release
JSON endpoint carries the same fields; it was not reachable from the recording machine.)
"""

from __future__ import annotations

import io
import json
import re
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path
from urllib.parse import urljoin

import requests
from packaging.version import Version

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from record import trim  # noqa: E402

S = requests.Session()
API = "https://pypi.org/pypi"

# name -> (versions to keep in <name>.json or None to leave that file alone, first version to record per-release)
PACKAGES = {
    "djangorestframework": (None, "3.11.2"),
    "django-filter": (None, "2.4.0"),
    "django-crispy-forms": ("1.14.0+", None),
    "wagtail": (["2.15.6", "2.16.3", "3.0.3", "4.0.4", "4.1.9", "4.2.4", "5.0.5", "5.1.3", "5.2.8", "latest"], None),
    "django-allauth": (["0.50.0", "0.54.0", "0.61.1", "latest"], None),
    "django-celery-beat": ("2.2.1+", None),
    "django-cte": ("1.1.5+", None),
    "requests": (["2.32.3"], None),
}


def _meta_from_text(text: str, requires_txt: str | None = None) -> dict:
    msg = Parser().parsestr(text)
    dist = list(msg.get_all("Requires-Dist") or [])
    if not dist and requires_txt:
        extra = None
        for line in requires_txt.splitlines():
            line = line.strip()
            if not line:
                continue
            m = re.match(r"^\[(.*)\]$", line)
            if m:
                extra = m.group(1)
                continue
            if extra:
                name_extra, _, marker = extra.partition(":")
                cond = [f'extra == "{name_extra}"'] if name_extra else []
                if marker:
                    cond.append(f"({marker})")
                dist.append(f"{line}; {' and '.join(cond)}")
            else:
                dist.append(line)
    return {
        "requires_dist": dist or None,
        "requires_python": msg.get("Requires-Python") or None,
        "classifiers": [
            c for c in msg.get_all("Classifier") or []
            if c.startswith("Framework :: Django") or c.startswith("Programming Language :: Python :: 3")
        ],
    }


def metadata(base: str, files: list[dict]) -> dict:
    wheels = [f for f in files if f["packagetype"] == "bdist_wheel"]
    for f in wheels:
        if f.get("core-metadata") or f.get("data-dist-info-metadata"):
            r = S.get(urljoin(base, f["url"]) + ".metadata", timeout=60)
            if r.status_code == 200:
                return _meta_from_text(r.text)
    for f in wheels:
        r = S.get(urljoin(base, f["url"]), timeout=300)
        if r.status_code == 200:
            z = zipfile.ZipFile(io.BytesIO(r.content))
            name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            return _meta_from_text(z.read(name).decode("utf-8"))
    for f in files:
        if f["packagetype"] == "sdist" and f["url"].endswith((".tar.gz", ".zip")):
            r = S.get(urljoin(base, f["url"]), timeout=300)
            r.raise_for_status()
            if f["url"].endswith(".zip"):
                z = zipfile.ZipFile(io.BytesIO(r.content))
                read = {n: (lambda n=n: z.read(n).decode("utf-8")) for n in z.namelist()}
            else:
                t = tarfile.open(fileobj=io.BytesIO(r.content))
                read = {m.name: (lambda m=m: t.extractfile(m).read().decode("utf-8")) for m in t.getmembers() if m.isfile()}
            pkg_info = min((n for n in read if n.endswith("PKG-INFO")), key=len)
            reqs = [n for n in read if n.endswith(".egg-info/requires.txt")]
            return _meta_from_text(read[pkg_info](), read[min(reqs, key=len)]() if reqs else None)
    raise SystemExit(f"no metadata for {base} {files}")


def main() -> None:
    for name, (keep, first) in PACKAGES.items():
        base = f"{API}/{name}/json"
        full = S.get(base, timeout=60).json()
        finals = sorted(
            (v for v, files in full["releases"].items() if files and not Version(v).is_prerelease),
            key=Version,
        )
        if keep is None:
            wanted = [v for v in finals if Version(v) >= Version(first)]
        elif isinstance(keep, str):
            start = keep.rstrip("+")
            wanted = [v for v, files in full["releases"].items() if files and Version(v) >= Version(start)]
            pre = sorted((v for v in wanted if Version(v).is_prerelease), key=Version)
            wanted = [v for v in wanted if not Version(v).is_prerelease or v == (pre[:1] or [None])[0]]  # one pre-release is enough
        else:
            wanted = [full["info"]["version"] if v == "latest" else v for v in keep]
        if keep is not None:
            doc = trim(full)
            doc["releases"] = {v: doc["releases"][v] for v in wanted}
            (HERE / f"{name}.json").write_text(json.dumps(doc, separators=(",", ":"), sort_keys=True) + "\n")
        outdir = HERE / name
        outdir.mkdir(exist_ok=True)
        for v in wanted:
            files = full["releases"][v]
            info = {"name": full["info"]["name"], "version": v, **metadata(base, files)}
            urls = trim({"info": {}, "releases": {v: files}})["releases"][v]
            (outdir / f"{v}.json").write_text(json.dumps({"info": info, "urls": urls}, separators=(",", ":"), sort_keys=True) + "\n")
            print(name, v, info["requires_dist"] and [d for d in info["requires_dist"] if "jango" in d.lower()])


if __name__ == "__main__":
    main()
