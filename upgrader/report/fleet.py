"""``report --merge A.json B.json ...``: one fleet dashboard from the JSON each repository's CI uploads.

Inputs: report JSON (``report --format json`` / ``--output json=...``) and, optionally, plan JSON
(``plan --format json``) of the same repositories; documents are matched by repository name (the
``repository`` key when present, else the project directory's name). Per repository: its Django, the
newest release and how many feature releases behind it is, the next end-of-support date, blockers
(steps whose Python or dependencies block them, failing tests, deprecations over the bar) and the
open deprecations (Django deprecation groups and occurrences, new since the baseline).

JSON (``--format json``): ``schema`` ("django-upgrade-fleet"), ``version`` (1), ``today``,
``newest``, ``repositories``: list of ``{repository, django, feature, newest, behind, support
(mainstream / extended / unsupported / unknown), mainstream_end, eol, days_to_eol, blockers (list
of str), deprecations {groups, django_groups, occurrences, new, known, fixed, over_the_bar, autofixable},
tests_failed, target, steps, sources (the files read)}``.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from core import versions
from core.errors import UsageError

SCHEMA = "django-upgrade-fleet"


def _kind(doc) -> str | None:
    if not isinstance(doc, dict):
        return None
    if doc.get("schema") == "django-upgrade-report":
        return "report"
    if "steps" in doc and "current" in doc and "target" in doc:
        return "plan"
    return None


def _name(doc: dict, path: Path) -> str:
    if doc.get("repository"):
        return str(doc["repository"])
    project = doc.get("project")
    return Path(project).name if project else path.stem


def load(paths: list[str]) -> list[tuple[str, str, dict]]:
    """(kind, repository, document) per file; a file that is neither JSON report nor plan is bad input."""
    out = []
    for p in paths:
        path = Path(p)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise UsageError(f"cannot read {p}: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise UsageError(f"{p} is not JSON: {exc}") from None
        kind = _kind(doc)
        if kind is None:
            raise UsageError(f"{p} is neither a report JSON (report --format json) nor a plan JSON (plan --format json)")
        out.append((kind, _name(doc, path), doc, str(path)))
    if not out:
        raise UsageError("--merge needs at least one JSON file")
    return out


def _days(a: _dt.date | None, today: _dt.date) -> int | None:
    return (a - today).days if a else None


def build(paths: list[str], data, today: _dt.date | None = None) -> dict:
    today = today or _dt.date.today()
    newest = data.latest_released()
    repos: dict[str, dict] = {}
    for kind, name, doc, path in load(paths):
        if name in repos and any(k == kind for k in repos[name]["kinds"]):
            name = f"{name} ({Path(path).stem})"  # two repositories whose directories share a name
        r = repos.setdefault(name, {"repository": name, "django": None, "blockers": [], "deprecations": None,
                                    "tests_failed": None, "target": None, "steps": None, "sources": [], "kinds": []})
        r["sources"].append(path)
        r["kinds"].append(kind)
        if kind == "report":
            s = doc.get("summary") or {}
            base = doc.get("baseline") or {}
            if doc.get("django_version") and len(str(doc["django_version"])) >= len(str(r["django"] or "")):
                r["django"] = doc["django_version"]
            r["deprecations"] = {
                "groups": s.get("groups", 0), "django_groups": s.get("django_groups", 0),
                "occurrences": s.get("occurrences", 0), "new": base.get("new") if doc.get("baseline") else None,
                "known": base.get("known") if doc.get("baseline") else None,
                "fixed": len(base.get("fixed") or []) if doc.get("baseline") else None,
                "over_the_bar": s.get("over_the_bar", 0), "autofixable": s.get("autofixable", 0),
            }
            src = doc.get("source") or {}
            if src.get("type") == "run":
                r["tests_failed"] = (src.get("failed") or 0) + (src.get("errors") or 0)
                if r["tests_failed"]:
                    r["blockers"].append(f"{r['tests_failed']} failing test(s)")
            if s.get("over_the_bar"):
                r["blockers"].append(f"{s['over_the_bar']} deprecation group(s) over the bar (--fail-on {doc.get('fail_on')})")
        else:
            if doc.get("current") and len(str(doc["current"])) > len(str(r["django"] or "")):
                r["django"] = doc["current"]  # the plan's exact patch release beats a report's "3.2"
            r["target"] = doc.get("target")
            r["steps"] = len(doc.get("steps") or [])
            for st in doc.get("steps") or []:
                if st.get("python_ok") is False and not st.get("python_advice"):
                    r["blockers"].append(f"Django {st.get('feature_release')} does not run on Python {doc.get('python')}")
                for d in st.get("dependencies") or []:
                    if (d.get("verdict") or d.get("status")) == "blocked":
                        fix = f" (fixed in {d['suggest']})" if d.get("suggest") else ""
                        r["blockers"].append(f"{d.get('name')} {d.get('version') or ''} blocks Django {st.get('feature_release')}{fix}".replace("  ", " "))
    rows = []
    for r in repos.values():
        feat = None
        try:
            feat = versions.feature(r["django"]) if r["django"] else None
        except Exception:  # noqa: BLE001 - a version this release data does not know
            feat = None
        rel = data.release(feat) if feat else None
        behind = None
        if feat:
            key = versions.feature_key(feat)
            behind = sum(1 for x in data.releases if x.released and versions.feature_key(x.version) > key)
        me = getattr(rel, "mainstream_end", None)
        ee = getattr(rel, "extended_end", None)
        if rel is None:
            support = "unknown"
        elif me and today <= me:
            support = "mainstream"
        elif ee and today <= ee:
            support = "extended"
        else:
            support = "unsupported"
        r.update({
            "feature": feat, "newest": newest.version, "behind": behind, "support": support,
            "mainstream_end": me.isoformat() if me else None, "eol": ee.isoformat() if ee else None,
            "days_to_eol": _days(ee, today),
        })
        rows.append(r)
    order = {"unsupported": 0, "extended": 1, "unknown": 2, "mainstream": 3}
    rows.sort(key=lambda r: (order.get(r["support"], 9), -(r["behind"] or 0), r["repository"]))
    return {"schema": SCHEMA, "version": 1, "today": today.isoformat(), "newest": newest.version, "repositories": rows}


def render_markdown(fleet: dict) -> str:
    from upgrader.render.markdown import cell

    reps = fleet["repositories"]
    out = ["## Django fleet", "",
           f"{len(reps)} repositories · newest Django {fleet['newest']} · {fleet['today']}", "",
           "| Repository | Django | Behind | Support | End of support | Blockers | Deprecations (Django) | New |",
           "|---|---|---|---|---|---|---|---|"]
    for r in reps:
        dep = r.get("deprecations") or {}
        eol = r["eol"] or "?"
        if r.get("days_to_eol") is not None and r["days_to_eol"] < 0:
            eol = f"**{eol} (ended)**"
        out.append(
            f"| {cell(r['repository'])} | {cell(r['django'] or '?')} | {'' if r['behind'] is None else r['behind']} "
            f"| {r['support']} | {eol} | {cell('; '.join(r['blockers'])) or '—'} "
            f"| {dep.get('django_groups', '?')} ({dep.get('occurrences', '?')}×) | {'' if dep.get('new') is None else dep['new']} |")
    return "\n".join(out) + "\n"


def render_text(fleet: dict) -> str:
    return render_markdown(fleet)
