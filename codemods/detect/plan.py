"""What one detection run checks: each change's ``Detector`` (its release-data items and the
codemods that fix it), and ``DetectPlan``, which loads them once and indexes their triggers so a
file is only checked for what its text can match (``codemods.detect.prefilter``)."""

from __future__ import annotations

from dataclasses import dataclass

from codemods.detect.prefilter import TriggerIndex
from codemods.detect.spec import Item, codemod_items, item_shapes, parse_items


@dataclass
class Detector:
    """A change's detector: declared items and the codemods that fix it."""

    change_id: str
    old: str
    items: tuple[Item, ...]
    codemods: tuple  # the codemods fixing it, as ``registry.Entry`` metadata (``.load()`` imports one)
    undetectable_reason: str | None = None

    @property
    def exists(self) -> bool:
        return bool(self.items or self.codemods)


def _get(obj, key, default=None):
    return obj.get(key, default) if isinstance(obj, dict) else getattr(obj, key, default)


def _codemods_for(change_id: str) -> tuple:
    from codemods import registry

    return tuple(registry.codemods_for_change(change_id))


def detector_for(change, with_codemods: bool = True) -> Detector:
    cid = _get(change, "id")
    return Detector(
        change_id=cid,
        old=_get(change, "old", "") or "",
        items=parse_items(_get(change, "detect"), cid, strict=False),
        codemods=_codemods_for(cid) if with_codemods else (),
        undetectable_reason=_get(change, "undetectable_reason"),
    )




def _kind_ok(cm, kind: str) -> bool:
    return ("template" in cm.kinds) if kind == "template" else bool({"python", "settings"} & set(cm.kinds))






class DetectPlan:
    """The detectors of one run; each codemod is imported when a file first needs more of it than its
    metadata (``registry.Deferred``)."""

    def __init__(self, changes):
        self.detectors: list[Detector] = [d if isinstance(d, Detector) else detector_for(d) for d in changes]
        self.olds = {d.change_id: d.old for d in self.detectors}
        self._codemods: dict[str, tuple[object, list[str], tuple]] | None = None
        self._items: dict[str, list] = {}
        self._indexes: dict[str, tuple] = {}
        self._gates: dict[str, object] = {}
        self.missing = [(d, it) for d in self.detectors for it in d.items if it.form == "setting_missing"]

    def items_of(self, kind: str) -> list:
        """(detector, item, its triggers) for the items checked in files of ``kind``."""
        got = self._items.get(kind)
        if got is None:
            got = self._items[kind] = [(d, it, (it.triggers(), it.required(), item_shapes(it)))
                                       for d in self.detectors for it in d.items if it.kind == kind]
        return got

    def indexes(self, kind: str) -> tuple:
        """For files of ``kind``: (the ``TriggerIndex`` of ``items_of(kind)``; the codemods that may
        run on them as ``(name, codemod, change ids, derived items)``; the ``TriggerIndex`` of all
        those codemods' derived items; which codemod, by position, each derived item belongs to)."""
        got = self._indexes.get(kind)
        if got is None:
            cms = [(name, cm, ids, derived) for name, (cm, ids, derived) in self.codemods.items() if _kind_ok(cm, kind)]
            owners = [n for n, (_, _, _, derived) in enumerate(cms) for _ in derived]
            got = self._indexes[kind] = (
                TriggerIndex(entry for _, _, entry in self.items_of(kind)), cms,
                TriggerIndex((t, r) for _, _, _, derived in cms for _, t, r in derived), owners)
        return got

    def gate(self, kind: str):
        """The ``codemods.gate.Gate`` of the codemods of ``indexes(kind)``, by their positions there."""
        got = self._gates.get(kind)
        if got is None:
            from codemods.gate import gate_for

            got = self._gates[kind] = gate_for([cm for _, cm, _, _ in self.indexes(kind)[1]])
        return got

    def load_codemods(self) -> None:
        """Import every codemod of the plan now (before forking workers, which then share them:
        each would otherwise import those its files need, libcst with them); the plan holds the
        codemods themselves from now on, not their stand-ins."""
        self._codemods = {name: (getattr(cm, "codemod", cm), ids, derived)  # (a Deferred's; an instance)
                          for name, (cm, ids, derived) in self.codemods.items()}
        built = list(self._gates)
        self._indexes.clear()
        self._gates.clear()
        for kind in built:  # (made again now, not in each worker)
            self.gate(kind)

    @property
    def codemods(self) -> dict:
        """{name: (the codemod, the changes it fixes, (item, its triggers, its required words) of each
        item derived from its tables)}."""
        if self._codemods is None:
            found: dict[str, tuple[object, list[str], tuple]] = {}
            from codemods.registry import deferred

            for d in self.detectors:
                for entry in d.codemods:  # (an Entry stays one: its tables are in its metadata)
                    got = found.get(entry.name)
                    if got is None:
                        got = found[entry.name] = (deferred(entry), [], tuple((it, it.triggers(), it.required())
                                                                              for it in codemod_items(entry)))
                    got[1].append(d.change_id)
            self._codemods = found
        return self._codemods
