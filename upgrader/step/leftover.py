"""What a step leaves to be done by hand - only what was FOUND in this project.

    left_by_hand(report, data, project) -> (left dict, warning groups, fixable_next)

Keys of ``left``: ``warnings`` (first-party warning groups still raised), ``third_party_warnings``,
``manual_changes`` (removals of the step no codemod fixes, each with the places the scanner FOUND
in this project - a removal with no occurrence is not listed), ``incompatible`` (the
backwards-incompatible changes of the step a failure or a warning matched), ``failures`` (failing
tests after the bump, explained), ``codemods_undone`` (codemods blamed for a failure and undone),
``commands`` (lock files to regenerate ...), ``migration_blockers``.
"""

from __future__ import annotations

import os

from core import versions
from upgrader.step import explain


def _manual_changes(project_dir: str, data, x: str, y: str, notes: list) -> list[dict]:
    from codemods import registry

    from upgrader import scanner

    candidates = []
    for rel in data.between(x, y) if y != x else []:
        for ch in data.removed_in(rel.version):
            if not registry.codemods_for_change(ch.id):
                candidates.append(ch)
    if not candidates:
        return []
    try:
        found = scanner.scan(project_dir, candidates)
    except Exception as exc:  # noqa: BLE001 - the report must be written whatever happens
        notes.append(f"the project was not scanned for the removals no codemod fixes: {exc}")
        return []
    out = []
    for ch in candidates:
        occ = found.get(ch.id) or []
        if not occ:
            continue
        out.append({"id": ch.id, "old": ch.old, "new": ch.new, "removed_in": ch.removed_in,
                    "category": ch.category, "link": ch.link,
                    "found": [{"file": str(o.file), "line": o.line} for o in occ[:20]]})
    return out


def _migration_blockers(report, nxt, notes) -> list[dict]:
    if not (report.to and any(v and versions.feature_key(v) >= versions.feature_key("5.0")
                              for v in (versions.feature(report.to), nxt))
            and versions.feature_key(versions.feature(report.current)) < versions.feature_key("5.1")):
        return []
    try:
        from codemods.migration_blockers import migration_blockers

        return [{**b.as_dict(), "path": os.path.relpath(b.as_dict()["path"], report.project)}
                for b in migration_blockers([report.project])]
    except Exception as exc:  # noqa: BLE001
        notes.append(f"historical migrations not checked: {exc}")
        return []


def left_by_hand(report, data, project) -> tuple[dict, list, list]:
    from upgrader.report import group

    left = dict(report.left)
    after = report.tests.get("after") or report.tests.get("after-fixes") or report.tests.get("before")
    groups = []
    if after is not None and data is not None:
        try:
            groups = group(after.result.warnings, data, project_dir=report.project, python=report.interpreter)
        except Exception as exc:  # noqa: BLE001 - the report must be written whatever happens
            report.notes.append(f"warnings could not be grouped: {exc}")
    nxt = data.next_feature(versions.feature(report.to)) if data is not None and report.to else None
    left["warnings"] = [g.to_json() for g in groups if g.origin == "first-party" or g.kind == "check"]
    left["third_party_warnings"] = [g.to_json() for g in groups if g.origin == "third-party"]
    fixable_next = [g.to_json() for g in groups if g.origin == "first-party" and g.codemods and nxt
                    and g.removed_in == nxt]
    left["failures"] = []
    left["incompatible"] = []
    left["manual_changes"] = []
    if data is not None and report.to:
        x, y = versions.feature(report.current), versions.feature(report.to)
        if not report.dry_run:
            left["manual_changes"] = _manual_changes(report.project, data, x, y, report.notes)
        t = report.tests.get("after")
        if t is None and getattr(report, "baseline_failures", None):  # (refused: the red baseline's, explained)
            left["failures"] = list(report.baseline_failures)
        if t is not None and not t.ok:
            left["failures"] = explain.explain_failures(project, t, data, report.current, report.to,
                                                        baseline=report.tests.get("before"),
                                                        index_url=report.deps_index)
            from upgrader.explain import annotate_failures

            ran = set()  # (the codemods that left the project as it is: run, not undone)
            for cm in report.codemods.values():
                if not cm.undone:
                    ran |= set(cm.selected) - {b["codemod"] for b in cm.blamed}
            left["failures"] = annotate_failures(left["failures"], t.result, report.project, data, report.current,
                                                 report.to, ran)
        seen = set()
        for f in left["failures"]:
            for m in f.get("matches", []):
                if m["kind"] == "incompatible" and m["id"] not in seen:
                    seen.add(m["id"])
                    left["incompatible"].append({k: m[k] for k in ("id", "release", "summary", "link")})
    left["codemods_undone"] = [dict(b, where=where) for where, cm in report.codemods.items() for b in cm.blamed]
    left.setdefault("commands", [])
    left["migration_blockers"] = _migration_blockers(report, nxt, report.notes)
    for lk in report.locks:
        if not lk.get("regenerated") and not report.dry_run:
            cmd = f"{lk['command']}  # regenerate {lk['path']}"
            if cmd not in left["commands"]:
                left["commands"].append(cmd)
    return left, groups, fixable_next
