"""Which codemod broke which test, and only with evidence.

    blame(phase, baseline, broken, rerun) -> Blame(blamed, unexplained, final)

A failure is NEW only when it did not fail in ``baseline`` (the suite before the codemods). A
codemod is blamed for a new failure only

* ``"frame"``: when a traceback frame of the failure is in a file that codemod changed, or
* ``"re-run"``: when re-running the suite with that codemod left out makes the failure disappear.

Blamed codemods are undone (their files rewritten by the other codemods only); a new failure no
codemod is to blame for is ``unexplained`` (it fails with the codemods left out too). ``final`` is
the run of the suite in the state the files are left in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from upgrader.step import fixes
from upgrader.step.suite import COMMAND_FAILED, NOT_STARTED, TestSummary, new_failures

MAX_RERUNS = 6


@dataclass
class Blame:
    blamed: list = field(default_factory=list)  # [{"codemod", "tests", "reason", "files"}]
    unexplained: list = field(default_factory=list)
    final: TestSummary | None = None
    reruns: int = 0

    @property
    def names(self) -> set[str]:
        return {b["codemod"] for b in self.blamed}


def _frames_text(outcome) -> list[str]:
    """``File "path", line N`` for every frame of a structured test outcome (and its chain)."""
    frames = list(getattr(outcome, "frames", None) or [])
    for link in getattr(outcome, "chain", None) or []:
        frames += list((link or {}).get("frames") or []) if isinstance(link, dict) else []
    return [f'File "{getattr(f, "file", "")}", line {getattr(f, "line", 0)}' for f in frames]


def _failure_text(run: TestSummary, test: str, alone: bool) -> str:
    """Everything that names the frames of one failure: the structured outcome's frames (the
    harvester's per-test records), the crash that stopped the run, else the printed traceback."""
    r = run.result
    parts = []
    for t in getattr(r, "tests", None) or []:
        if getattr(t, "test", None) == test and getattr(t, "failing", False):
            parts += _frames_text(t)
    if test in (NOT_STARTED, COMMAND_FAILED) and getattr(r, "crash", None) is not None:
        parts += _frames_text(r.crash)
    if parts:
        return "\n".join(parts)
    for f in r.failures:
        if f.test == test:
            parts.append(f.message or "")
    if alone or test in (NOT_STARTED, COMMAND_FAILED):
        parts.append(r.output_tail or "")
    return "\n".join(parts)


def state(phase: fixes.CodemodPhase, leave_out: set[str]) -> dict[str, bytes]:
    """Every changed file's text with the codemods in ``leave_out`` left out."""
    texts = {c.path: c.new for c in phase.changes}
    if leave_out:
        texts.update(fixes.without(phase, leave_out))
    return texts


def blame(phase: fixes.CodemodPhase, baseline: TestSummary | None, broken: TestSummary, rerun) -> Blame:
    """See the module docstring. ``rerun()`` runs the suite on the files as they are and returns a
    TestSummary; the files are left with the blamed codemods undone."""
    out = Blame(final=broken)
    new = new_failures(baseline, broken)
    if not new:
        return out
    changed = set(phase.changed_paths)
    by_name: dict[str, dict] = {}
    left = []
    for test in new:
        hit = fixes.frames_in(_failure_text(broken, test, alone=len(new) == 1), phase.project_dir) & changed
        if not hit:
            left.append(test)
            continue
        for ch in phase.changes:
            if ch.path in hit:
                for name in ch.applied:
                    entry = by_name.setdefault(name, {"codemod": name, "tests": [], "reason": "frame", "files": []})
                    if test not in entry["tests"]:
                        entry["tests"].append(test)
                    if ch.path not in entry["files"]:
                        entry["files"].append(ch.path)
    current, current_out, files_out = broken, set(), set()  # the run / the files: which codemods left out
    for name in [n for n in phase.applied if n not in by_name]:
        if not left or out.reruns >= MAX_RERUNS:
            break
        trial = set(by_name) | {name}
        fixes.put(phase, state(phase, trial))
        files_out = trial
        run = rerun()
        out.reruns += 1
        gone = [t for t in left if t not in run.failing]
        if gone:
            by_name[name] = {"codemod": name, "tests": gone, "reason": "re-run",
                             "files": [c.path for c in phase.changes if name in c.applied]}
            left = [t for t in left if t not in gone]
            current, current_out = run, trial
    wanted = set(by_name)
    if files_out != wanted:
        fixes.put(phase, state(phase, wanted))
    if current_out != wanted:
        current = rerun()
        out.reruns += 1
    out.blamed = list(by_name.values())
    still = new_failures(baseline, current)
    out.unexplained = [t for t in still if t in left or t not in new]
    out.final = current
    return out

