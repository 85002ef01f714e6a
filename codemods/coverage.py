"""How much of the mechanically fixable deprecation timeline the codemod catalogue fixes.

    c = coverage()                  # over every change of the release data
    c.fixed, c.total, c.percent     # 127, 161, 78.9
    c.missing                       # the mechanical changes no codemod fixes (fixed by hand; fix/plan report them)
    coverage(upto="6.1")            # only the changes removed in 6.1 or earlier

"Mechanically fixable" is the release data's category: ``python-rewrite``, ``settings`` or
``template`` (``manual`` changes need a decision). A change counts as fixed when a codemod of the
catalogue names it in its ``changes`` metadata. The figure is printed under the README's codemod
table (``scripts/gen_readme_table.py``) and checked by ``tests/codemods/test_coverage.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core import versions

MECHANICAL = ("python-rewrite", "settings", "template")


@dataclass
class Coverage:
    fixed_ids: list[str] = field(default_factory=list)
    missing: list = field(default_factory=list)  # release_data.Change objects

    @property
    def fixed(self) -> int:
        return len(self.fixed_ids)

    @property
    def total(self) -> int:
        return self.fixed + len(self.missing)

    @property
    def percent(self) -> float:
        return round(100.0 * self.fixed / self.total, 1) if self.total else 100.0

    def line(self) -> str:
        return (f"Codemod coverage: {self.fixed} of {self.total} mechanically fixable changes "
                f"({self.percent}%) of the deprecation timeline in the release data.")


def coverage(data=None, entries=None, upto: str | None = None) -> Coverage:
    import release_data
    from codemods import registry

    data = data or release_data.load(use_refreshed=False)
    entries = registry.entries() if entries is None else entries
    fixed = {c for e in entries for c in e.changes}
    out = Coverage()
    for change in data.changes:
        if change.category not in MECHANICAL:
            continue
        if upto and versions.feature_key(change.removed_in) > versions.feature_key(upto):
            continue
        if change.id in fixed:
            out.fixed_ids.append(change.id)
        else:
            out.missing.append(change)
    return out
