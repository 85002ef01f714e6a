"""Third-party blockers found statically, before anything changes (docs/deps.md, "Blockers").

For each step, every third-party distribution installed in the project's interpreter is scanned for
the APIs that step's Django removes (:mod:`upgrader.deps.codescan`, the detectors of first-party code)
and judged:

* ``blocked``: its code uses a removed name (outside compatibility code), or its Requires-Dist
  excludes the step's Django (or its Requires-Python the step's Python);
* ``ok``: its code was checked and uses none, and its metadata does not exclude the step;
* ``declared-only``: not installed, so its code was not checked, but the metadata of the pinned release
  on the index declares the step;
* ``unknown``: not installed and nothing known.

With a package index, a blocked distribution gets ``fix``: the smallest release on the index whose
metadata admits the step's Django and the project's Python AND whose wheel/sdist uses none of the
removed names (binary search over the admitted releases, assuming a release that dropped a removed
name does not take it back). Scans are cached in the tool's cache dir by (distribution, version, step,
detectors); an index that cannot be reached is said once (``BlockerReport.notice``) and the static
verdicts stay.

    report = check(project, [step_target("4.0")], client=None)     # static only
    preflight_blockers(project, "4.0.10", client)                   # [Blocker] (blocked ones) for step
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from core import atomic, versions
from upgrader.deps import codescan, judge
from upgrader.deps.model import MOVE_FIRST, MOVE_WITH_DJANGO, StepTarget
from upgrader.pypi import PyPIUnavailable, release_versions

OK = "ok"
DECLARED_ONLY = "declared-only"
BLOCKED = "blocked"
UNKNOWN = "unknown"
VERDICT_TEXT = {OK: "OK", DECLARED_ONLY: "DECLARED-ONLY", BLOCKED: "BLOCKED", UNKNOWN: "UNKNOWN"}


@dataclass
class Blocker:
    """The verdict of one distribution on one step (a blocker when ``verdict == "blocked"``)."""

    name: str
    version: str | None
    to: str  # the step's Django ("4.0.10")
    feature: str
    verdict: str
    reason: str = ""
    hits: list = field(default_factory=list)  # codescan.Hit, unguarded: these block
    guarded: list = field(default_factory=list)  # codescan.Hit inside compatibility code: they do not
    requires_django: str | None = None
    fix: str | None = None  # the smallest release that fixes it
    move: str | None = None  # first / with-django
    fix_reason: str = ""
    location: str = ""  # the directory its files were read from
    origin: str = "installed"  # installed / index / pin

    @property
    def key(self) -> str:
        return canonicalize_name(self.name)

    @property
    def uses(self) -> str:
        """``compressor/base.py:12 uses django.utils.encoding.force_text() (force-text)`` for the first hit."""
        if not self.hits:
            return ""
        h = self.hits[0]
        more = f" (and {len(self.hits) - 1} more)" if len(self.hits) > 1 else ""
        return f"{h.where} uses {h.removed} ({h.change}){more}"

    @property
    def message(self) -> str:
        text = self.reason
        if self.fix:
            text += f"; {self.fix} fixes it"
        elif self.fix_reason:
            text += f"; {self.fix_reason}"
        return text

    def to_json(self) -> dict:
        return {
            "name": self.name, "version": self.version, "step": self.to, "verdict": self.verdict,
            "reason": self.reason, "uses": [h.to_json() for h in self.hits],
            "guarded": [h.to_json() for h in self.guarded], "requires_django": self.requires_django,
            "fix": self.fix, "move": self.move, "fix_reason": self.fix_reason, "message": self.message,
            "location": self.location, "origin": self.origin,
        }


@dataclass
class BlockerReport:
    steps: dict[str, list[Blocker]] = field(default_factory=dict)  # keyed by the step's "to"
    offline: str | None = None
    index: str | None = None
    scanned: int = 0  # distributions scanned (or read from the cache)

    def notice(self) -> str | None:
        if not self.offline:
            return None
        return (f"dependency check: the package index {self.index or ''} could not be reached ({self.offline}); "
                "static verdicts only, no fixing release looked up").replace("  ", " ")

    def blocked(self, to: str) -> list[Blocker]:
        return [b for b in self.steps.get(to, []) if b.verdict == BLOCKED]


# ------------------------------------------------------------------------------------------ caches
def cache_root() -> Path:
    from release_data import user_cache_dir

    return user_cache_dir()


def _cache_file(name: str, version: str, feature: str, origin: str, fp: str) -> Path:
    safe = "".join(c if c.isalnum() or c in ".-_+" else "_" for c in f"{canonicalize_name(name)}-{version}-{feature}-{origin}-{fp}")
    return cache_root() / "deps-scan" / f"{safe}.json"


def _load(path: Path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        hits = [codescan.Hit(**h) for h in data["hits"]] if data.get("hits") is not None else None
        return hits, bool(data.get("mentions", True))
    except (OSError, ValueError, KeyError, TypeError):
        return "miss", False


def _save(path: Path, hits, mentions: bool) -> None:
    try:
        atomic.write_json(path, {"hits": None if hits is None else [h.to_json() for h in hits], "mentions": mentions})
    except OSError:
        pass


def _candidate_files(dist) -> list[Path]:
    """The files of ``dist`` that can hold a removed API (see codescan.relevant), cached per release."""
    path = _cache_file(dist.name, dist.version, "all", "files", "v" + codescan.SCAN_VERSION)
    cacheable = not dist.direct_url
    if cacheable:
        try:
            rels = json.loads(path.read_text(encoding="utf-8"))["files"]
            return [dist.root / r for r in rels]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    files = []
    for f in dist.files:
        try:
            rel = f.relative_to(dist.root).as_posix()
        except ValueError:
            continue
        if codescan.wanted(rel):
            files.append(f)
    found = codescan.relevant(files)
    if cacheable:
        try:
            atomic.write_json(path, {"files": [f.relative_to(dist.root).as_posix() for f in found]})
        except OSError:
            pass
    return found


def scan_installed(dist, feature: str, changes, fp: str) -> tuple[list, bool]:
    """(hits, imports django) of an installed distribution, cached by (name, version, step)."""
    files = _candidate_files(dist)
    mentions = any(f.suffix == ".py" for f in files)
    if not files or not changes:
        return [], mentions
    path = _cache_file(dist.name, dist.version, feature, "installed", fp)
    hits, _ = _load(path)
    if hits != "miss" and hits is not None and not dist.direct_url:
        return hits, mentions
    hits, _ = codescan.scan(files, changes, dist.root, prefilter=False)
    _save(path, hits, mentions)
    return hits, mentions


def scan_index_release(index, name: str, version: str, doc: dict, feature: str, changes, fp: str):
    """Hits of a release on the index (None: nothing scannable), cached; may raise PyPIUnavailable."""
    from upgrader.deps import archives

    path = _cache_file(name, version, feature, "index", fp)
    hits, _ = _load(path)
    if hits != "miss":
        return hits
    hits = archives.scan_release(index, name, version, doc, changes, cache_root())
    _save(path, hits, True)
    return hits


# ----------------------------------------------------------------------------------------- verdicts
def step_changes(feature: str, data=None) -> list:
    import release_data

    data = data or release_data.load()
    return list(data.removed_in(feature))


def _judge_installed(dist, step: StepTarget, hits: list) -> Blocker:
    live = [h for h in hits if not h.guarded]
    guarded = [h for h in hits if h.guarded]
    b = Blocker(name=dist.name, version=dist.version, to=step.to, feature=step.feature, verdict=OK,
                hits=live, guarded=guarded, location=str(dist.root))
    spec = judge.django_requirement(dist.meta, step.python) if dist.meta else None
    b.requires_django = str(spec) if spec is not None else None
    reasons = []
    if live:
        reasons.append(b.uses)
    if spec is not None and not judge.admits(spec, step.to):
        reasons.append(f"requires Django{spec}")
    if dist.meta is not None and judge.python_admitted(dist.meta.requires_python, step.python) is False:
        reasons.append(f"requires Python {dist.meta.requires_python}, the project runs {step.python} here")
    if reasons:
        b.verdict, b.reason = BLOCKED, "; ".join(reasons)
    else:
        b.reason = (f"its code uses none of the APIs Django {step.feature} removes"
                    + (f" ({len(guarded)} use(s) inside compatibility code)" if guarded else ""))
    return b


def _vkey(text: str):
    try:
        return Version(text)
    except InvalidVersion:
        return Version("0")


def find_fix(index, b: Blocker, step: StepTarget, changes, fp: str, current_django: str | None,
             current_python: str | None) -> None:
    """Fill ``b.fix`` / ``b.move`` / ``b.fix_reason`` (in place); raises PyPIUnavailable when offline."""
    doc = index.project(b.name)
    if doc is None:
        b.fix_reason = f"{b.name} is not on the index {index.api}"
        return
    floor = _vkey(b.version) if b.version else None
    pool = [info["version"] for v, info in release_versions(doc)
            if (floor is None or v > floor) and judge.python_admitted(info.get("requires_python"), step.python) is not False]
    metas = dict(index.map(lambda v: index.meta(b.name, v, doc), pool))
    for v in pool:
        if isinstance(metas.get(v), PyPIUnavailable):
            raise metas[v]
    # metadata that excludes the step rules a release out; a release whose metadata the index does not
    # publish (old sdist-only uploads) is judged by its code alone
    admitted = [v for v in pool if metas.get(v) is None or not metas[v].known
                or judge.runs_on(metas[v], step.to, step.python)]
    if not admitted:
        latest = pool[-1] if pool else b.version
        b.fix_reason = f"no release up to {latest} admits Django {step.feature}" + (f" on Python {step.python}" if step.python else "")
        return
    cache: dict[str, bool] = {}

    def clean(v: str) -> bool:
        if v not in cache:
            hits = scan_index_release(index, b.name, v, doc, step.feature, changes, fp)
            cache[v] = hits is not None and not any(not h.guarded for h in hits)
        return cache[v]

    if not clean(admitted[-1]):
        b.fix_reason = f"the newest release admitting Django {step.feature} ({admitted[-1]}) still uses a removed API (or could not be scanned)"
        return
    lo, hi = 0, len(admitted) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if clean(admitted[mid]):
            hi = mid
        else:
            lo = mid + 1
    b.fix = admitted[hi]
    meta = metas.get(b.fix)
    if meta is None or not meta.known:
        b.fix_reason = f"the index publishes no metadata for {b.fix}: judged by its code"
        b.move = MOVE_WITH_DJANGO
        return
    b.move = MOVE_FIRST if current_django and judge.runs_on(meta, current_django, current_python) else MOVE_WITH_DJANGO


def _index_for(client):
    if client is None:
        return None
    from upgrader.deps.index import Index

    return client if isinstance(client, Index) else Index(client)


def check(project, steps: list[StepTarget], client=None, python_path: str | None = None,
          current_django: str | None = None, current_python: str | None = None, data=None,
          dists: list | None = None, changes_for: dict | None = None) -> BlockerReport:
    """The verdict of every Django-related installed distribution for every step (see the module doc)."""
    from upgrader.deps import sitedists

    index = _index_for(client)
    report = BlockerReport(index=index.api if index else None)
    if dists is None:
        if python_path is None:
            try:
                probe = project.try_probe()
            except Exception:  # noqa: BLE001 - an interpreter that cannot run: nothing to scan
                probe = None
            python_path = probe.interpreter.path if probe is not None else None
        dists = sitedists.installed(python_path, project.dir) if python_path else []
    report.scanned = len(dists)
    for step in steps:
        same = current_django is not None and versions.feature(current_django) == step.feature
        if changes_for is not None and step.to in changes_for:
            changes = list(changes_for[step.to])  # the plan's own list (an LTS hop removes several releases' worth)
        else:
            changes = [] if same else step_changes(step.feature, data)  # a patch step removes nothing
        fp = codescan.fingerprint(changes)
        rows = []
        for dist in dists:
            hits, mentions = scan_installed(dist, step.feature, changes, fp) if changes else ([], False)
            related = bool(hits) or mentions or (dist.meta is not None and judge.depends_on_django(dist.meta))
            if not related:
                continue
            rows.append(_judge_installed(dist, step, hits))
        if index is not None:
            for b in rows:
                if b.verdict != BLOCKED:
                    continue
                if index.offline:
                    break
                try:
                    find_fix(index, b, step, changes, fp, current_django, current_python)
                except PyPIUnavailable as exc:
                    if not index.offline:
                        b.fix_reason = f"could not look for a fixing release ({exc.reason})"
        elif any(b.verdict == BLOCKED for b in rows):
            for b in rows:
                if b.verdict == BLOCKED:
                    b.fix_reason = "pass --check-deps to look for the release that fixes it"
        rows.sort(key=lambda b: ({BLOCKED: 0, UNKNOWN: 1, DECLARED_ONLY: 2, OK: 3}[b.verdict], b.key))
        report.steps[step.to] = rows
    if index is not None and index.offline:
        report.offline = index.offline.split(": ", 1)[-1] if index.offline.startswith("http") else index.offline
    return report


def preflight_blockers(project, to_version: str, client=None, current_django: str | None = None) -> tuple[list[Blocker], str | None]:
    """``(blockers, notice)`` for the step to ``to_version``: the BLOCKED distributions (with their fix
    when ``client`` can reach the index) and the one line saying the index could not be reached."""
    from upgrader.deps.targets import step_target

    try:
        probe = project.try_probe()
    except Exception:  # noqa: BLE001
        probe = None
    python = probe.python_feature if probe is not None else None
    step = step_target(to_version, python)
    report = check(project, [step], client=client, python_path=probe.interpreter.path if probe else None,
                   current_django=current_django or (probe.django if probe else None), current_python=python)
    return report.blocked(step.to), report.notice()


__all__ = ["Blocker", "BlockerReport", "check", "preflight_blockers", "find_fix", "scan_installed", "step_changes", "OK", "DECLARED_ONLY", "BLOCKED", "UNKNOWN"]
