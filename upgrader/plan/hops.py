"""``--via lts``: what each LTS hop skips, and whether Django's deprecation policy makes it safe.

Everything removed along a hop must already warn on the release the hop starts from (deprecations of
X.0/X.1 are removed in (X+1).0, those of the X.2 LTS in (X+1).1; an X.2 removes nothing), so the hop is
safe only once the code runs warning-free (``python -Wa``) there.
"""

from __future__ import annotations

from core import versions
from upgrader.plan.model import Hop, Plan


def annotate_hops(plan: Plan, cur_feat: str) -> None:
    """Fill ``step.hop`` for every feature step of a ``--via lts`` plan."""
    start = cur_feat
    for step in plan.steps:
        if step.kind != "feature":
            continue
        # Removals that never warn (no deprecation period, or no warning at all): by hand.
        unwarned = [rc.id for rc in step.removed if rc.channel == "none" or not rc.deprecated_in]
        # Deprecated after the start release: the policy does not cover skipping them.
        late = [
            rc.id for rc in step.removed
            if rc.deprecated_in and rc.id not in unwarned
            and versions.feature_key(rc.deprecated_in) > versions.feature_key(start)
        ]
        occ = sum(len(rc.occurrences) for rc in step.removed)
        policy = not late
        skipped_txt = ", ".join(step.skipped) if step.skipped else "nothing"
        span = ", ".join(step.skipped + [step.feature_release])
        if policy:
            why = (
                f"safe under Django's deprecation policy: every deprecation removed in {span} already "
                f"warns on {start}, so the hop is safe once the test suite runs on {start} with no "
                f"deprecation warnings left (python -Wa)"
            )
        else:
            why = (
                f"NOT covered by the deprecation policy: {len(late)} removal(s) were deprecated after "
                f"{start} and never warn there ({', '.join(late[:6])}{', ...' if len(late) > 6 else ''}); "
                f"go through every feature release instead"
            )
        if unwarned:
            why += (
                f"; {len(unwarned)} change(s) come without a warning ({', '.join(unwarned[:5])}"
                f"{', ...' if len(unwarned) > 5 else ''}): check them by hand"
            )
        if occ:
            why += f"; {occ} occurrence(s) of removed APIs found in the project: fix them on {start} first"
        step.hop = Hop(
            start=start, to=step.feature_release, skipped=step.skipped, safe_by_policy=policy,
            unwarned=unwarned, late=late, occurrences=occ, safe=policy and occ == 0,
            message=f"{start} -> {step.feature_release} skips {skipped_txt}: {why}",
        )
        start = step.feature_release
