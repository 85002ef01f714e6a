"""Text and Markdown pieces for a step's ``dependencies`` (the dicts of ``DepStatus.to_json()``)."""

from __future__ import annotations

STATUS_TEXT = {"yes": "yes", "blocked": "BLOCKED", "not-declared": "not declared", "unknown": "unknown"}


def _suggest_text(dep: dict) -> str:
    if not dep.get("suggest"):
        return "-"
    when = "upgrade first" if dep.get("move") == "first" else "with Django"
    return f"{dep['suggest']} ({when})"


def _note(dep: dict) -> str:
    note = dep.get("reason") or ""
    if dep.get("status") != "yes" and not dep.get("suggest") and dep.get("message") and dep["message"] != note:
        note = dep["message"]
    return note


def text_table(deps: list[dict], indent: str = "    ") -> list[str]:
    """An aligned table: package, version, status, suggested release, why."""
    if not deps:
        return []
    rows = [("package", "version", "status", "move to", "why")]
    for d in deps:
        rows.append((
            str(d.get("name", "?")), str(d.get("version") or "?"), STATUS_TEXT.get(d.get("status", ""), str(d.get("status"))),
            _suggest_text(d), _note(d),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    out = []
    for r in rows:
        out.append(indent + "  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])
    return [line.rstrip() for line in out]


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_table(deps: list[dict]) -> list[str]:
    if not deps:
        return []
    out = ["| Package | Version | Status | Move to | Why |", "|---|---|---|---|---|"]
    for d in deps:
        status = STATUS_TEXT.get(d.get("status", ""), str(d.get("status")))
        if d.get("status") == "blocked":
            status = "**blocked**"
        out.append(
            f"| {_md(d.get('name', '?'))} | {_md(d.get('version') or '?')} | {status} | "
            f"{_md(_suggest_text(d))} | {_md(_note(d))} |"
        )
    return out


def summary(deps: list[dict]) -> str:
    counts: dict[str, int] = {}
    for d in deps:
        counts[d.get("status", "?")] = counts.get(d.get("status", "?"), 0) + 1
    parts = [f"{counts[s]} {STATUS_TEXT[s].lower()}" for s in ("blocked", "not-declared", "unknown", "yes") if counts.get(s)]
    return ", ".join(parts)
