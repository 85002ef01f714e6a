"""Grouping harvested warning records and deciding where each one belongs.

``group(records, data, project_dir=None, python=None, settings_module=None) -> list[WarningGroup]``:
records with the same change (or, when unmapped, the same category and normalised message) at the
same file and line form one group, with a count, the first few tests that raised it, the change in
release_data (class aliases included), the release where it breaks, its origin and the codemods that
fix it.

Origins: ``first-party`` (a file of the project), ``third-party`` (an installed distribution:
``distribution`` and ``distribution_version`` say which, asked from the project's interpreter through
importlib.metadata in one subprocess), ``django`` (Django's own code, e.g. a template filter), ``python``
(the standard library), ``unknown`` (``<string>``, a file not found). Settings deprecations point into
``django/conf`` (or, from Django 6.0, at the first frame outside Django: manage.py, pytest-django ...):
they are attributed to the line of the settings module that assigns the setting
(``attributed_from`` keeps where the warning pointed).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from core import run as _run
from core import versions
from upgrader.harvest import WarningRecord
from upgrader.report import settings_lines

MAX_TESTS = 5
# the group a warning is shown in (``WarningGroup.family``), in the order reports show them
FAMILIES = {
    "django-deprecation": "Django deprecations",
    "django-other": "other Django warnings",  # DeleteViewCustomDeleteWarning, naive datetimes, ...
    "check": "system checks",
    "other": "other deprecation warnings",  # Python's and third-party packages' own
}
_DJANGO_CATEGORY = re.compile(r"^(RemovedInDjango\w+Warning|RemovedInNextVersionWarning)$")
_DEPRECATION_WORDS = re.compile(r"deprecat|removed in|will be removed|RemovedIn", re.I)
# the check id namespaces of Django's own system checks (urls.W002, security.W004, fields.W342 ...)
_DJANGO_CHECKS = {"admin", "async", "auth", "caches", "commands", "contenttypes", "csrf", "database", "fields", "files",
                  "models", "postgres", "security", "sessions", "signals", "sites", "staticfiles", "templates",
                  "translation", "urls"}


@dataclass
class WarningGroup:
    key: str  # stable baseline key: change-or-category : file : message hash (no line numbers)
    category: str  # short class name
    category_qualified: str
    message: str  # the first message seen
    file: str  # project-relative when first-party, else absolute as recorded ("" when unknown)
    line: int
    origin: str  # first-party / third-party / django / python / unknown
    count: int = 0
    tests: list = field(default_factory=list)
    change_id: str | None = None
    change_old: str | None = None
    change_new: str | None = None
    change_category: str | None = None
    removed_in: str | None = None  # the release where the API is gone
    deprecated_in: str | None = None
    link: str | None = None
    codemods: list = field(default_factory=list)
    distribution: str | None = None
    distribution_version: str | None = None
    kind: str = "warning"  # warning / check
    check_id: str | None = None
    hint: str | None = None
    django_related: bool = True  # a Django deprecation (counts for --fail-on)
    attributed_from: str | None = None  # where the warning pointed before settings attribution
    abs_path: str | None = None
    status: str | None = None  # baseline comparison: new / known
    family: str = "django-deprecation"  # a key of FAMILIES

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.file else "(unknown location)"

    def to_json(self) -> dict:
        return {
            "key": self.key, "kind": self.kind, "category": self.category,
            "category_qualified": self.category_qualified, "message": self.message,
            "file": self.file or None, "line": self.line or None, "origin": self.origin,
            "distribution": self.distribution, "distribution_version": self.distribution_version,
            "count": self.count, "tests": list(self.tests), "change": self.change_id,
            "old": self.change_old, "new": self.change_new, "change_category": self.change_category,
            "deprecated_in": self.deprecated_in, "removed_in": self.removed_in, "link": self.link,
            "codemods": list(self.codemods), "autofix": bool(self.codemods), "check_id": self.check_id,
            "hint": self.hint, "django_related": self.django_related,
            "attributed_from": self.attributed_from, "status": self.status, "family": self.family,
        }


def normalise_message(message: str) -> str:
    """The message without what varies between runs: addresses, paths, numbers, spacing."""
    text = re.sub(r"0x[0-9a-fA-F]+", "0x?", message or "")
    text = re.sub(r"(/[^\s:'\"]+)+", "<path>", text)
    text = re.sub(r"\d+", "N", text)
    return re.sub(r"\s+", " ", text).strip()


def stable_key(change_or_category: str, file: str, message: str) -> str:
    digest = hashlib.sha1(normalise_message(message).encode("utf-8")).hexdigest()[:12]
    return f"{change_or_category}:{file or '-'}:{digest}"


# -- places ----------------------------------------------------------------------------------------

def _is_site_packages(path: str) -> bool:
    parts = Path(path).parts
    return "site-packages" in parts or "dist-packages" in parts


def _is_django_file(path: str) -> bool:
    parts = Path(path).parts
    if "django" not in parts:
        return False
    i = len(parts) - 1 - list(reversed(parts)).index("django")
    return i > 0 and parts[i - 1] in ("site-packages", "dist-packages")


def _is_stdlib(path: str) -> bool:
    return bool(re.search(r"/lib/python\d+\.\d+/", path)) and not _is_site_packages(path)


def lookup_distributions(python: str | None, paths: list[str], cwd: Path | None = None) -> dict:
    """{path: (distribution, version)} asked from the project's interpreter in ONE subprocess."""
    if not python or not paths:
        return {}
    script = r"""
import json, os, sys
try:
    from importlib import metadata
except ImportError:
    import importlib_metadata as metadata
wanted = {os.path.realpath(p): p for p in json.load(sys.stdin)}
tops = set()
for real in wanted:
    parts = real.split(os.sep)
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            i = len(parts) - 1 - parts[::-1].index(marker)
            if i + 1 < len(parts):
                tops.add(parts[i + 1])
out = {}
for dist in metadata.distributions():
    try:
        files = dist.files or []
    except Exception:
        continue
    for f in files:
        if not f.parts or f.parts[0] not in tops:
            continue
        real = os.path.realpath(str(dist.locate_file(f)))
        if real in wanted and wanted[real] not in out:
            out[wanted[real]] = [dist.metadata["Name"], dist.version]
print(json.dumps(out))
"""
    try:
        proc = _run.run([python, "-c", script], input=json.dumps(sorted(set(paths))), timeout=120, cwd=cwd,
                        env=_run.project_env(python))
        data = json.loads(proc.stdout.strip().splitlines()[-1])
        return {k: tuple(v) for k, v in data.items()}
    except Exception:
        return {}


def codemods_for(change_id: str | None) -> list[str]:
    if not change_id:
        return []
    try:
        from codemods.registry import codemods_for_change
    except Exception:
        return []
    try:
        return [getattr(c, "name", None) or c.__name__ for c in codemods_for_change(change_id)]
    except Exception:
        return []


# -- grouping --------------------------------------------------------------------------------------

def is_reportable(record: WarningRecord, change, all_warnings: bool = False) -> bool:
    if all_warnings or change is not None:
        return True
    short = record.short_category
    if record.kind == "check":
        return _is_deprecation_check(record) or _is_django_check(record)
    if _DJANGO_CATEGORY.match(short) or record.category.startswith("django."):
        return True
    if record.filename and _is_django_file(record.filename):
        return True  # Django's own warnings that are not deprecations: naive datetimes, ...
    return short in ("DeprecationWarning", "PendingDeprecationWarning", "FutureWarning") or "Deprecat" in short


def group(records: list[WarningRecord], data, project_dir: str | Path | None = None, python: str | None = None,
          settings_module: str | None = None, all_warnings: bool = False) -> list[WarningGroup]:
    """Group harvested records (see the module docstring)."""
    project = Path(project_dir).resolve() if project_dir else None
    settings = settings_lines.project_settings_files(project, settings_module) if project else []
    # a test suite repeats the same few warnings thousands of times: each distinct one is matched,
    # located and classified once
    match = functools.cache(lambda category, message:
                            None if data is None else data.match_warning(category, message))
    assigned = functools.cache(lambda names: settings_lines.find_assignment(settings, list(names)))
    prepared = []
    for rec in records:
        change = match(rec.category, rec.message)
        if not is_reportable(rec, change, all_warnings):
            continue
        prepared.append((rec, change))

    if project is not None:
        from upgrader.report.logparse import locate_check_object

        for rec, _ in prepared:
            if rec.kind == "check" and not rec.filename and rec.obj:
                found = locate_check_object(project, rec.obj)  # checks read from a log name no file
                if found:
                    rec.filename, rec.lineno = found
        for rec, _ in prepared:
            if rec.filename and not rec.filename.startswith("<") and not os.path.isabs(rec.filename):
                rec.filename = os.path.normpath(str(project / rec.filename))
    third_party = sorted({r.filename for r, _ in prepared if r.filename and _is_site_packages(r.filename)
                          and not _is_django_file(r.filename)})
    dists = lookup_distributions(python, third_party, cwd=project) if third_party else {}
    classify = functools.cache(lambda filename: _classify(filename, project, dists))

    groups: dict[tuple, WarningGroup] = {}
    order = []
    for rec, change in prepared:
        filename, lineno = rec.filename or "", rec.lineno or 0
        if filename and project is not None and not filename.startswith("<") and not os.path.isabs(filename):
            filename = os.path.normpath(str(project / filename))
        attributed_from = None
        is_settings = (change is not None and change.category == "settings") or "/django/conf/" in filename
        if is_settings and settings:
            in_settings = any(Path(filename) == s for s in settings) if filename else False
            if not in_settings:
                found = assigned(tuple(settings_lines.setting_names(rec.message, change)))
                if found:
                    attributed_from = f"{filename}:{lineno}" if filename else None
                    filename, lineno = str(found[0]), found[1]
        origin, rel, dist = classify(filename)
        short = rec.short_category
        ident = change.id if change is not None else (rec.check_id or short)
        norm = normalise_message(rec.message.splitlines()[0] if rec.message else "")
        gkey = (ident, rel or filename, lineno, norm if change is None else "")
        g = groups.get(gkey)
        if g is None:
            removed = change.removed_in if change is not None else versions.warning_release(short)
            if change is None and rec.check_id:
                removed = _removed_from_text(rec.message)
            g = WarningGroup(
                key=stable_key(ident, rel or _key_path(filename), rec.message if change is None else ident),
                category=short if rec.kind != "check" else (rec.check_id or short),
                category_qualified=rec.category,
                message=rec.message,
                file=rel or filename,
                line=lineno,
                origin=origin,
                change_id=change.id if change is not None else None,
                change_old=change.old if change is not None else None,
                change_new=change.new if change is not None else None,
                change_category=change.category if change is not None else None,
                removed_in=removed,
                deprecated_in=change.deprecated_in if change is not None else None,
                link=change.link if change is not None else None,
                codemods=codemods_for(change.id if change is not None else None),
                distribution=dist[0] if dist else ("Django" if origin == "django" else None),
                distribution_version=dist[1] if dist else None,
                kind=rec.kind,
                check_id=rec.check_id,
                hint=rec.hint,
                django_related=bool(change is not None or _DJANGO_CATEGORY.match(short)
                                    or rec.category.startswith("django.") and rec.kind != "check"
                                    or rec.kind == "check" and family_of(rec, change) == "check"),
                attributed_from=attributed_from,
                abs_path=filename or None,
                family=family_of(rec, change, rec.filename or ""),
            )
            groups[gkey] = g
            order.append(gkey)
        g.count += 1
        if rec.test and rec.test not in g.tests and len(g.tests) < MAX_TESTS:
            g.tests.append(rec.test)
    result = [groups[k] for k in order]
    result.sort(key=sort_key)
    return result


def _is_deprecation_check(record: WarningRecord) -> bool:
    return bool(_DEPRECATION_WORDS.search(record.message or "") or _DEPRECATION_WORDS.search(record.hint or ""))


def _is_django_check(record: WarningRecord) -> bool:
    return (record.check_id or "").split(".", 1)[0] in _DJANGO_CHECKS


def family_of(record: WarningRecord, change, filename: str = "") -> str:
    """Which of FAMILIES a record belongs to, by its category first (a ``DeleteViewCustomDeleteWarning``
    mapped to a behaviour change is still one of the other Django warnings)."""
    if record.kind == "check":
        return "django-other" if _is_django_check(record) and not _is_deprecation_check(record) else "check"
    short = record.short_category
    if _DJANGO_CATEGORY.match(short):
        return "django-deprecation"
    deprecation = "Deprecat" in short or short == "FutureWarning"
    if record.category.startswith("django.") or (filename and _is_django_file(filename) and not deprecation):
        return "django-other"
    if change is not None:
        return "django-deprecation"
    return "other"


def by_family(groups: list[WarningGroup]) -> dict[str, list[WarningGroup]]:
    """{family: groups} in the order of FAMILIES, only the families that have groups."""
    out: dict[str, list[WarningGroup]] = {}
    for name in FAMILIES:
        members = [g for g in groups if g.family == name]
        if members:
            out[name] = members
    return out


def _key_path(filename: str) -> str:
    """A path that is the same on every machine: the part after site-packages, else the name."""
    if not filename:
        return ""
    parts = Path(filename).parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            i = len(parts) - 1 - list(reversed(parts)).index(marker)
            return "/".join(parts[i + 1:])
    return Path(filename).name


def _removed_from_text(message: str) -> str | None:
    m = re.search(r"removed in Django (\d+(?:\.\d+)?)", message or "")
    return versions.feature(m.group(1)) if m else None


def sort_key(g: WarningGroup):
    try:  # groups with a removal release first, by release; the others after them
        rk = (0, versions.feature_key(g.removed_in)) if g.removed_in else (1, None)
    except Exception:
        rk = (1, None)
    origin_rank = {"first-party": 0, "third-party": 1, "django": 2, "python": 3, "unknown": 4}.get(g.origin, 5)
    return (not g.django_related, rk, origin_rank, g.file, g.line, g.category)


def _classify(filename: str, project: Path | None, dists: dict) -> tuple[str, str, tuple | None]:
    """(origin, project-relative path or "", (dist, version) or None)."""
    if not filename or filename.startswith("<"):
        return "unknown", "", None
    if _is_django_file(filename):
        return "django", "", None
    if _is_site_packages(filename):
        return "third-party", "", dists.get(filename)
    if project is not None:
        try:
            rel = Path(filename).resolve().relative_to(project)
            return "first-party", rel.as_posix(), None
        except (ValueError, OSError):
            pass
    if _is_stdlib(filename):
        return "python", "", None
    if project is not None and not os.path.isabs(filename):
        return "first-party", filename, None
    return "unknown", "", None
