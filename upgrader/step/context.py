"""What the phases of a step share (``StepContext``) and what each returns at least (``PhaseResult``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from upgrader.step.suite import TestSummary, suite


@dataclass
class StepContext:
    project: object  # upgrader.project.Project
    options: object  # StepOptions
    data: object  # release_data
    pf: object  # Preflight
    report: object  # StepReport
    progress: object  # Progress
    snap: object | None = None  # upgrader.snapshot.Snapshot
    on_current: list = field(default_factory=list)
    on_target: list = field(default_factory=list)
    lock_paths: list = field(default_factory=list)
    dep_reqs: list = field(default_factory=list)

    @property
    def x(self) -> str:
        return self.pf.current

    @property
    def y(self) -> str:
        return self.pf.step_to

    def run_suite(self, label: str, django: str) -> TestSummary:
        return suite(self.project, self.pf.test_command, label, django, self.options.verbose)


@dataclass
class PhaseResult:
    stop: bool = False


def _stop(ctx: StepContext, status: str, code: int, message: str) -> PhaseResult:
    ctx.report.fail(status, code, message)
    return PhaseResult(stop=True)
