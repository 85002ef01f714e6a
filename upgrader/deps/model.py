"""Records of the third-party check: a dependency, one release's metadata, a step, a verdict."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from packaging.utils import canonicalize_name

# the statuses, in the JSON form; text shows "not declared"
YES = "yes"
BLOCKED = "blocked"
NOT_DECLARED = "not-declared"
UNKNOWN = "unknown"
STATUSES = (YES, BLOCKED, NOT_DECLARED, UNKNOWN)

# when a suggested release can be taken
MOVE_FIRST = "first"  # it runs on the current Django: upgrade it before the Django step
MOVE_WITH_DJANGO = "with-django"  # it needs the new Django: bump both together


@dataclass
class ReleaseMeta:
    """What the check knows about one release of a dependency."""

    version: str
    requires_dist: list[str] | None  # None: unknown (no metadata); []: none declared
    requires_python: str | None
    classifiers: list[str]
    uploaded: _dt.date | None = None
    origin: str = "index"  # index / installed

    @property
    def known(self) -> bool:
        return self.requires_dist is not None


@dataclass(eq=False)
class Dependency:
    """One third-party distribution of the project (from its pins, else its interpreter)."""

    name: str
    specifier: str = ""
    version: str | None = None  # the exact pinned / locked / installed version
    version_source: str = ""  # "pin" / "lock" / "installed" / "specifier" (newest release it admits)
    source: str = ""  # "requirements.txt:3" / "installed"
    installed: ReleaseMeta | None = None  # metadata of the installed release (project interpreter)
    direct_url: str | None = None  # installed from a VCS URL / local path: not on the index
    # the code scan (upgrader.deps.blockers): uses of APIs the judged step removes, and the reason text
    code_hits: list = field(default_factory=list)
    code_reason: str = ""

    @property
    def key(self) -> str:
        return canonicalize_name(self.name)


@dataclass(frozen=True)
class StepTarget:
    """The Django a step lands on, and the Python the project runs there (None when unknown)."""

    to: str  # "4.0.10"
    feature: str  # "4.0"
    release_date: _dt.date | None
    python: str | None = None  # "3.10"


@dataclass
class DepStatus:
    """The verdict for one dependency on one step."""

    name: str
    version: str | None
    step: str  # the step's Django version ("4.0.10")
    feature: str  # "4.0"
    status: str  # yes / blocked / not-declared / unknown
    reason: str = ""
    requires_django: str | None = None  # the Django specifier of the judged release ("<4.0,>=2.2")
    requires_python: str | None = None
    python_ok: bool | None = None
    declared: list[str] = field(default_factory=list)  # "Framework :: Django :: X.Y" versions declared
    suggest: str | None = None  # the smallest release that supports the step
    move: str | None = None  # first / with-django (when there is a suggestion)
    suggest_reason: str = ""
    source: str = ""
    version_source: str = ""

    @property
    def message(self) -> str:
        text = self.reason
        if self.suggest:
            when = "upgrade it first (runs on the current Django)" if self.move == MOVE_FIRST else "together with Django"
            text += f"; move to {self.suggest}, {when}"
        elif self.suggest_reason:
            text += f"; {self.suggest_reason}"
        return text

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "version": self.version,
            "status": self.status,
            "suggest": self.suggest,
            "move": self.move,
            "reason": self.reason,
            "message": self.message,
            "requires_django": self.requires_django,
            "requires_python": self.requires_python,
            "python_ok": self.python_ok,
            "declared": self.declared,
            "source": self.source,
            "version_source": self.version_source,
        }


@dataclass
class DepsReport:
    """Everything one check found: per step feature release, the statuses; plus what could not be asked."""

    steps: dict[str, list[DepStatus]] = field(default_factory=dict)  # keyed by the step's "to"
    dependencies: list[Dependency] = field(default_factory=list)  # the judged (Django-related) ones
    unknown: dict[str, str] = field(default_factory=dict)  # name -> why it could not be checked
    skipped: int = 0  # not Django-related (or not known to be, when the index could not tell)
    offline: str | None = None  # the reason when the index could not be reached at all
    index: str = ""

    def notice(self) -> str | None:
        """The one stderr line about what could not be checked (None when everything was)."""
        if not self.unknown and not self.offline:
            return None
        if self.offline:
            reason = self.offline.split(": ", 1)[1] if self.offline.startswith("http") and ": " in self.offline else self.offline
            head = f"dependency check: the package index {self.index} could not be used ({reason})"
        else:
            head = "dependency check"
        names = sorted(self.unknown)
        if names:
            shown = ", ".join(f"{n} ({self.unknown[n]})" for n in names[:4]) if not self.offline else ", ".join(names[:6])
            more = f" and {len(names) - (6 if self.offline else 4)} more" if len(names) > (6 if self.offline else 4) else ""
            head += f": status unknown for {shown}{more}"
        return head
