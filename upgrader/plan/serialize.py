"""The plan's stable JSON form (keys documented in docs/plan.md) and the CI matrix."""

from __future__ import annotations

from upgrader.plan.model import Plan, Step, Support

JSON_SCHEMA_VERSION = 1


def _occ_json(o) -> dict:
    return o.to_json() if hasattr(o, "to_json") else dict(o)


def step_to_json(step: Step) -> dict:
    return {
        "to": step.to,
        "feature_release": step.feature_release,
        "kind": step.kind,
        "lts": step.lts,
        "prerelease": step.prerelease,
        "release_date": step.release_date,
        "python": step.python,
        "python_ok": step.python_ok,
        "python_for_ci": step.python_for_ci,
        "python_advice": None if step.python_advice is None else {
            "move_to": step.python_advice.move_to,
            "current_series": step.python_advice.current_series,
            "current_series_patch": step.python_advice.current_series_patch,
            "message": step.python_advice.message,
        },
        "skipped": step.skipped,
        "hop": None if step.hop is None else {
            "from": step.hop.start, "to": step.hop.to, "skipped": step.hop.skipped,
            "safe_by_policy": step.hop.safe_by_policy, "unwarned": step.hop.unwarned, "late": step.hop.late,
            "occurrences": step.hop.occurrences, "safe": step.hop.safe, "message": step.hop.message,
        },
        "removed": [
            {
                "id": rc.id, "old": rc.old, "new": rc.new, "category": rc.category,
                "deprecated_in": rc.deprecated_in, "removed_in": rc.removed_in, "warning": rc.warning,
                "link": rc.link, "channel": rc.channel, "autofix": rc.autofix, "scanned": rc.scanned,
                "undetectable_reason": rc.undetectable_reason,
                "manual_because": rc.manual_because,
                "occurrences": [_occ_json(o) for o in rc.occurrences],
            }
            for rc in step.removed
        ],
        "incompatible": step.incompatible,
        "dependencies": step.dependencies,
        "notes": step.notes,
    }


def _support_json(s: Support) -> dict:
    return {"release": s.release, "status": s.status, "until": s.until, "message": s.message}


def plan_to_json(plan: Plan) -> dict:
    return {
        "schema": JSON_SCHEMA_VERSION,
        "project": plan.project_dir,
        "current": plan.current,
        "current_feature": plan.current_feature,
        "current_source": plan.current_source,
        "current_exact": plan.current_exact,
        "target": plan.target,
        "target_feature": plan.target_feature,
        "target_requested": plan.target_requested,
        "python": plan.python,
        "python_source": plan.python_source,
        "via": plan.via,
        "pre": plan.pre,
        "today": plan.today,
        "release_data": plan.data_source,
        "support": {"current": _support_json(plan.support_current), "target": _support_json(plan.support_target)},
        "up_to_date": plan.up_to_date,
        "message": plan.message,
        "steps": [step_to_json(s) for s in plan.steps],
        "summary": {
            "steps": len(plan.steps),
            "removed": sum(len(s.removed) for s in plan.steps),
            "occurrences": plan.pending_occurrences,
            "autofixable_occurrences": sum(
                1 for s in plan.steps for rc in s.removed for o in rc.occurrences if getattr(o, "fixable_by", None)
            ),
            "files_scanned": plan.files_scanned,
        },
        "scan_errors": plan.scan_errors,
    }


def plan_to_matrix(plan: Plan) -> list[dict]:
    """``[{"django": "X.Y.Z", "python": "3.N"}, ...]``, one entry per step, for a CI job matrix."""
    return [{"django": s.to, "python": s.python_for_ci} for s in plan.steps]
