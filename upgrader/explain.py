"""Explain every failing test after a Django bump by the change that causes it.

    explanations = explain_run(run_result, project_root, data, "4.0", "4.1")
    for e in explanations: print(e.headline())      # test: change (file:line) -> fix / unexplained

The candidates are the behaviour changes (release_data/behaviour.json) of the releases after
``start`` up to ``end``, and the removals of that span that carry an ``error_regex``. A failing test
(or the crash that ended the run) is matched to a candidate by

* its exception type and message against the candidate's failure signatures (the exception's
  ``__cause__``/``__context__`` chain included);
* its traceback frames: a frame on a line the candidate's static detector found in the project
  (``upgrader.behaviour.find`` / ``codemods.detect``), or in the method found there;
* a warning the candidate's signatures name (``DeleteViewCustomDeleteWarning``) harvested in the
  same test;
* the test's module referring to a class the detector found (``OrderDelete``), or to the URL name
  that class is routed under.

A signature marked ``needs_context`` (a bare ``AssertionError``) counts only together with one of the
last three. The explanation names the project's file:line that causes the failure (the detector's
finding on the traceback, else the one the warning or test points at, else the innermost project
frame) and the fix (codemod or recipe, with the release-notes link). A failure nothing matches is
``unexplained``, with its exception and the line that raised it.

Works on ``RunResult.tests`` (per-test outcomes with frames) when the run is structured, else on
``RunResult.failures`` (test id + "ExcType: message" text, no frames).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from core import versions
from upgrader.failure_links import frame_finding, test_reference, warning_finding

_EXC_LINE = re.compile(r"^(?:E\s+)?([A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit|Interrupt|NotFound|DoesNotExist|"
                       r"MultipleObjectsReturned|Failed|Denied|Operation|Reverse\w*|Invalid\w*))(?::\s*(.*))?$", re.S)


@dataclass
class Explanation:
    test: str
    kind: str  # failure / error / crash
    exc_type: str
    message: str
    change_id: str | None = None
    change_title: str | None = None
    release: str | None = None
    location: str | None = None  # the project's file:line that causes the failure
    location_text: str = ""
    fix: dict = field(default_factory=dict)  # {"codemod"?, "recipe"?, "link"}
    matched_by: list = field(default_factory=list)  # signature / frame / warning / test-reference
    raised_at: str = ""  # file:line of the innermost frame
    raised_source: str = ""
    project_line: str | None = None  # the innermost frame in the project's own code (file:line)

    @property
    def explained(self) -> bool:
        return self.change_id is not None

    def fix_text(self, ran: frozenset = frozenset()) -> str:
        """The fix; ``ran``: the codemods that already ran over the project (a step's), which left
        this line: then it is the recipe, by hand."""
        codemod = self.fix.get("codemod")
        if codemod and codemod in ran:
            recipe = self.fix.get("recipe")
            return f"by hand{': ' + recipe if recipe else ''} (the step's codemod {codemod} left this one)"
        if codemod:
            return f"codemod {codemod} (django-upgrade fix)"
        return self.fix.get("recipe") or "by hand"

    def headline(self) -> str:
        first = (self.message or "").strip().splitlines()[0][:160] if (self.message or "").strip() else ""
        if not self.explained:
            where = f" raised at {self.raised_at}" if self.raised_at else ""
            if self.project_line and self.project_line not in (self.raised_at or ""):
                where += f" (from {self.project_line})"
            return f"{self.test}: unexplained {self.exc_type}: {first}{where}".rstrip()
        where = f" at {self.location}" if self.location else ""
        return f"{self.test}: {self.change_id} ({self.change_title}){where} -> {self.fix_text()}"

    def to_json(self) -> dict:
        return {
            "test": self.test, "kind": self.kind, "exc_type": self.exc_type, "message": self.message,
            "explained": self.explained, "change": self.change_id, "title": self.change_title,
            "release": self.release, "location": self.location, "location_text": self.location_text,
            "fix": self.fix, "matched_by": self.matched_by, "raised_at": self.raised_at,
            "raised_source": self.raised_source, "project_line": self.project_line,
        }


@dataclass
class _Candidate:
    id: str
    title: str
    release: str
    signatures: tuple  # release_data.Signature
    fix: dict
    findings: list = field(default_factory=list)  # codemods.detect.Finding
    removal: bool = False  # a change of the deprecation timeline (changes.json), not a behaviour entry

    def plain_hit(self, exc_type, message) -> bool:
        return any(not s.needs_context and not (s.warning and not s.exception) and s.matches(exc_type, message)
                   for s in self.signatures)

    def context_hit(self, exc_type, message) -> bool:
        return any(s.needs_context and s.matches(exc_type, message) for s in self.signatures)

    def warning_hit(self, category, message) -> bool:
        return any(s.warning and not s.exception and s.matches(category, message) for s in self.signatures)


class _RegexSignature:
    """A removal's ``error_regex`` seen as a signature (any exception type)."""

    needs_context = False
    warning = None
    exception = None

    def __init__(self, change):
        self.change = change

    def matches(self, exc_type, text) -> bool:
        return self.change.matches_error(text)


# -- inputs ----------------------------------------------------------------------------------------

@dataclass
class _Failing:
    test: str
    kind: str
    exc_type: str
    message: str
    frames: list  # testresults.Frame, outermost first
    links: list  # [(exc_type, message, frames)] the exception and its chain
    raised_at: str = ""
    raised_source: str = ""
    first_party: str | None = None


def _split(text: str) -> tuple[str, str]:
    text = (text or "").strip()
    m = _EXC_LINE.match(text.splitlines()[0] if text else "")
    if m:
        first, _, rest = text.partition("\n")
        return m.group(1), ((m.group(2) or "") + ("\n" + rest if rest else "")).strip()
    return "", text


def _failing(run_result, root: Path) -> list[_Failing]:
    out: list[_Failing] = []
    outcomes = [(t, None) for t in getattr(run_result, "tests", None) or [] if getattr(t, "failing", False)]
    crash = getattr(run_result, "crash", None)
    if crash is not None:
        outcomes.append((crash, "crash"))
    if outcomes:
        from upgrader.diagnose import diagnose_outcome

        for t, kind in outcomes:
            d = diagnose_outcome(t, root, kind=kind)
            exc, msg = t.exc_type or "", t.message or ""
            if not exc:
                exc, msg = _split(msg)
            links = [(exc, msg, list(t.frames))] + [(c.get("exc_type") or "", c.get("message") or "", list(c.get("frames") or []))
                                                   for c in t.chain]
            out.append(_Failing(t.test, kind or t.kind, exc or "(no exception)", msg, list(t.frames), links,
                                d.raised_at, d.raised_source, d.first_party))
        return out
    for f in getattr(run_result, "failures", None) or []:
        exc, msg = _split(f.message)
        out.append(_Failing(f.test, f.kind, exc or "(no exception)", msg, [], [(exc, msg, [])]))
    return out


def candidates(data, start: str, end: str) -> list[_Candidate]:
    """The behaviour changes and the removals (with an error_regex) of the releases after ``start`` up to ``end``."""
    from upgrader import behaviour

    out = [_Candidate(i.id, i.title or i.summary, i.release, tuple(i.signatures), dict(i.fix or {"link": i.link}))
           for i in behaviour.between(data, start, end)]
    covered = {c.id for c in out} | {i.change for i in behaviour.between(data, start, end) if i.change}
    lo, hi = versions.feature_key(versions.feature(start)), versions.feature_key(versions.feature(end))
    for c in data.changes:
        if c.error_regex and c.id not in covered and lo < versions.feature_key(c.removed_in) <= hi:
            fix = {"recipe": f"{c.old} -> {c.new}", "link": c.link}
            try:
                from codemods import registry

                names = [e.name for e in registry.codemods_for_change(c.id)]
                if names:
                    fix["codemod"] = names[0]
            except Exception:  # noqa: BLE001 - the catalogue is optional for explaining
                pass
            out.append(_Candidate(c.id, f"{c.old} removed", c.removed_in, (_RegexSignature(c),), fix, removal=True))
    return out


def _attach_findings(cands: list[_Candidate], data, root: Path, start: str, end: str) -> None:
    from upgrader import behaviour

    items = behaviour.between(data, start, end)
    try:
        found = behaviour.find(root, items)
    except Exception:  # noqa: BLE001 - a scan problem must not hide the failures
        found = {}
    by_id = {c.id: c for c in cands}
    for cid, fs in found.items():
        if cid in by_id:
            by_id[cid].findings = list(fs)


# -- the entry point -------------------------------------------------------------------------------

def explain_run(run_result, project_root, data, start: str, end: str, findings: dict | None = None) -> list[Explanation]:
    """One Explanation per failing/erroring test (and the crash) of ``run_result`` after the
    ``start`` -> ``end`` bump. ``findings`` (``{change id: [Finding]}``) skips the static scan."""
    root = Path(project_root).resolve()
    cands = candidates(data, start, end)
    if findings is None:
        _attach_findings(cands, data, root, start, end)
    else:
        for c in cands:
            c.findings = list(findings.get(c.id, []))
    warnings = list(getattr(run_result, "warnings", None) or [])
    cache: dict = {}
    out = []
    for failing in _failing(run_result, root):
        best = None  # (score, candidate, finding, matched_by)
        for cand in cands:
            plain = any(cand.plain_hit(e, m) for e, m, _ in failing.links)
            ctx_sig = any(cand.context_hit(e, m) for e, m, _ in failing.links)
            frame = frame_finding(cand, failing.links, root, cache) if cand.findings else None
            warned, warned_at = warning_finding(cand, warnings, failing.test, root, cache)
            ref = test_reference(cand, failing, root, cache) if (ctx_sig and not frame and cand.findings) else None
            by, score = [], 0
            if plain:
                by.append("signature")
                score = 3
            if frame and (plain or ctx_sig):
                by.append("frame")
                score += 2 if plain else 3
            if warned:
                by.append("warning")
                score = max(score, 2) + (1 if ctx_sig or plain else 0)
            if ref and ctx_sig and not plain:
                by.append("test-reference")
                score = max(score, 1)
            if ctx_sig and not (frame or warned or ref or plain):
                score = 0
            if score and cand.removal:
                score += 0.5  # one removed name beats a release's umbrella entry ("APIs deprecated in 3.x are gone")
            if score and (best is None or score > best[0]):
                best = (score, cand, frame or warned_at or ref, by)
        e = Explanation(test=failing.test, kind=failing.kind, exc_type=failing.exc_type, message=failing.message,
                        raised_at=failing.raised_at, raised_source=failing.raised_source,
                        project_line=failing.first_party)
        if best:
            _, cand, finding, by = best
            e.change_id, e.change_title, e.release, e.fix, e.matched_by = cand.id, cand.title, cand.release, cand.fix, by
            if finding is None and cand.findings:
                # matched by its signature alone: the detected cause (an override with the old
                # signature) says more than the test line where the query happened to run
                finding = cand.findings[0]
            elif finding is None and failing.first_party:
                e.location = failing.first_party
            if finding is not None:
                e.location, e.location_text = f"{finding.path}:{finding.line}", finding.text
        out.append(e)
    return out


def render_text(explanations: list[Explanation], indent: str = "  ") -> list[str]:
    """Lines for a terminal report: explained failures first, then the unexplained ones."""
    lines = []
    for e in sorted(explanations, key=lambda x: (not x.explained, x.test)):
        lines.append(indent + e.headline())
        if e.explained and e.fix.get("link"):
            lines.append(indent + f"    see {e.fix['link']}")
    return lines


def render_markdown(explanations: list[Explanation]) -> list[str]:
    out = ["| Test | Change | Where | Fix |", "|---|---|---|---|"]
    for e in sorted(explanations, key=lambda x: (not x.explained, x.test)):
        if e.explained:
            fix = e.fix_text() + (f" ([notes]({e.fix['link']}))" if e.fix.get("link") else "")
            out.append(f"| `{e.test}` | {e.change_id}: {e.change_title} | `{e.location or '?'}` | {fix} |")
        else:
            first = (e.message or "").strip().splitlines()[0][:120] if (e.message or "").strip() else ""
            out.append(f"| `{e.test}` | unexplained: {e.exc_type}: {first.replace('|', '/')} | `{e.raised_at or '?'}` | |")
    return out


def annotate_failures(entries: list, run_result, project_root, data, current: str, target: str,
                      ran=()) -> list:
    """Add ``explanation`` (``Explanation.to_json()``) to the step report's failure entries (dicts with
    ``test``; the entry of a suite that does not start takes the crash's), and put the matched change
    first in their ``matches`` (``{kind, id, release, summary, link, location, fix}``; ``kind`` is
    ``incompatible`` for a behaviour change, ``removed`` for a removal). ``ran``: the names of the
    codemods the step ran (a fix naming one of them is by hand: it left that line). Never raises."""
    ran = frozenset(ran)
    try:
        found = explain_run(run_result, project_root, data, current, target)
    except Exception:  # noqa: BLE001 - an explanation must never break the step report
        return entries
    by_test = {e.test: e for e in found}
    crash = next((e for e in found if e.kind == "crash"), None)
    for entry in entries:
        e = by_test.get(entry.get("test")) or (crash if str(entry.get("test", "")).startswith("<") else None)
        if e is None:
            continue
        entry["explanation"] = e.to_json()
        if not e.explained:
            continue
        where = f" (at {e.location})" if e.location else ""
        match = {"kind": "removed" if e.change_id and not e.change_id[:1].isdigit() else "incompatible",
                 "id": e.change_id, "release": e.release, "link": e.fix.get("link", ""),
                 "summary": f"{e.change_title}{where}; fix: {e.fix_text(ran)}", "location": e.location, "fix": e.fix}
        entry["matches"] = [match] + [m for m in entry.get("matches") or [] if m.get("id") != e.change_id]
    return entries
