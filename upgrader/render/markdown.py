"""The one Markdown escaper, and the Mermaid timeline of a plan.

``cell(text)`` makes any value safe inside a GitHub-flavoured Markdown table cell or list item (also
inside a code span there): pipes are escaped and line breaks become spaces. ``code(text)`` wraps a value
in a code span that survives backticks inside it.
"""

from __future__ import annotations

import re

def cell(text) -> str:
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ")
    return s.replace("|", "\\|")


def code(text) -> str:
    s = ("" if text is None else str(text)).replace("\n", " ").replace("|", "\\|")
    runs = [len(m) for m in re.findall(r"`+", s)]
    fence = "`" * (max(runs) + 1 if runs else 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def _mermaid_text(text) -> str:
    """Mermaid timeline labels: no colons (section/period separators) and no line breaks."""
    return re.sub(r"[:;#\n\r]+", " ", str(text)).strip()


def mermaid_timeline(plan: dict) -> list[str]:
    """A Mermaid ``timeline`` of a plan's JSON (GitHub renders it inline): the current release, then
    each step's release with its required Python and status (next / blocked / later)."""
    steps = plan.get("steps") or []
    if not steps:
        return []
    out = ["```mermaid", "timeline", f"    title Django {_mermaid_text(plan.get('current'))} to {_mermaid_text(plan.get('target'))}"]
    current = plan.get("support", {}).get("current", {})
    support = {"mainstream": "mainstream support", "extended": "security fixes only",
               "unsupported": "no longer supported"}.get(current.get("status"))
    out.append(f"    {_mermaid_text(plan.get('current_feature') or plan.get('current'))} : now {_mermaid_text(plan.get('current'))}"
               + (f" : {support}" if support else ""))
    for i, s in enumerate(steps):
        status = step_status(s, i)
        py = s.get("python") or []
        pyr = f"Python {py[0]}-{py[-1]}" if len(py) > 1 else (f"Python {py[0]}" if py else "Python unknown")
        found = sum(len(rc.get("occurrences") or []) for rc in s.get("removed") or [])
        label = f"{s.get('to')}" + (" LTS" if s.get("lts") else "")
        out.append(f"    {_mermaid_text(s.get('feature_release') or s.get('to'))} : {_mermaid_text(label)} : {pyr} : "
                   f"{found} uses to fix : {status}")
    out.append("```")
    return out


def step_status(step: dict, index: int) -> str:
    """A plan step's status for the pictures: blocked (its Python is not the project's and no move is
    advised, or a dependency blocks it), next (the first step), later."""
    deps = step.get("dependencies") or []
    if step.get("python_ok") is False and not step.get("python_advice"):
        return "blocked"
    if any(d.get("status") == "blocked" for d in deps):
        return "blocked"
    return "next" if index == 0 else "later"
