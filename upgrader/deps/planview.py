"""The blockers in ``plan``: scan for every step, merge the verdicts into each step's ``dependencies``."""

from __future__ import annotations

from packaging.utils import canonicalize_name

from core import versions
from upgrader.deps.blockers import BLOCKED, DECLARED_ONLY, OK, UNKNOWN, Blocker, BlockerReport, check


def merge_rows(rows: list[dict], verdicts: list[Blocker], full: bool) -> list[dict]:
    """A plan step's ``dependencies`` (``DepStatus.to_json()`` dicts of the metadata check) with the
    static verdicts merged in: every row gets ``verdict``/``uses``/``guarded``/``fix``; a distribution
    whose code blocks becomes ``status: blocked``. ``full``: also list the OK ones (else blocked only)."""
    by = {canonicalize_name(r.get("name", "")): r for r in rows}
    for b in verdicts:
        row = by.get(b.key)
        if row is None:
            if not full and b.verdict != BLOCKED:
                continue
            row = {"name": b.name, "version": b.version, "status": "blocked" if b.verdict == BLOCKED else "yes",
                   "suggest": None, "move": None, "reason": b.reason, "message": b.message,
                   "requires_django": b.requires_django, "requires_python": None, "python_ok": None,
                   "declared": [], "source": "installed", "version_source": "installed"}
            rows.append(row)
            by[b.key] = row
        row.update(verdict=b.verdict, uses=[h.to_json() for h in b.hits], guarded=[h.to_json() for h in b.guarded],
                   fix=b.fix, fix_reason=b.fix_reason)
        if b.verdict == BLOCKED:
            row["status"] = "blocked"
            row["reason"] = b.reason
            row["suggest"], row["move"] = b.fix, b.move
            row["message"] = b.message
    for row in rows:
        if "verdict" not in row:  # not installed: only the metadata speaks
            row["verdict"] = {"blocked": BLOCKED, "yes": DECLARED_ONLY}.get(row.get("status"), UNKNOWN)
            row.setdefault("uses", [])
            row.setdefault("fix", row.get("suggest") if row.get("status") == "blocked" else None)
    order = {BLOCKED: 0, UNKNOWN: 1, DECLARED_ONLY: 2, OK: 3}
    rows.sort(key=lambda r: (order.get(r.get("verdict"), 9), str(r.get("name", "")).lower()))
    return rows


def for_plan(project, plan, client=None, full: bool = False, data=None) -> BlockerReport | None:
    """Scan the installed distributions for every step of ``plan`` and merge the verdicts into each
    ``step.dependencies``; None when the project's interpreter cannot be run."""
    import release_data

    from upgrader.deps.targets import step_target

    try:
        probe = project.try_probe()
    except Exception:  # noqa: BLE001
        probe = None
    if probe is None or not plan.steps:
        return None
    if not probe.django or versions.feature(probe.django) != versions.feature(plan.current):
        return None  # not the project's environment (a python on PATH with another Django): nothing to say
    data = data or release_data.load()
    steps, changes_for = [], {}
    for s in plan.steps:
        python = (s.python_for_ci or plan.python) if plan.python else None
        target = step_target(s.to, python)
        steps.append(target)
        changes_for[target.to] = [c for c in (data.change(rc.id) for rc in s.removed) if c is not None]
    report = check(project, steps, client=client, python_path=probe.interpreter.path, current_django=plan.current,
                   current_python=plan.python, data=data, changes_for=changes_for)
    for s, target in zip(plan.steps, steps):
        s.dependencies = merge_rows(list(s.dependencies or []), report.steps.get(target.to, []), full)
    return report
