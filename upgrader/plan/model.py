"""The plan's model: a Plan is a list of Steps; each Step lists the RemovedChanges it crosses and where
this project uses them (``occurrences``: ``codemods.detect`` findings, each fixable by a codemod or by
hand)."""

from __future__ import annotations

from dataclasses import dataclass, field

@dataclass
class RemovedChange:
    id: str
    old: str
    new: str
    category: str
    deprecated_in: str | None
    removed_in: str
    warning: str | None
    emits_warning: bool | None
    link: str
    channel: str = "python-warning"  # python-warning / system-check / none
    autofix: list[str] = field(default_factory=list)  # codemod names that fix it
    scanned: bool = False  # it has a detector (codemods.detect): its occurrences were looked for
    occurrences: list = field(default_factory=list)  # upgrader.plan.findings.Occurrence
    undetectable_reason: str | None = None  # why no detector can exist (release data)
    manual_because: str | None = None  # category manual: why no rewrite without a team decision (release data)


@dataclass
class PythonAdvice:
    move_to: str  # "3.10"
    before: str  # the step's target version
    current_series: str  # "3.2"
    current_series_patch: str | None  # the first patch of the current series that runs move_to
    message: str


@dataclass
class Hop:
    """One LTS hop of a ``--via lts`` plan."""

    start: str  # feature release the hop starts from ("3.2")
    to: str  # feature release it lands on ("4.2")
    skipped: list[str]
    safe_by_policy: bool
    unwarned: list[str]  # change ids removed on the hop that never give a warning (check by hand)
    late: list[str]  # deprecated after the start release: skipping them breaks the policy
    occurrences: int  # occurrences of removed changes found in the project
    safe: bool
    message: str


@dataclass
class Step:
    to: str  # exact version "4.0.10" (a pre-release with --pre)
    feature_release: str  # "4.0"
    kind: str  # "patch" (latest patch of the current series) / "feature"
    lts: bool
    release_date: str | None
    python: list[str]
    python_ok: bool | None  # None when the project's Python or the release's Pythons are unknown
    python_for_ci: str | None
    python_advice: PythonAdvice | None
    removed: list[RemovedChange]
    incompatible: list[dict]
    skipped: list[str] = field(default_factory=list)  # feature releases skipped to get here (--via lts)
    hop: Hop | None = None
    dependencies: list[dict] = field(default_factory=list)  # filled by the third-party check
    prerelease: bool = False
    notes: str = ""


@dataclass
class Support:
    release: str
    status: str  # mainstream / extended / unsupported / unreleased / unknown
    until: str | None
    message: str


@dataclass
class Plan:
    project_dir: str
    current: str
    current_feature: str
    current_source: str
    current_exact: bool
    target: str
    target_feature: str
    target_requested: str
    python: str | None
    python_source: str | None
    via: str | None
    pre: bool
    today: str
    data_source: str
    steps: list[Step]
    support_current: Support
    support_target: Support
    message: str = ""
    scan_errors: list = field(default_factory=list)
    files_scanned: int = 0

    @property
    def up_to_date(self) -> bool:
        return not self.steps

    @property
    def pending_occurrences(self) -> int:
        return sum(len(rc.occurrences) for s in self.steps for rc in s.removed)


