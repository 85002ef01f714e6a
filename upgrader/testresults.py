"""Test results read from the harvest file (structured), never from what the runner printed.

``from_harvest(harvest, output_lines) -> Structured``: the per-test outcomes (``TestOutcome``), the
counts (passed / failed / errors / skipped, as the runner counts them), whether a session reached its
end, the exception that ended the process (``crash``), and the tool's own failures (``tool_error``:
an exception inside the harvester, an INTERNALERROR raised from the harvester's files) apart from a
runner's internal error (``runner_error``).

Counting follows each runner: pytest counts reports (a test whose call passed and whose teardown
failed is one passed and one error; a collection error is an error); unittest counts outcomes
(expected failures and unexpected successes are in no count, like its ``Ran N`` arithmetic).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from upgrader.harvest import HARVEST_DIR, Harvest

TOOL_FILE_PREFIX = "_dua_"


@dataclass(frozen=True)
class Frame:
    file: str
    line: int
    function: str
    source: str = ""

    @classmethod
    def from_json(cls, item) -> "Frame":
        file, line, function, source = (list(item) + ["", 0, "", ""])[:4] if isinstance(item, (list, tuple)) else (
            "", 0, "", "")
        return cls(str(file or ""), int(line or 0), str(function or ""), str(source or ""))

    def to_json(self) -> list:
        return [self.file, self.line, self.function, self.source]


@dataclass
class TestOutcome:
    __test__ = False
    test: str
    outcome: str  # passed / failed / error / skipped / xfailed / xpassed
    when: str = "call"  # setup / call / teardown / collect (pytest); call (unittest)
    runner: str = ""
    exc_type: str | None = None
    message: str = ""
    frames: list = field(default_factory=list)  # [Frame], outermost first
    chain: list = field(default_factory=list)  # [{"exc_type", "message", "frames": [Frame]}]
    pid: int | None = None

    @property
    def failing(self) -> bool:
        return self.outcome in ("failed", "error")

    @property
    def kind(self) -> str:
        """``failure`` or ``error`` (the names ``testrun.Failure`` uses)."""
        return "failure" if self.outcome == "failed" else "error"

    @property
    def summary(self) -> str:
        """``ExcType: message`` (the short name for builtins), the way runners print it."""
        if not self.exc_type:
            return self.message
        return f"{self.exc_type}: {self.message}" if self.message else self.exc_type

    @classmethod
    def from_json(cls, obj: dict) -> "TestOutcome":
        return cls(
            test=str(obj.get("test") or "<unknown>"), outcome=str(obj.get("outcome") or "error"),
            when=str(obj.get("when") or "call"), runner=str(obj.get("runner") or ""), exc_type=obj.get("exc_type"),
            message=str(obj.get("message") or ""), frames=[Frame.from_json(f) for f in obj.get("frames") or []],
            chain=[{"exc_type": c.get("exc_type"), "message": c.get("message") or "",
                    "frames": [Frame.from_json(f) for f in c.get("frames") or []]}
                   for c in obj.get("chain") or [] if isinstance(c, dict)],
            pid=obj.get("pid"),
        )

    def to_json(self) -> dict:
        return {"test": self.test, "outcome": self.outcome, "when": self.when, "runner": self.runner,
                "exc_type": self.exc_type, "message": self.message, "frames": [f.to_json() for f in self.frames]}


@dataclass
class Structured:
    tests: list = field(default_factory=list)  # [TestOutcome], one per test and deciding phase
    counts: dict | None = None  # passed / failed / errors / skipped; None when no run was recorded
    runner: str | None = None
    finished: bool = False  # a session reached its end
    crash: TestOutcome | None = None
    tool_error: str | None = None
    runner_error: str | None = None


def _is_tool_frame(file: str) -> bool:
    if not file:
        return False
    try:
        return os.path.dirname(os.path.abspath(file)) == str(HARVEST_DIR) or os.path.basename(file).startswith(
            TOOL_FILE_PREFIX)
    except Exception:  # noqa: BLE001
        return False


def _describe(obj: dict) -> str:
    frames = [Frame.from_json(f) for f in obj.get("frames") or []]
    where = next((f for f in reversed(frames)), None)
    place = f" at {where.file}:{where.line}" if where else ""
    return f"{obj.get('exc_type') or 'error'}: {obj.get('message') or ''}{place}".strip()


def _tool_error(harvest: Harvest, lines: list[str]) -> tuple[str | None, str | None]:
    """(tool_error, runner_error) from the harvest and, when nothing could be written, the output."""
    tool, runner = [], []
    for obj in harvest.tool_errors:
        tool.append(f"the harvester failed in {obj.get('where') or '?'}: {_describe(obj)}")
    for obj in harvest.internal_errors:
        frames = [Frame.from_json(f) for f in obj.get("frames") or []]
        if any(_is_tool_frame(f.file) for f in frames):
            tool.append(f"INTERNALERROR in the harvester's pytest plugin: {_describe(obj)}")
        else:
            runner.append(f"INTERNALERROR: {_describe(obj)}")
    if not harvest.internal_errors:
        internal = [ln for ln in lines if ln.startswith("INTERNALERROR>")]
        if internal:
            if any(TOOL_FILE_PREFIX in ln for ln in internal):
                tool.append("INTERNALERROR in the harvester's pytest plugin: "
                            + next((ln[14:].strip() for ln in reversed(internal) if ln[14:].strip()), ""))
            else:
                runner.append("INTERNALERROR: " + next((ln[14:].strip() for ln in reversed(internal) if ln[14:].strip()), ""))
    for ln in lines:
        if ln.startswith("django-upgrade: harvester error") or ln.startswith("django-upgrade: warning harvester not installed"):
            tool.append(ln.strip())
    return ("; ".join(dict.fromkeys(tool)) or None), ("; ".join(dict.fromkeys(runner)) or None)


def _dedupe(tests: list[TestOutcome], raw: list[dict]) -> list[TestOutcome]:
    """One outcome per (test, phase): the last one written; a worker's beats an xdist controller's."""
    chosen: dict = {}
    for outcome, obj in zip(tests, raw):
        key = (outcome.runner, outcome.test, outcome.when)
        if obj.get("controller") and key in chosen and not chosen[key][1]:
            continue
        chosen[key] = (outcome, bool(obj.get("controller")))
    return [o for o, _ in chosen.values()]


def _count(tests: list[TestOutcome]) -> dict:
    counts = dict.fromkeys(("passed", "failed", "errors", "skipped"), 0)
    for t in tests:
        if t.outcome == "passed":
            counts["passed"] += 1
        elif t.outcome == "failed":
            counts["errors" if t.when in ("setup", "teardown", "collect") else "failed"] += 1
        elif t.outcome == "error":
            counts["errors"] += 1
        elif t.outcome == "skipped":
            counts["skipped"] += 1
    return counts


def from_harvest(harvest: Harvest, lines: list[str]) -> Structured:
    raw = [obj for obj in harvest.tests if isinstance(obj, dict)]
    tests = _dedupe([TestOutcome.from_json(obj) for obj in raw], raw)
    sessions = harvest.sessions
    result = Structured(tests=tests)
    result.tool_error, result.runner_error = _tool_error(harvest, lines)
    if harvest.crashes:
        result.crash = TestOutcome.from_json({**harvest.crashes[-1], "outcome": "error",
                                              "test": harvest.crashes[-1].get("test") or "<the test command>"})
    if tests or sessions:
        runners = [t.runner for t in tests] + [s.get("runner") for s in sessions]
        result.runner = max(set(r for r in runners if r), key=runners.count, default=None)
        # a run that ended with an uncaught exception did not reach its end, whatever it closed
        result.finished = result.crash is None and any(
            s.get("event") == "finish" and not s.get("worker") for s in sessions)
        if tests or result.crash is None:  # a crash before any outcome: no counts, nothing ran
            result.counts = _count(tests)
    return result
