"""What the codemods leave: the detectors run again on the text the codemods produce.

    left = leftovers(summary, changes, root, settings_files=..., map_to_old=True)
    left[0]   # Leftover(change_id="datetime-safe", path="app/utils.py", line=1, text="...", reason="by hand")

``fix`` (every mode) and ``plan`` (is a finding really codemod-fixable?) use it, so what ``plan`` calls
fixable is exactly what ``fix`` fixes, and what ``fix`` leaves is what ``plan`` calls by hand.

``fix`` runs the detectors inside the engine's workers, on the text the codemods produced (no second
read, parse or pass over the files): it hands ``engine.run`` a ``LeftRequest`` (``detect=``), each
``FileResult`` comes back with its ``left`` rows (kept in the engine's result cache with the rest),
and ``leftovers(..., request=...)`` only gathers them. Without a request (or when a result has no
rows) the files are scanned here, in this process.

A finding is left when the detector still finds the change in the rewritten text (or in the file as
it is, when no codemod changed it). Its line is in the file as it now is; with ``map_to_old`` (check
and diff modes, and plan, where nothing is written) it is mapped back to the line of the file on disk.
``reason``: the message of the codemod that refused it (an ambiguous alias, a shadowed name ...) when
one reported on that file, else ``by hand`` (no codemod for this change, or none that may run on the
target).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from codemods.base import line_text

BY_HAND = "by hand"


@dataclass(frozen=True)
class Leftover:
    change_id: str
    path: str  # POSIX, relative to the root
    line: int
    text: str
    reason: str = BY_HAND

    def to_json(self) -> dict:
        return {"change": self.change_id, "file": self.path, "line": self.line, "text": self.text,
                "reason": self.reason}


def line_map(old: str, new: str):
    """new line number -> old line number (the nearest line of the block it replaced)."""
    a, b = old.splitlines(), new.splitlines()
    table: dict[int, int] = {}
    if len(a) + len(b) < 2000:
        codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    else:  # (difflib's matcher is quadratic: minutes on a large module with thousands of changes)
        from codemods.diff import opcodes

        codes = opcodes(a, b)
    for tag, i1, i2, j1, j2 in codes:
        for j in range(j1, j2):
            if tag == "equal":
                table[j + 1] = i1 + (j - j1) + 1
            else:
                table[j + 1] = min(i1 + (j - j1), max(i1, i2 - 1)) + 1
    return lambda line: table.get(line, line)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return ""


class LeftRequest:
    """What the engine's workers detect in each file after the codemods (``engine.run(detect=...)``).

    Called as ``request(path, old, new, tree)`` with the file's text before the codemods, the rewrite
    (None when unchanged) and the ``ast`` tree of the rewrite (of ``old`` when unchanged) if one was
    parsed; returns the file's
    ``left`` rows: ``{"rows": [[change, line, text, fixable_by, old line, old text], ...],
    "error": ..., "sets": ...}`` (lines in the rewrite; the old ones only when there is a rewrite)."""

    def __init__(self, changes, root, *, settings_files=frozenset(), migration_files=None):
        from codemods.detect import _Plan, _rel

        self.root = Path(root).resolve()
        self.plan = changes if isinstance(changes, _Plan) else _Plan(list(changes))
        self.settings_rel = {_rel(Path(self.root, p), self.root) for p in settings_files}
        self.migration_rel = None if migration_files is None else \
            {_rel(Path(self.root, p), self.root) for p in migration_files}
        self._fingerprint: str | None = None

    @property
    def fingerprint(self) -> str:
        """Part of the engine's cache key: the detectors, and which files are settings / migrations."""
        if self._fingerprint is None:
            import hashlib

            from codemods.detect.cache import fingerprint

            roles = f"{sorted(self.settings_rel)}|{None if self.migration_rel is None else sorted(self.migration_rel)}"
            self._fingerprint = hashlib.blake2b(f"{fingerprint(self.plan.detectors)}|{roles}".encode(),
                                                digest_size=12).hexdigest()
        return self._fingerprint

    def prepare(self) -> None:
        """Load the detectors' codemods and items once, before the engine forks its workers (the
        engine has imported the codemods: each worker would otherwise make its own instances)."""
        self.plan.load_codemods()
        self.plan.gate("python"), self.plan.gate("template")  # (and the indexes)

    def __call__(self, path: str, old: str, new: str | None, tree=None) -> dict:
        from codemods.detect import _rel, detect_one, file_role

        rel = _rel(Path(path), self.root)
        role = file_role(rel, self.settings_rel, self.migration_rel)
        found, error, sets = detect_one(new if new is not None else old, rel, self.plan, role, self.settings_rel,
                                        tree=tree)
        rows = []
        if found and new is not None:
            mapper, old_lines = line_map(old, new), old.splitlines()
        for f in found:
            row = [f.change_id, f.line, f.text, f.fixable_by]
            if new is not None:
                line = mapper(f.line)
                row += [line, line_text(old_lines, line, f.text)]
            rows.append(row)
        return {"rows": rows, "error": error, "sets": sets}


def _gathered(results, request: LeftRequest, map_to_old: bool) -> list[Leftover]:
    from codemods.detect import Finding, _rel, with_missing_settings

    found, seen, mapped = [], [], {}
    for r in results:
        if not r.left["rows"] and r.left.get("sets") is None:
            continue  # (most files: nothing to place, no path to resolve)
        rel = _rel(Path(r.path), request.root)
        to_old = map_to_old and r.changed and not r.written
        for row in r.left["rows"]:
            cid, line, text, fx = row[:4]
            if to_old and len(row) > 4:
                line, text = row[4], row[5]
            f = Finding(cid, rel, line, text, fx)
            found.append(f)
            mapped[f] = r
        if r.left.get("sets") is not None:
            seen.append((rel, r.left["sets"]))
    out = [Leftover(f.change_id, f.path, f.line, f.text, _reason(f, mapped.get(f), f.line))
           for f in with_missing_settings(request.plan, found, seen)]
    return sorted(set(out), key=lambda x: (x.path, x.line, x.change_id))


def leftovers(results, changes, root, *, settings_files=frozenset(), migration_files=None,
              map_to_old: bool = True, originals: dict | None = None, use_cache: bool = True,
              request: LeftRequest | None = None) -> list[Leftover]:
    """``results``: the engine's FileResults (``.path``, ``.new_text``, ``.findings``, ``.written``,
    ``.left``; with a ``request`` the engine keeps no ``.new_text``: ``.changed`` says a file was
    rewritten).

    ``request``: the ``LeftRequest`` the engine ran with (``changes`` and the settings / migration
    files are then its own): the rows the workers found are gathered, nothing is read or parsed.
    ``originals``: {path: text before the codemods} (read from disk when missing; in write mode the
    disk already holds the new text, so pass ``map_to_old=False`` there)."""
    from codemods.detect import _Plan, find_in_files

    if request is not None and all(getattr(r, "left", None) is not None for r in results):
        return _gathered(results, request, map_to_old) if request.plan.detectors else []
    root = Path(root).resolve()
    plan = request.plan if request is not None else _Plan(list(changes))
    if request is not None:
        settings_files, migration_files = request.settings_rel, request.migration_rel
    if not plan.detectors:
        return []
    texts, by_rel, files = {}, {}, []
    for r in results:
        path = Path(r.path).resolve()
        files.append(path)
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            rel = path.as_posix()
        by_rel[rel] = r
        if r.new_text is not None and not r.written:
            texts[str(path)] = r.new_text
    found = find_in_files(files, plan, root, settings_files=settings_files, migration_files=migration_files,
                          texts=texts, use_cache=use_cache)
    maps: dict[str, object] = {}
    out: list[Leftover] = []
    for f in found:
        r = by_rel.get(f.path)
        line, text = f.line, f.text
        if map_to_old and r is not None and r.new_text is not None and not r.written:
            if f.path not in maps:
                old = (originals or {}).get(f.path) or _read(root / f.path)
                maps[f.path] = (line_map(old, r.new_text), old.splitlines())
            mapper, old_lines = maps[f.path]
            line = mapper(line)
            text = line_text(old_lines, line, text)
        out.append(Leftover(f.change_id, f.path, line, text, _reason(f, r, line)))
    out = sorted(set(out), key=lambda x: (x.path, x.line, x.change_id))
    return out


def _reason(finding, result, line: int) -> str:
    """Why a codemod left it: its own report on that file (the nearest line), else ``by hand``."""
    if result is None or not result.findings:
        return BY_HAND
    try:
        from codemods import registry

        names = {e.name for e in registry.codemods_for_change(finding.change_id)}
    except Exception:  # noqa: BLE001
        names = set()
    own = [x for x in result.findings if x.codemod in names]
    if not own:
        return BY_HAND
    best = min(own, key=lambda x: abs((x.line or 0) - line))
    return f"{best.codemod}: {best.message}"


def changes_at(changes, target: str | None, removed_in: str | None = None, fixed_by=None) -> list:
    """The changes ``fix`` reports as left: deprecated (or removed) on ``target``; with ``removed_in``,
    those removed in that release or earlier; with ``fixed_by`` (codemod names, ``--only``), only the
    changes those codemods fix."""
    from core import versions

    def key(v):
        return versions.feature_key(versions.feature(v))

    out = []
    for c in changes:
        if removed_in:
            if key(c.removed_in) > key(removed_in):
                continue
        elif target and key(c.deprecated_in or c.removed_in) > key(target):
            continue
        out.append(c)
    if fixed_by is not None:
        from codemods import registry

        wanted = {cid for e in registry.entries() if e.name in set(fixed_by) for cid in e.changes}
        out = [c for c in out if c.id in wanted]
    return out
