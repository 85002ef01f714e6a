"""The records the pins modules hand out, and helpers shared by the file formats."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from upgrader.pins import specs

log = logging.getLogger("upgrader.pins")


@dataclass(frozen=True)
class Pin:
    """One place a dependency is declared (or locked).

    ``specifier`` is the text as written (``>=3.2,<4.0``, Poetry ``^3.2``, Pipfile ``*``; "" when
    bare); ``raw`` the declaring line, stripped; ``version`` the exact version when the pin names one
    (``==3.2.25``, Poetry ``3.2.25``) or the lock file holds it; ``style`` ``pep440`` or ``poetry``.
    """

    file: Path
    line: int
    kind: str
    name: str
    specifier: str
    raw: str
    version: str | None = None
    style: str = "pep440"
    extras: tuple[str, ...] = ()
    marker: str = ""
    hashed: bool = False
    source: str = ""  # "requirements.txt:3", relative to the project
    lock_format: str = ""  # for kind == "lock": uv.lock / poetry.lock / Pipfile.lock / pip-compile

    @property
    def canonical_name(self) -> str:
        return canonicalize_name(self.name)

    @property
    def exact(self) -> bool:
        return self.version is not None


# the third-party check asks for "requirement-like" records: a Pin has name, specifier, version,
# file and line.
Dependency = Pin


@dataclass(frozen=True)
class PinChange:
    """One edit ``bump_*`` made (or, with ``dry_run``, would make).

    ``old``/``new`` are the declaring line before and after (stripped). ``regenerate`` is True for
    a hash-locked requirement that was NOT edited: its lock file must be regenerated (see
    ``lock_files``); then ``new == old`` and ``note`` says which command does it.
    """

    file: Path
    line: int
    old: str
    new: str
    regenerate: bool = False
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class LockFile:
    """A lock file and the command that regenerates it (``lock_files``; run by ``regenerate``)."""

    path: Path
    tool: str  # uv / poetry / pipenv / pip-compile
    regenerate_cmd: list[str] = field(hash=False)
    available: bool
    cwd: Path | None = None  # where to run regenerate_cmd (the project directory by default)
    format: str = ""  # uv.lock / poetry.lock / Pipfile.lock / pip-compile / uv-pip-compile

    @property
    def command_line(self) -> str:
        import shlex

        return shlex.join(self.regenerate_cmd)


@dataclass(frozen=True)
class RegenerateResult:
    """What ``regenerate`` did: ``ok`` and the tool's output."""

    lock: LockFile
    ok: bool
    output: str
    returncode: int | None
    command: list[str]


@dataclass
class Context:
    root: Path
    problems: list[str] = field(default_factory=list)
    next_feature: Callable[[str], str | None] = specs.default_next_feature
    seen: set = field(default_factory=set)
    quiet: bool = False  # collect problems without logging them (a second pass over the same files)
    mode: str = "site"  # site: move the pin to the new release; library: widen the range (specs.widen)
    floor: str | None = None  # library: the lowest version the code needs now (a codemod's API)

    def problem(self, message: str) -> None:
        self.problems.append(message)
        if not self.quiet:
            log.warning("%s", message)


_HEAD = re.compile(r"\s*(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?P<extras>\s*\[[^\]]*\])?")


def parse_requirement(text: str) -> Requirement:
    return Requirement(text.strip())


def spec_span(req_text: str) -> tuple[int, int]:
    """Where the version specifier of a PEP 508 string sits: ``(start, end)`` offsets.

    ``Django[argon2] >= 3.2, < 4.0 ; python_version >= "3.8"`` -> the span of ``>= 3.2, < 4.0``
    (surrounding blanks excluded). An empty span for a bare name.
    """
    m = _HEAD.match(req_text)
    if not m:
        raise specs.SpecError(f"not a requirement: {req_text.strip()!r}")
    start = m.end()
    end = len(req_text)
    semi = req_text.find(";", start)
    if semi != -1:
        end = semi
    at = req_text.find("@", start)
    if at != -1 and at < end:
        raise specs.SpecError("a direct URL reference has no version to bump")
    while start < end and req_text[start].isspace():
        start += 1
    while end > start and req_text[end - 1].isspace():
        end -= 1
    return start, end


def spec_text(req_text: str) -> str:
    try:
        start, end = spec_span(req_text)
    except specs.SpecError:
        return ""
    return req_text[start:end]


def bump_requirement_text(req_text: str, new_version: str, ctx: Context) -> str:
    """``req_text`` with its specifier rewritten to admit ``new_version`` (same text when it does)."""
    start, end = spec_span(req_text)
    old = req_text[start:end]
    new = bump_spec(old, new_version, ctx, "pep440")
    return req_text[:start] + new + req_text[end:]


def bump_spec(spec: str, new_version: str, ctx: Context, style: str) -> str:
    """A specifier's text for ``new_version``: moved (site) or widened (library, ``ctx.mode``)."""
    if ctx.mode == "library":
        return specs.widen(spec, new_version, ctx.next_feature, style, floor=ctx.floor)
    return specs.bump(spec, new_version, ctx.next_feature, style)


def pin_from_requirement(req: Requirement, req_text: str, **kw) -> Pin:
    spec = spec_text(req_text)
    version = specs.exact_version(spec, "pep440") if spec else None
    return Pin(
        name=req.name,
        specifier=spec,
        version=version,
        extras=tuple(sorted(req.extras)),
        marker=str(req.marker) if req.marker else "",
        **kw,
    )


def safe_requirement(text: str) -> tuple[Requirement | None, str | None]:
    try:
        return parse_requirement(text), None
    except InvalidRequirement as exc:
        return None, str(exc).splitlines()[0]
