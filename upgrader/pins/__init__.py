"""Where a project declares its dependencies, what version of Django that says, and bumping it.

Public interface (docs/CONTRACTS.md, "upgrader.pins"; user docs in docs/pins.md):

* ``find_django_pins(project_dir) -> list[Pin]``
* ``current_from_pins(project_dir) -> CurrentVersion | None``
* ``find_requirements(project_dir) -> list[Pin]`` (every declared or locked dependency)
* ``bump_django(project_dir, new_version, dry_run=False) -> list[PinChange]``
* ``bump_requirement(project_dir, name, new_version, dry_run=False) -> list[PinChange]``
* ``lock_files(project_dir, package="django") -> list[LockFile]``; ``regenerate(lock) -> RegenerateResult``

Files read (project top level unless said otherwise): ``requirements*.txt``, ``*constraints*.txt``,
requirement ``*.in`` files, everything in ``requirements/`` (and files they include with ``-r`` /
``-c``), ``pyproject.toml`` (PEP 621 ``[project]`` dependencies and optional-dependencies, PEP 735
``[dependency-groups]``, Poetry ``[tool.poetry.*dependencies]``), ``setup.cfg``, ``setup.py``,
``Pipfile``, and the lock files ``uv.lock``, ``poetry.lock``, ``Pipfile.lock`` and pip-compile output;
tox.ini ``deps`` for ``tox_declarations``. Each kind of file is a pin format (``upgrader.pins.formats``)
listed in ``upgrader.pins.registry``; this module reads and bumps through the registry only.

Every function takes an optional ``problems`` list: lines that could not be understood (a malformed
requirement, an unparseable lock file) are appended there, logged as warnings on the
``upgrader.pins`` logger, and skipped. A declaration file that cannot be parsed at all
(pyproject.toml, Pipfile, setup.cfg) raises ``UsageError`` with one line.
"""

from __future__ import annotations

import re
from pathlib import Path

from packaging.utils import canonicalize_name

from core import versions
from core.errors import UsageError
from upgrader.pins import locks as _locks
from upgrader.pins import registry, specs
from upgrader.pins.model import Context, Dependency, LockFile, Pin, PinChange, RegenerateResult

__all__ = [
    "Pin", "PinChange", "Dependency", "LockFile", "RegenerateResult", "find_django_pins", "find_requirements",
    "current_from_pins", "bump_django", "bump_requirement", "lock_files", "regenerate",
]


def _root(project_dir) -> Path:
    path = Path(project_dir).expanduser()
    if not path.is_dir():
        raise UsageError(f"project directory not found: {project_dir}")
    return path.resolve()


def _release_data():
    import release_data

    return release_data.load()


def _context(root: Path, problems: list | None) -> Context:
    ctx = Context(root=root)
    if problems is not None:
        ctx.problems = problems
    try:
        data = _release_data()
        ctx.next_feature = lambda f: data.next_feature(f)
    except Exception:  # release data unreadable: arithmetic fallback still bumps correctly
        pass
    return ctx


def find_requirements(project_dir, problems: list | None = None, include_locks: bool = True) -> list[Pin]:
    """Every declared dependency, then (``include_locks``) every locked one, in file order.

    A name can appear several times (requirements.in and its compiled requirements.txt, a range in
    pyproject.toml and the locked version in uv.lock); ``Pin.version`` is set where the pin names an
    exact version or a lock file holds it.
    """
    root = _root(project_dir)
    roles = ("declared", "lock") if include_locks else ("declared",)
    return [pin for _fmt, pin in registry.read_pins(root, _context(root, problems), roles)]


def find_django_pins(project_dir, problems: list | None = None) -> list[Pin]:
    """Every place Django is declared or locked (``[]`` when nowhere)."""
    return [p for p in find_requirements(project_dir, problems) if p.canonical_name == "django"]


def _candidates(data, released_only: bool) -> list[tuple[str, list[str]]]:
    out = []
    for r in data.releases:
        if released_only and not r.released:
            continue
        feature = r.version
        zero = f"{feature}.0"
        cands = [feature, zero] + ([r.latest_patch] if r.latest_patch else []) + list(r.patches)
        out.append((feature, cands))
    return out


def current_from_pins(project_dir, problems: list | None = None):
    """The Django version the pins say, or None.

    A lock file wins (it holds the exact version), then an exact ``==`` pin, then ranges: the newest
    feature release (among the known releases) that every range admits.
    """
    from core.project import CurrentVersion

    pins = find_django_pins(project_dir, problems)
    if not pins:
        return None
    for pin in [p for p in pins if p.kind == "lock" and p.lock_format != "pip-compile" and p.version] + [
        p for p in pins if p.lock_format == "pip-compile" and p.version
    ]:
        return CurrentVersion(pin.version, pin.source, True)
    for pin in pins:
        if pin.version:
            return CurrentVersion(pin.version, pin.source, not versions.is_feature_only(pin.version))
    data = _release_data()
    best = None
    for pin in pins:
        if not pin.specifier:
            continue
        try:
            feature = specs.highest_feature(pin.specifier, _candidates(data, True), pin.style) or specs.highest_feature(
                pin.specifier, _candidates(data, False), pin.style
            )
        except specs.SpecError:
            continue
        if feature is None:
            continue
        if best is None or versions.feature_key(feature) < versions.feature_key(best[0]):
            best = (feature, pin)
    if best is None:
        return None
    return CurrentVersion(best[0], best[1].source, False)


def _check_version(new_version: str) -> str:
    text = str(new_version).strip()
    versions.parse(text)  # UsageError on garbage
    return text


def bump_requirement(project_dir, name: str, new_version: str, dry_run: bool = False, problems: list | None = None,
                     kind: str | None = None, floor: str | None = None) -> list[PinChange]:
    """Rewrite every declaration of ``name`` so it admits ``new_version``, keeping formatting and style.

    A specifier that already admits the version, a bare name and ``*`` are left alone. Lock files
    (uv.lock, poetry.lock, Pipfile.lock) are not edited: regenerate them (``lock_files``). In
    pip-compile output an ``==`` pin without hashes is edited like any requirement; one with
    ``--hash`` is not (hashes cannot be invented) and is returned with ``regenerate=True``.
    All files are computed before any is written; writes are atomic and keep mode and line endings.

    ``kind`` (``site`` / ``library``; default: :func:`project_kind`): a library's ranges are widened
    (lower bound kept, or raised to ``floor``) instead of moved; for Django a library's classifiers,
    tox envlist / factor deps and CI matrices get the new release too. Files whose name names one
    Django version (``requirements/django32.txt``) are never edited for Django.
    """
    root = _root(project_dir)
    new_version = _check_version(new_version)
    ctx = _context(root, problems)
    ctx.mode = project_kind(root, kind).kind
    wanted = canonicalize_name(name)
    if wanted == "django":
        ctx.floor = floor
    bump = registry.Bump(ctx, name, new_version)
    bump.declared(keep=lambda p: not (wanted == "django" and version_specific(p.file)))
    if floor and wanted == "django" and ctx.mode == "library":
        from dataclasses import replace

        said = f"lower bound raised to {floor}: the step's codemods use APIs Django {floor} added"
        bump.changes = [replace(c, note=said) if f">={floor}" in c.new and f">={floor}" not in c.old else c
                        for c in bump.changes]
    if wanted == "django" and ctx.mode == "library":
        bump.supported_versions()
    if not dry_run:
        bump.write()
    return bump.changes


def bump_django(project_dir, new_version: str, dry_run: bool = False, problems: list | None = None,
                kind: str | None = None, floor: str | None = None) -> list[PinChange]:
    """``bump_requirement(project_dir, "django", new_version, ...)``."""
    return bump_requirement(project_dir, "django", new_version, dry_run=dry_run, problems=problems, kind=kind,
                            floor=floor)


_ONE_VERSION = re.compile(r"(?:^|[^a-z])(?:django|dj)[-_.]?v?(?:\d[._]?\d{1,2}|20\d\d)(?:$|[^\d])", re.I)


def version_specific(path) -> bool:
    """A file whose name names one Django version (``requirements/django32.txt``, ``reqs-dj-4.2.txt``)."""
    return bool(_ONE_VERSION.search(Path(path).stem))


def project_kind(project_dir, kind: str | None = None, config=None):
    """:class:`upgrader.pins.kind.ProjectKind`: site or library (``kind`` overrides; then the config,
    ``config`` when the caller has it: ``Project.config``)."""
    from upgrader.pins.kind import project_kind as _kind

    return _kind(_root(project_dir), kind, config)


def lock_files(project_dir, package: str = "django", python: str | None = None) -> list[LockFile]:
    """The project's lock files and how to regenerate each after ``package`` was bumped.

    ``available`` says whether the tool is installed (on PATH, or beside ``python`` when given).
    """
    return registry.lock_files(_root(project_dir), package, python)


def regenerate(lock: LockFile, timeout: float = 900, python: str | None = None) -> RegenerateResult:
    """Run the lock's tool (``ok``/``output``); never raises."""
    return _locks.regenerate(lock, timeout=timeout, python=python)


def tox_declarations(project_dir) -> list[Pin]:
    """Django in tox.ini ``deps`` (kind ``tox``; a factor-conditional line names one version, e.g.
    ``django32: Django>=3.2,<3.3``): the pins of the ``tested`` formats. Read for reporting only: a
    site's bump never edits them."""
    root = _root(project_dir)
    return [pin for _fmt, pin in registry.read_pins(root, Context(root=root, quiet=True), ("tested",))]


def _django_places(project_dir, problems: list | None = None):
    """(format, pin, names one version) for every Django pin of the declared, lock and tested formats."""
    root = _root(project_dir)
    for fmt, p in registry.read_pins(root, _context(root, problems), ("declared", "lock", "tested")):
        if p.canonical_name == "django":
            yield fmt, p, version_specific(p.file) or (fmt.role == "tested" and bool(p.marker))


def django_declarations(project_dir, problems: list | None = None) -> list[dict]:
    """Every place Django is declared, locked or tested against, with what a bump does there:
    ``[{source, kind, specifier, version_specific, bumped}]`` (``bumped``: False for lock files, tox
    lines and files that name one Django version)."""
    return [{"source": p.source, "kind": p.kind, "specifier": p.specifier or "(any)", "version_specific": one,
             "bumped": fmt.role == "declared" and p.kind != "lock" and not one}
            for fmt, p, one in _django_places(project_dir, problems)]


def explain_unchanged(project_dir, new_version: str) -> str:
    """Why a Django bump changed nothing, naming every declaration (for the step report), e.g.
    ``Django is declared in setup.py:6 (>=3.2, already admits 4.0.10); tox.ini:7 (django32 factor: names one
    version, left alone)``; or ``Django is not declared in any requirements/pyproject/setup/tox file``."""
    found = list(_django_places(project_dir))
    if not found:
        return "Django is not declared in any requirements/pyproject/setup/Pipfile/tox file: nothing to bump"
    parts = []
    for fmt, p, one in found:
        if fmt.role == "lock" or p.kind == "lock":
            why = "a lock file: regenerated with its tool"
        elif one:
            why = "names one Django version: left alone"
        elif fmt.role == "tested":
            why = f"{fmt.name} deps: not bumped"
        else:
            try:
                ok = specs.admits(p.specifier, new_version, p.style)
            except (specs.SpecError, ValueError):
                ok = False
            why = f"already admits {new_version}" if ok else "not bumped (see warnings)"
        parts.append(f"{p.source} ({p.specifier or '(any)'}: {why})")
    return "Django is declared in " + "; ".join(parts)


def excluded_requirement_files(project_dir, django_version: str) -> list[Path]:
    """Requirement files that must not be installed with Django ``django_version``: their own Django
    requirement excludes it (``requirements/django32.txt`` holding ``Django>=3.2,<3.3`` when installing
    4.0). The install set of a step leaves them out."""
    out: list[Path] = []
    for pin in find_django_pins(project_dir):
        if pin.kind != "requirements" or not pin.specifier:
            continue
        try:
            if not specs.admits(pin.specifier, django_version):
                if Path(pin.file) not in out:
                    out.append(Path(pin.file))
        except (specs.SpecError, ValueError):
            continue
    return out


def codemod_floor(applied) -> str | None:
    """The lowest Django the code needs after ``applied`` codemods ran (names): the highest
    ``available_from`` among them, e.g. ``"3.1"``; None when none was applied. A library's lower bound
    is raised to it (``bump_django(..., floor=codemod_floor(applied))``) when it is below."""
    from codemods import registry

    names = set(applied or ())
    best = None
    for entry in registry.entries():
        if entry.name in names and entry.available_from:
            if best is None or versions.feature_key(entry.available_from) > versions.feature_key(best):
                best = entry.available_from
    return best


def drop_excluded(project_dir, args: list[str], django_version: str) -> list[str]:
    """A pip argument list (``["-r", "requirements/django32.txt", "-e", "."]``) without the requirement
    files whose own Django requirement excludes ``django_version`` (see excluded_requirement_files)."""
    root = _root(project_dir)
    skip = {p.resolve() for p in excluded_requirement_files(root, django_version)}
    out: list[str] = []
    i = 0
    while i < len(args):
        if args[i] in ("-r", "--requirement") and i + 1 < len(args) and (root / args[i + 1]).resolve() in skip:
            i += 2
            continue
        out.append(args[i])
        i += 1
    return out
