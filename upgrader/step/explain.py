"""What a failing test after the bump is likely about: the release-data changes its message matches,
and the third-party package a suite dies in.

    explain_failures(project, summary, data, current, target, baseline=None, index_url=None) -> [dict]
"""

from __future__ import annotations

import re

from core import versions
from upgrader.step.suite import TestSummary


def _matching(text: str, data, current: str, target: str) -> list[dict]:
    x, y = versions.feature(current), versions.feature(target)
    found = []
    for rel in data.between(x, y) if hasattr(data, "between") else []:
        if versions.feature_key(rel.version) <= versions.feature_key(x):
            continue
        for item in data.incompatible(rel.version):
            try:
                if item.matches(text):
                    found.append({"kind": "incompatible", "id": item.id, "release": item.release,
                                  "summary": item.summary, "link": item.link})
            except re.error:
                continue
    for change in data.changes:
        if versions.feature_key(versions.feature(change.removed_in)) > versions.feature_key(y):
            continue
        try:
            if change.matches_error(text):
                found.append({"kind": "removed", "id": change.id, "release": change.removed_in,
                              "summary": f"{change.old} was removed in Django {change.removed_in}; use {change.new}",
                              "link": change.link})
        except re.error:
            continue
    return found


def explain_import_failure(project, text: str, django_version: str | None = None, index_url: str | None = None,
                           client=None) -> dict | None:
    """The third-party package a failure at import comes from (``upgrader.deps.explain_import_failure``):
    ``{"package", "version", "module", "file", "line", "error", "fixed_in", "change", "message"}`` of the
    first hint, with ``"others"`` when there are more; None when the failure is not inside one. The
    release that fixes it is asked of the package index only when ``index_url``/``client`` is given
    (the step asked the index in its preflight). Never raises."""
    from upgrader import deps

    if client is None and index_url:
        try:
            from upgrader.pypi import PyPIClient

            client = PyPIClient(index_url=index_url, timeout=10, retries=1)
        except Exception:  # noqa: BLE001
            client = None
    try:
        hints = deps.explain_import_failure(text or "", project=project, client=client, django_version=django_version)
    except Exception:  # noqa: BLE001 - an explanation must never break the report
        return None
    if not hints:
        return None
    first = hints[0].to_json()
    if len(hints) > 1:
        first["others"] = [h.to_json() for h in hints[1:]]
    return first


def _diagnoses(r) -> tuple[dict, object]:
    """``{test: Diagnosis}`` and the crash's Diagnosis, from ``RunResult.diagnoses`` (by frame)."""
    by_test, crash = {}, None
    for d in getattr(r, "diagnoses", None) or []:
        if getattr(d, "kind", "") == "crash":
            crash = crash or d
        else:
            by_test.setdefault(getattr(d, "test", None), d)
    return by_test, crash


def explain_failures(project, summary: TestSummary, data, current: str, target: str,
                     baseline: TestSummary | None = None, index_url: str | None = None) -> list[dict]:
    """Each failure of ``summary`` with the frame that raised it (``diagnosis``: first-party file:line,
    third-party distribution and version, Django, the tool), the release-data changes its message
    matches, and whether it failed in ``baseline`` already. A suite that does not start is one entry,
    explained by the exception that stopped it (never by "the last line of the output")."""
    r = summary.result
    before = baseline.failing if baseline is not None and not baseline.ok else set()
    by_test, crash = _diagnoses(r)
    out = []
    for f in r.failures:
        entry = {"test": f.test, "message": f.message, "kind": f.kind, "pre_existing": f.test in before,
                 "matches": _matching(f.message, data, current, target)}
        d = by_test.get(f.test)
        if d is not None:
            entry["diagnosis"] = d.to_json()
            if not entry["matches"] and d.message:
                entry["matches"] = _matching(f"{d.exc_type}: {d.message}", data, current, target)
        out.append(entry)
    if not summary.ok and not out:
        tail = r.output_tail or ""
        if crash is not None:
            message = f"{crash.exc_type}: {crash.message}".strip()
        else:
            message = next((ln for ln in reversed(tail.strip().splitlines()) if ln.strip()), "").strip()
        entry = {"test": "<the test suite does not start>" if not summary.started else "<the test command failed>",
                 "message": message, "kind": "error", "pre_existing": bool(summary.failing & before),
                 "matches": _matching(message + "\n" + tail, data, current, target)}
        if crash is not None:
            entry["diagnosis"] = crash.to_json()
        pkg = explain_import_failure(project, tail, django_version=target, index_url=index_url)
        if pkg:
            entry["package"] = pkg
        out.append(entry)
    return out
