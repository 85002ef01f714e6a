"""Where a project uses a list of changes: ``scan(project_dir, changes)``.

A thin front of the one detector engine (``codemods.detect``: a change's release-data ``detect`` items
and its codemod's prefilter + confirm) over the project's files (``core.files``). Kept for the
callers that want ``{change_id: [Occurrence(file, line, text, fixable_by), ...]}``; the plan itself
goes through ``upgrader.plan.findings``, which also checks what the codemods really fix.
"""

from __future__ import annotations

from pathlib import Path

from upgrader.plan.findings import Occurrence, scan_project

__all__ = ["Occurrence", "ScanResult", "scan"]


class ScanResult(dict):
    """``{change_id: [Occurrence, ...]}`` (only changes found) plus scan statistics."""

    def __init__(self):
        super().__init__()
        self.errors: list[tuple[str, str]] = []  # (file, reason) for files that could not be parsed
        self.files_scanned = 0
        self.scanned_ids: set[str] = set()  # change ids that have a detector


def scan(project_dir, changes, target: str | None = None) -> ScanResult:
    """Scan ``project_dir`` (or a Project) for ``changes``; with ``target``, a use the codemods leave
    at that Django is marked by hand (``Occurrence.fixable_by`` None, ``.reason``)."""
    found = scan_project(project_dir if hasattr(project_dir, "dir") else Path(project_dir), changes,
                         target=target, verify=target is not None)
    result = ScanResult()
    result.update(found.found)
    result.errors = list(found.errors)
    result.files_scanned = found.files_scanned
    result.scanned_ids = set(found.detected)
    return result
