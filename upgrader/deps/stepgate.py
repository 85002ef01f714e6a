"""The blockers in ``step``: stop before any change, or hand the fixing releases to ``--upgrade-deps``."""

from __future__ import annotations

from packaging.utils import canonicalize_name

from core import versions
from upgrader.deps.blockers import Blocker, preflight_blockers
from upgrader.deps.model import StepTarget


def stop_message(blockers: list[Blocker], feature: str, upgrade_deps: bool = False) -> str:
    """The one message ``step`` stops with when a dependency blocks (see :func:`gate`)."""
    parts = []
    for b in blockers:
        what = f"{b.name} {b.version or ''}".rstrip() + f" blocks Django {feature}: {b.reason}"
        if b.fix:
            what += f"; {b.name} {b.fix} fixes it"
        elif b.fix_reason:
            what += f" ({b.fix_reason})"
        parts.append(what)
    fixable = [b for b in blockers if b.fix]
    unfixable = [b for b in blockers if not b.fix]
    if fixable and not upgrade_deps:
        advice = ("re-run with --upgrade-deps to move " + ", ".join(f"{b.name} to {b.fix}" for b in fixable)
                  + " together with Django")
        if unfixable:
            advice += "; " + ", ".join(b.name for b in unfixable) + " must be upgraded or replaced by hand"
    elif unfixable and all("--check-deps" in b.fix_reason for b in unfixable):
        advice = ("re-run with --upgrade-deps to look for the release that fixes "
                  + ", ".join(b.name for b in unfixable) + " and move to it together with Django")
    else:
        advice = (", ".join(b.name for b in unfixable) + ": no release found that fixes it; upgrade or replace it by "
                  "hand (or wait for a fixed release)")
    return "; ".join(parts) + f". Nothing was changed: {advice}"


def as_dep_statuses(blockers: list[Blocker], step: StepTarget) -> list:
    """The blockers as :class:`upgrader.deps.model.DepStatus` (status blocked, suggest = the fix), the
    records ``step --upgrade-deps`` bumps and installs."""
    from upgrader.deps.model import BLOCKED as S_BLOCKED, DepStatus

    out = []
    for b in blockers:
        out.append(DepStatus(name=b.name, version=b.version, step=b.to, feature=b.feature, status=S_BLOCKED,
                             reason=b.reason, requires_django=b.requires_django, suggest=b.fix, move=b.move,
                             suggest_reason=b.fix_reason, source="installed", version_source="installed"))
    return out


def gate(project, pf, upgrade_deps: bool = False, check_deps: bool | None = None, index_url: str | None = None,
         dry_run: bool = False, client=None) -> list[Blocker]:
    """``step``'s preflight: stop BEFORE any change when an installed dependency blocks the step.

    ``pf`` is the step's Preflight (``current``, ``step_to``, ``deps``, ``warnings``). The installed
    distributions are scanned for the step's removed APIs (offline, cached); only when one blocks is
    the package index asked (unless ``--no-check-deps``) for the release that fixes it. Then:

    * without ``--upgrade-deps``: raise UpgradeError (exit 1) naming the distribution, the removed name
      (file:line), the fixing release, and saying to re-run with ``--upgrade-deps``; a ``--dry-run``
      gets the same text as a warning instead;
    * with ``--upgrade-deps``: the blockers with a fix join ``pf.deps["_statuses"]`` (status blocked,
      suggest = the fix), so the step bumps their pins and installs them together with Django; a blocker
      no release fixes stops the step the same way.

    Returns the blockers (``[]`` when nothing blocks)."""
    from core.errors import EXIT_PENDING, UpgradeError

    if not getattr(pf, "step_to", None):
        return []
    if client is None and check_deps is not False:
        from upgrader.pypi import PyPIClient

        cfg = getattr(project, "config", None) or {}
        client = PyPIClient(index_url=index_url or cfg.get("index-url"), timeout=10, retries=2)
    found, _ = preflight_blockers(project, pf.step_to, client=None, current_django=pf.current)
    if not found:
        return []
    notice = None
    if client is not None:  # ask the index only now that something blocks
        found, notice = preflight_blockers(project, pf.step_to, client=client, current_django=pf.current)
    feature = versions.feature(pf.step_to)
    deps_section = getattr(pf, "deps", None)
    if isinstance(deps_section, dict):
        deps_section["code_blockers"] = [b.to_json() for b in found]
    if notice and hasattr(pf, "warnings"):
        pf.warnings.append(notice)
    unfixable = [b for b in found if not b.fix]
    if upgrade_deps and not unfixable:
        if isinstance(deps_section, dict):
            step = StepTarget(to=pf.step_to, feature=feature, release_date=None)
            keep = [s for s in deps_section.get("_statuses", []) if canonicalize_name(s.name) not in {b.key for b in found}]
            deps_section["_statuses"] = keep + as_dep_statuses(found, step)
        return found
    message = stop_message(found, feature, upgrade_deps)
    if dry_run:
        if hasattr(pf, "warnings"):
            pf.warnings.append(message)
        return found
    raise UpgradeError(message + (f" ({notice})" if notice else ""), exit_code=EXIT_PENDING)
