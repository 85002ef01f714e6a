"""Text and Markdown pieces for a step's ``dependencies`` (the dicts of ``DepStatus.to_json()``)."""

from __future__ import annotations

STATUS_TEXT = {"yes": "yes", "blocked": "BLOCKED", "not-declared": "not declared", "unknown": "unknown"}
VERDICT_TEXT = {"ok": "OK", "declared-only": "DECLARED-ONLY", "blocked": "BLOCKED", "unknown": "UNKNOWN"}


def _status(dep: dict) -> str:
    """The verdict of the code scan when there is one (OK / DECLARED-ONLY / BLOCKED / UNKNOWN), else the
    metadata status."""
    if dep.get("verdict"):
        return VERDICT_TEXT.get(dep["verdict"], str(dep["verdict"]))
    return STATUS_TEXT.get(dep.get("status", ""), str(dep.get("status")))


def _uses(dep: dict) -> list[str]:
    """``legacy_compressor/__init__.py:2: from django.utils.encoding import force_text (force-text)``."""
    return [f"{u['file']}:{u['line']}: {u['text']} ({u['change']})" for u in dep.get("uses") or []]


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
            str(d.get("name", "?")), str(d.get("version") or "?"), _status(d),
            _suggest_text(d), _note(d),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    out = []
    for i, r in enumerate(rows):
        out.append(indent + "  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])
        if i:
            out += [indent + "    " + u for u in _uses(deps[i - 1])[:5]]
    return [line.rstrip() for line in out]


def _md(text: str) -> str:
    from upgrader.render.markdown import cell  # the one Markdown escaper

    return cell(text)


def markdown_table(deps: list[dict]) -> list[str]:
    if not deps:
        return []
    out = ["| Package | Version | Status | Move to | Why |", "|---|---|---|---|---|"]
    for d in deps:
        status = _status(d)
        if d.get("verdict") == "blocked":
            status = f"**{status}**"
        elif not d.get("verdict") and d.get("status") == "blocked":
            status = "**blocked**"
        uses = "".join(f"<br>`{_md(u['file'])}:{u['line']}` {_md(u['change'])}" for u in (d.get("uses") or [])[:5])
        out.append(
            f"| {_md(d.get('name', '?'))} | {_md(d.get('version') or '?')} | {status} | "
            f"{_md(_suggest_text(d))} | {_md(_note(d))}{uses} |"
        )
    return out


def summary(deps: list[dict]) -> str:
    counts: dict[str, int] = {}
    if any(d.get("verdict") for d in deps):
        for d in deps:
            counts[d.get("verdict") or "unknown"] = counts.get(d.get("verdict") or "unknown", 0) + 1
        return ", ".join(f"{counts[s]} {VERDICT_TEXT[s]}" for s in ("blocked", "unknown", "declared-only", "ok") if counts.get(s))
    for d in deps:
        counts[d.get("status", "?")] = counts.get(d.get("status", "?"), 0) + 1
    parts = [f"{counts[s]} {STATUS_TEXT[s].lower()}" for s in ("blocked", "not-declared", "unknown", "yes") if counts.get(s)]
    return ", ".join(parts)
