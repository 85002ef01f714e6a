"""Re-record the PyPI JSON answers served by tests/pypi_server.py (run by hand, needs network).

    python tests/data/pypi/record.py django djangorestframework django-filter

Each answer is trimmed to the fields the tool reads, to keep the files small: ``info`` (name, version,
requires_python, requires_dist, classifiers about Python/Django, yanked), and per release one entry per
distinct file kind (sdist / wheel) with ``packagetype``, ``requires_python``, ``upload_time_iso_8601``
and ``yanked``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
INFO_KEYS = ("name", "version", "requires_python", "requires_dist", "summary", "yanked")
FILE_KEYS = ("packagetype", "requires_python", "upload_time_iso_8601", "yanked")


def trim(doc: dict) -> dict:
    info = {k: doc["info"].get(k) for k in INFO_KEYS}
    info["classifiers"] = [
        c for c in doc["info"].get("classifiers") or []
        if c.startswith("Framework :: Django") or c.startswith("Programming Language :: Python :: 3")
    ]
    releases = {}
    for version, files in doc["releases"].items():
        kept, kinds = [], set()
        for f in files:
            if f.get("packagetype") in kinds:
                continue
            kinds.add(f.get("packagetype"))
            kept.append({k: f.get(k) for k in FILE_KEYS})
        releases[version] = kept
    return {"info": info, "last_serial": doc.get("last_serial"), "releases": releases}


def main(names: list[str]) -> None:
    for name in names:
        r = requests.get(f"https://pypi.org/pypi/{name}/json", timeout=60)
        r.raise_for_status()
        out = HERE / f"{name.lower()}.json"
        out.write_text(json.dumps(trim(r.json()), separators=(",", ":"), sort_keys=True) + "\n")
        print(out, out.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1:] or ["django", "djangorestframework", "django-filter"])
