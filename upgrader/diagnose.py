"""Diagnosis by frame: which code raised each failure of a test run.

``explain(run_result, project_root, site_packages_paths=None) -> list[Diagnosis]``: for each failing
or erroring test (and the exception that ended the process, when there was one) the exception type,
message and the frame that is to blame, classified as

* ``first-party`` - a file of the project (``file`` relative to the project root, ``line``);
* ``third-party`` - a file of an installed distribution (``distribution``, ``distribution_version``,
  found from the ``*.dist-info/RECORD`` files of the site-packages directory that holds the file:
  read as files by the tool, never by importing anything of the project);
* ``django`` - Django's own code, when no other frame is to blame (e.g. a check at start-up);
* ``tool`` - the harvester of this tool (its files on the project's ``PYTHONPATH``);
* ``python`` / ``unknown`` - the standard library, ``<string>``, a file that is not there.

The frame to blame is the innermost frame that is not the standard library, import machinery or
Django itself (Django raises for code that called it wrongly: the caller is the cause). An exception
that code other than the project's raised while handling or from another one is explained by its
root cause: the innermost exception of the chain that is blamed on first- or third-party code
(``outer`` keeps the re-raised one). ``raised_at`` is always the innermost frame, with its source
line. Nothing here reads the runner's printed output.
"""

from __future__ import annotations

import functools
import os
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

from upgrader.harvest import HARVEST_DIR
from upgrader.testresults import Frame, TestOutcome

_SITE_MARKERS = ("site-packages", "dist-packages")


@dataclass
class Diagnosis:
    test: str
    kind: str  # failure / error / crash (the process ended: no test ran to its end)
    exc_type: str
    message: str
    origin: str  # first-party / third-party / django / tool / python / unknown
    file: str  # project-relative for first-party, else absolute ("" when unknown)
    line: int
    function: str = ""
    source_line: str = ""
    distribution: str | None = None
    distribution_version: str | None = None
    raised_at: str = ""  # file:line of the innermost frame
    raised_source: str = ""
    first_party: str | None = None  # the innermost project frame (file:line), when there is one
    frames: list = field(default_factory=list)  # [Frame] of the explained exception
    outer: str | None = None  # "ExcType: message" of the exception that was raised from this root cause

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.file else "(unknown location)"

    def headline(self) -> str:
        """One line: ``ImportError: cannot import ... in legacy-dep 1.0 (legacy_dep/compat.py:3)``."""
        where = {
            "third-party": f"in {self.distribution or 'an installed package'}"
                           f"{' ' + self.distribution_version if self.distribution_version else ''} ({self.location})",
            "first-party": f"in {self.location}",
            "tool": f"in django-upgrade's own harvester ({self.location}): a bug of this tool",
            "django": f"in Django ({self.location})",
        }.get(self.origin, f"at {self.location}")
        return f"{self.exc_type}: {self.message.splitlines()[0] if self.message else ''} {where}".strip()

    def to_json(self) -> dict:
        return {
            "test": self.test, "kind": self.kind, "exc_type": self.exc_type, "message": self.message,
            "origin": self.origin, "file": self.file or None, "line": self.line or None, "function": self.function,
            "source_line": self.source_line, "distribution": self.distribution,
            "distribution_version": self.distribution_version, "raised_at": self.raised_at,
            "raised_source": self.raised_source, "first_party": self.first_party, "outer": self.outer,
            "headline": self.headline(),
        }


# -- places -------------------------------------------------------------------------------------------

def _site_root(path: str) -> str | None:
    parts = Path(path).parts
    for marker in _SITE_MARKERS:
        if marker in parts:
            i = len(parts) - 1 - list(reversed(parts)).index(marker)
            return str(Path(*parts[: i + 1]))
    return None


@functools.lru_cache(maxsize=32)
def _record_index(site: str) -> dict:
    """{absolute file: (distribution, version)} from every ``*.dist-info/RECORD`` under ``site``."""
    from importlib import metadata

    index: dict = {}
    try:
        dists = list(metadata.distributions(path=[site]))
    except Exception:  # noqa: BLE001 - an unreadable directory explains nothing
        return index
    for dist in dists:
        try:
            name, version = dist.metadata["Name"], dist.version
            files = dist.files or []
        except Exception:  # noqa: BLE001
            continue
        for f in files:
            try:
                index.setdefault(os.path.normpath(os.path.join(site, str(f))), (name, version))
            except Exception:  # noqa: BLE001
                continue
    return index


@functools.lru_cache(maxsize=32)
def _editable_index(site: str) -> tuple:
    """((source directory, distribution, version), ...) of the editable installs under ``site``
    (``direct_url.json`` with ``dir_info.editable``): their files are not in site-packages."""
    import json
    from importlib import metadata
    from urllib.parse import unquote, urlparse

    out = []
    try:
        dists = list(metadata.distributions(path=[site]))
    except Exception:  # noqa: BLE001
        return ()
    for dist in dists:
        try:
            info = json.loads(dist.read_text("direct_url.json") or "null")
            if not (isinstance(info, dict) and (info.get("dir_info") or {}).get("editable")):
                continue
            url = urlparse(info.get("url") or "")
            if url.scheme == "file":
                out.append((os.path.realpath(unquote(url.path)), dist.metadata["Name"], dist.version))
        except Exception:  # noqa: BLE001
            continue
    return tuple(out)


def distribution_of(path: str, site_packages_paths=None) -> tuple[str, str] | None:
    """(name, version) of the installed distribution that owns ``path``: from the RECORD files of its
    site-packages directory, or an editable install whose source directory holds it."""
    roots = [_site_root(path)] + [str(p) for p in site_packages_paths or []]
    norm = os.path.normpath(path)
    real = os.path.realpath(path)
    for root in dict.fromkeys(r for r in roots if r):
        index = _record_index(os.path.normpath(root))
        found = index.get(norm) or index.get(real)
        if found:
            return found
    for root in dict.fromkeys(r for r in roots if r):
        for directory, name, version in _editable_index(os.path.normpath(root)):
            if real.startswith(directory + os.sep):
                return name, version
    return None


def _is_django(path: str) -> bool:
    parts = Path(path).parts
    if "django" not in parts:
        return False
    i = len(parts) - 1 - list(reversed(parts)).index("django")
    return i > 0 and parts[i - 1] in _SITE_MARKERS


_STDLIB_DIRS = {os.path.normpath(sysconfig.get_paths()["stdlib"])}


def _is_stdlib(path: str) -> bool:
    if path.startswith("<frozen") or path.startswith("<"):
        return True
    if _site_root(path):
        return False
    p = os.path.normpath(path)
    if any(p.startswith(d + os.sep) for d in _STDLIB_DIRS):
        return True
    import re

    return bool(re.search(r"/lib/python\d+\.\d+/", p))


def _is_tool(path: str) -> bool:
    try:
        return Path(path).resolve().parent == HARVEST_DIR
    except OSError:
        return False


def classify(path: str, project_root) -> tuple[str, str]:
    """(origin, file as shown) of one frame's file."""
    if not path or path.startswith("<") and not path.startswith("<frozen"):
        return "unknown", path or ""
    if _is_tool(path):
        return "tool", path
    if path.startswith("<frozen"):
        return "python", path
    if _site_root(path):
        return ("django" if _is_django(path) else "third-party"), path
    if project_root is not None:
        try:
            return "first-party", Path(path).resolve().relative_to(Path(project_root).resolve()).as_posix()
        except (ValueError, OSError):
            pass
    if _is_stdlib(path):
        return "python", path
    return "unknown", path


def _classify_in(path: str, project_root, sites) -> tuple[str, str]:
    origin, shown = classify(path, project_root)
    if origin == "unknown" and path and not path.startswith("<") and sites and distribution_of(path, sites):
        return "third-party", path  # an editable install outside the project
    return origin, shown


def _blame(frames: list, project_root, sites=None) -> tuple[Frame, str, str] | None:
    """The innermost frame that is first-party or third-party; the tool only when the exception was
    raised in its code (its wrappers merely pass calls through); else Django's; else the innermost."""
    django = None
    inner = True
    for i in range(len(frames) - 1, -1, -1):
        f = frames[i]
        origin, shown = _classify_in(f.file, project_root, sites)
        if origin == "tool" and inner:
            return f, origin, shown
        if origin == "first-party" and i == 0 and f.function == "<module>" and django is not None:
            break  # the script that started it all (manage.py, runtests.py) is not the cause
        if origin in ("first-party", "third-party"):
            return f, origin, shown
        if origin == "django" and django is None:
            django = (f, origin, shown)
        if origin != "python":
            inner = False
    if django:
        return django
    if frames:
        origin, shown = classify(frames[-1].file, project_root)
        return frames[-1], origin, shown
    return None


def diagnose_outcome(outcome: TestOutcome, project_root=None, site_packages_paths=None,
                     kind: str | None = None) -> Diagnosis:
    exc_type, message, frames = outcome.exc_type or "", outcome.message, list(outcome.frames)
    # the site-packages directories the run's frames went through, for editable installs elsewhere
    sites = list(site_packages_paths or []) + sorted(
        {r for f in frames + [g for link in outcome.chain for g in link["frames"]] for r in [_site_root(f.file)] if r})
    blamed = _blame(frames, project_root, sites)
    outer = None
    # raised while handling (or from) another exception by code that is not the project's (a wrapper's
    # re-raise, such as pytest-django's ImportError for the settings', says less): the root cause is the
    # innermost one of the chain that is blamed on the project, a package or the tool. An exception the
    # project's own code chose to raise stays the one explained.
    for link in (outcome.chain if blamed is None or blamed[1] != "first-party" else []):
        linked = _blame(link["frames"], project_root, sites)
        if linked and linked[1] in ("first-party", "third-party", "tool"):
            if outer is None:
                outer = f"{exc_type}: {message}" if message else exc_type
            exc_type, message, frames, blamed = link["exc_type"] or exc_type, link["message"], link["frames"], linked
    d = Diagnosis(test=outcome.test, kind=kind or outcome.kind, exc_type=exc_type or "(no exception)",
                  message=message, origin="unknown", file="", line=0, frames=frames, outer=outer)
    if frames:
        inner = frames[-1]
        d.raised_at, d.raised_source = f"{inner.file}:{inner.line}", inner.source
    for f in reversed(frames):
        origin, shown = classify(f.file, project_root)
        if origin == "first-party":
            d.first_party = f"{shown}:{f.line}"
            break
    if blamed:
        frame, d.origin, d.file = blamed
        d.line, d.function, d.source_line = frame.line, frame.function, frame.source
        if d.origin == "third-party":
            found = distribution_of(frame.file, sites)
            if found:
                d.distribution, d.distribution_version = found
    return d


def explain(run_result, project_root=None, site_packages_paths=None) -> list[Diagnosis]:
    """One Diagnosis per failing test of ``run_result`` (a testrun.RunResult), then its crash."""
    out = [diagnose_outcome(t, project_root, site_packages_paths) for t in getattr(run_result, "tests", []) or []
           if t.failing]
    crash = getattr(run_result, "crash", None)
    if crash is not None:
        out.append(diagnose_outcome(crash, project_root, site_packages_paths, kind="crash"))
    return out


if __name__ == "__main__":  # pragma: no cover - a debugging aid: python -m upgrader.diagnose HARVEST_FILE
    from upgrader.harvest import read_harvest
    from upgrader.testresults import from_harvest

    found = from_harvest(read_harvest(sys.argv[1]), [])
    for diag in explain(found, os.getcwd()):
        print(diag.test, "-", diag.headline())
