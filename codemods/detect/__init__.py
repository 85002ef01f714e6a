"""One detector per change: where a project uses a removed or deprecated Django API.

    findings = find_in_files(files, changes, root, settings_files=..., migration_files=...)
    findings[0]   # Finding(change_id="force-text", path="app/views.py", line=3, text="...", fixable_by="force_text")

``plan``, ``fix`` (what it leaves), ``report``'s static part and the dependency scan all call this,
so they find the same lines. A change's detector is:

* its ``"detect"`` items from release data (see ``codemods.detect.spec`` and docs/release-data.md),
  checked on an ``ast`` index of the file with names resolved through its imports and aliases;
* and, where a codemod fixes the change, the codemod: the uses its declarative tables name (renames,
  keyword renames, signatures, settings); where neither those tables nor the change's items give a
  line in a file its prefilter + ``confirm`` accept, the lines using one of its trigger names.

A finding's ``fixable_by`` names the codemod whose prefilter and confirm accept the file, else None
(by hand); whether the codemod then really rewrites that use is ``codemods.detect.after``'s question
(``fix`` and ``plan`` both ask it). Accepts release_data ``Change`` objects and any object (or dict) with ``id`` and
``detect`` (behaviour changes), plus optional ``undetectable_reason``.

Speed: a text prefilter per item (its triggers) and per codemod runs before any parse; each file is
parsed once and indexed once for all the items that passed.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from codemods.base import FileContext, line_text, nodes_of, one_parse, parse_quietly
from codemods.detect.match import python_lines, template_lines, trigger_lines
from codemods.detect.plan import DetectPlan as _Plan, Detector, detector_for
from codemods.detect.pyfile import PyFile
from codemods.scanned_text import prefilter, scanned
from codemods.detect.spec import Item, SpecError
from core.files import is_migration as is_migration_path
from core.files import is_template, real_path, size_of
from core.settings import looks_like_settings

__all__ = ["Finding", "Detector", "find_in_files", "find_in_text", "detector_for", "SpecError"]



@dataclass(frozen=True)
class Finding:
    change_id: str
    path: str  # POSIX, relative to the root
    line: int
    text: str  # the stripped source line (or what is missing, for setting_missing)
    fixable_by: str | None = None  # the codemod that fixes it, None when it is left by hand

    def to_json(self) -> dict:
        return {"change": self.change_id, "file": self.path, "line": self.line, "text": self.text,
                "fixable_by": self.fixable_by}

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def file_kind(rel: str, text: str) -> str | None:
    if rel.endswith(".py"):
        return "python"
    return "template" if is_template(rel, text) else None


def _applicable(cm, kind: str, is_settings: bool, is_migration: bool) -> bool:
    if kind == "template":
        return "template" in cm.kinds
    if is_migration and not cm.migrations:
        return False
    return "python" in cm.kinds or ("settings" in cm.kinds and is_settings)


def _owners(det_ids: list[str], olds: dict[str, str], token: str) -> list[str]:
    """Which of a multi-change codemod's changes a line is about (by the name its ``old`` text mentions)."""
    if len(det_ids) == 1:
        return det_ids
    hit = [cid for cid in det_ids if re.search(rf"\b{re.escape(token)}\b", olds.get(cid, ""))]
    return hit or det_ids


def find_in_text(text: str, rel: str, plan: _Plan, *, is_settings: bool, is_migration: bool,
                 kind: str | None = None, tree=None) -> tuple[list[Finding], str | None]:
    """The findings of one file's text, and an error (the file does not parse) or None."""
    kind = kind or file_kind(rel, text)
    if kind is None:
        return [], None
    text = scanned(text)  # (the codemods' prefilters and the items ask for the same strings)
    found: dict[tuple[str, int], str | None] = {}  # (change, line) -> fixable_by
    # (what ``[A-Za-z_][A-Za-z0-9_]*`` finds: the text's word runs without their leading digits)
    words = {w for w in (r.lstrip("0123456789") for r in text.runs()) if w}

    def present(trigger: str) -> bool:
        return trigger in words if trigger.isidentifier() else trigger in text

    def passes(triggers, required) -> bool:
        return any(present(t) for t in triggers) and all(w in words for w in required)

    item_index, kind_cms, derived_index, owners = plan.indexes(kind)
    all_items = plan.items_of(kind)
    items = [all_items[i][:2] for i in item_index.passing(text, words)]
    by_table = {owners[i] for i in derived_index.passing(text, words)}
    gated = set(plan.gate(kind).positions(text))  # (only those with a trigger here are asked: codemods.gate)
    cms = [entry for n, entry in enumerate(kind_cms) if n in by_table or (n in gated and prefilter(entry[1], text))]
    if not items and not cms:
        return [], None
    pf = None
    if kind != "python":
        tree = None
    elif tree is None:
        tree = parse_quietly(text)
    if kind == "python":
        if tree is None:
            return [], "cannot parse"
        pf = PyFile(tree, text, _needles(items, cms))

    def lines_of(item: Item) -> list[int]:
        if kind == "python":
            return python_lines(pf, item, rel, is_settings, is_migration)
        return template_lines(text, item)

    confirmed: dict[str, str] = {}  # change id -> codemod name accepting this file
    accepted: set[str] = set()
    for name, cm, ids, derived in cms:
        if not (_applicable(cm, kind, is_settings, is_migration) and prefilter(cm, text)):
            continue
        ctx = FileContext(path=rel, kind=kind, is_migration=is_migration, is_settings=is_settings)
        ctx.current_codemod = name
        try:
            ok = kind == "template" or cm.confirm(tree, text, ctx)
        except Exception:  # noqa: BLE001 - a broken confirm must not break detection
            ok = False
        if ok:
            accepted.add(name)
            for cid in ids:
                confirmed.setdefault(cid, name)
    for name, cm, ids, derived in cms:  # the codemod's tables: every use, fixable where it accepts the file
        if is_migration and not cm.migrations:
            continue
        for item, triggers, required in derived:
            if not passes(triggers, required):
                continue
            token = item.value.rsplit(".", 1)[-1]
            for line in lines_of(item):
                for cid in _owners(ids, plan.olds, token):
                    found.setdefault((cid, line), name if name in accepted else None)
    for d, item in items:
        if item.get("only_confirmed") and d.change_id not in confirmed:
            continue
        for line in lines_of(item):
            found.setdefault((d.change_id, line), confirmed.get(d.change_id))
    for name, cm, ids, derived in cms:
        # a codemod with no line-level table, for changes with no detect items: the lines where one of
        # its trigger names is used (a name, an attribute, a call; templates: the text)
        if name not in accepted or derived or any(d.items for d in plan.detectors if d.change_id in ids):
            continue
        triggers = tuple(cm.triggers)
        for line, tok in (_name_lines(tree, triggers) if kind == "python" else []) or \
                _text_lines(text, triggers, kind):
            for cid in _owners(ids, plan.olds, tok):
                found.setdefault((cid, line), name)
    src_lines = text.splitlines()
    out = [Finding(cid, rel, line, line_text(src_lines, line), fx) for (cid, line), fx in found.items()]
    return out, None


def _custom_findings(text: str, rel: str, custom: dict) -> list[Finding]:
    lines = None
    out = []
    for cid, lines_of in custom.items():
        for line in lines_of(text):
            lines = text.splitlines() if lines is None else lines
            out.append(Finding(cid, rel, line, line_text(lines, line)))
    return out


def _needles(items, cms) -> tuple[str, ...] | None:
    """The triggers of the items a file is searched for (its own, and its codemods' tables): a
    finding of one of them is in a statement holding one (or an ``as`` name; see ``PyFile``). None
    when some item has none."""
    out = []
    for _d, item in items:
        triggers = item.triggers()
        if not triggers:
            return None
        out.extend(triggers)
    for _name, _cm, _ids, derived in cms:
        for _item, triggers, _required in derived:
            if not triggers:
                return None
            out.extend(triggers)
    return tuple(dict.fromkeys(out))


def _name_lines(tree, triggers) -> list[tuple[int, str]]:
    names = {t.strip("(.") for t in triggers if t.strip("(.").isidentifier()}
    out = set()
    for node in nodes_of(tree, ast.Name, ast.Attribute):
        ident = node.id if node.__class__ is ast.Name else node.attr
        if ident in names:
            out.add((node.lineno, ident))
    return sorted(out)


def _text_lines(text: str, triggers, kind: str) -> list[tuple[int, str]]:
    lines = text.splitlines()
    out = []
    for line in trigger_lines(text, triggers, kind):
        tok = next((t for t in triggers if t in lines[line - 1]), "")
        out.append((line, tok.strip("(.")))
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(real_path(path)).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _read(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n")


def _size(row) -> int:
    return len(row[5]) if row[5] is not None else size_of(row[0])


def _sets(text: str, name: str) -> bool:
    return bool(re.search(rf"^\s*{re.escape(name)}\s*[:=]", text, re.M))


def file_role(rel: str, settings_rel: set, migration_rel: set | None) -> str:
    """``m`` (a migration), ``s`` (a settings module the project names), both, or ``""``."""
    role = "m" if (rel in migration_rel if migration_rel is not None else is_migration_path(rel)) else ""
    return role + "s" if settings_rel and rel in settings_rel else role


def detect_one(text: str, rel: str, plan: _Plan, role: str, settings_rel, tree=None) -> tuple[list[Finding], str | None, str | None]:
    """One file: its findings, a parse error or None, and, for a settings module, what the
    ``setting_missing`` items need of it (``NAME = ...`` lines of the names it sets) or None.
    ``tree``: the file's ``ast`` tree when the caller has parsed it already."""
    kind = file_kind(rel, text)
    if kind is None:
        return [], None, None
    is_settings = kind == "python" and (rel in settings_rel if settings_rel else looks_like_settings(rel, text))
    found, error = find_in_text(text, rel, plan, is_settings=is_settings, is_migration=kind == "python" and "m" in role,
                                kind=kind, tree=tree)
    sets = None
    if is_settings and plan.missing:
        names = {it.value for _, it in plan.missing} | {"INSTALLED_APPS"}
        sets = "".join(f"{n} = ...\n" for n in sorted(names) if _sets(text, n))
    return found, error, sets


def with_missing_settings(plan: _Plan, out: list[Finding], seen_settings: list[tuple[str, str]]) -> list[Finding]:
    """``out`` plus the ``setting_missing`` findings: ``seen_settings`` is [(settings module, its
    ``detect_one`` sets text)]; sorted by (path, line, change id)."""
    for d, item in plan.missing:
        if seen_settings and not any(_sets(t, item.value) for _, t in seen_settings):
            main = next((r for r, t in seen_settings if _sets(t, "INSTALLED_APPS")), seen_settings[0][0])
            why = item.get("why") or f"{item.value} is not set"
            # the codemod (adding the setting) may have claimed a line of the same module: one finding
            same = [f for f in out if f.change_id == d.change_id and f.path == main]
            out = [f for f in out if f not in same]
            out.append(Finding(d.change_id, main, 1, why, next((f.fixable_by for f in same if f.fixable_by), None)))
    out.sort(key=lambda f: (f.path, f.line, f.change_id))
    return out


def find_in_files(files: Iterable[Path], changes: Iterable, root: Path, *, settings_files=frozenset(),
                  migration_files=None, errors: list | None = None, texts: dict | None = None,
                  use_cache: bool = False, jobs: int | None = None, custom: dict | None = None,
                  custom_key: str = "") -> list[Finding]:
    """Every finding of ``changes`` in ``files``, sorted by (path, line, change id).

    ``settings_files`` / ``migration_files``: the project's settings modules and migrations (paths,
    absolute or relative to ``root``); when not given they are told from names and contents.
    ``errors``: a list that receives ``(path, reason)`` for files that do not parse. ``texts``:
    ``{path: text}`` to use instead of reading a file (e.g. what ``fix`` would write). ``use_cache``:
    keep the findings per file in the user cache (``codemods.detect.cache``; a warm run parses nothing).
    ``jobs``: processes for the files the cache does not answer (default: the CPUs; see
    ``codemods.pool.map_files``).
    ``custom``: ``{id: function(text) -> [line]}``, detectors of their own run on every Python file
    but migrations, in the same pass: a file is read and parsed once for all (``base.one_parse``);
    their findings carry the id as ``change_id``. ``custom_key``: what they are, for the cache (it
    changes when they do).
    """
    root = Path(root).resolve()
    plan = changes if isinstance(changes, _Plan) else _Plan(list(changes))
    if not plan.detectors and not custom:
        return []
    settings_rel = {_rel(Path(root, p), root) for p in settings_files}
    migration_rel = None if migration_files is None else {_rel(Path(root, p), root) for p in migration_files}
    seen_settings: list[tuple[str, str]] = []
    out: list[Finding] = []
    cache = None
    if use_cache:
        from codemods.detect.cache import FindingsCache, fingerprint

        cache = FindingsCache(fingerprint(plan.detectors, custom_key if custom else ""))
    # the cache answers first; the files it does not know are scanned, in parallel when many
    rows: list = []  # per file: (path, rel, cache key, stamp, the cached rows or None, text or None, role)
    try:
        for path in files:
            path = Path(root, path)
            rel = _rel(path, root)
            text = texts.get(str(path), texts.get(rel)) if texts else None
            role = file_role(rel, settings_rel, migration_rel)
            key = stamp = hit = None
            if cache is not None:
                got = cache.stat_key(path, role) if text is None else (cache.text_key(text, rel, role), None)
                if got is not None:
                    key, stamp = got
                    hit = cache.get(key, stamp)
            rows.append((path, rel, key, stamp, hit, text, role))
        todo = [i for i, row in enumerate(rows) if row[4] is None]
        scanned: dict[int, tuple | None] = {}

        def one(i: int):
            path, rel, _key, _stamp, _hit, text, role = rows[i]
            if text is None:
                text = _read(path)
            if text is None:
                return None
            with one_parse():  # (one tree for the detectors and the custom ones)
                found, error, sets = detect_one(text, rel, plan, role, settings_rel)
                if custom and rel.endswith(".py") and "m" not in role:
                    found = found + _custom_findings(text, rel, custom)
            return found, error, sets

        from codemods.pool import map_files

        if len(todo) > 1:
            plan.gate("python"), plan.gate("template")  # (built once, with the indexes, before any fork)
        # (forking: the codemods are imported once, and the workers share them)
        map_files(one, todo, [_size(rows[i]) for i in todo], scanned.__setitem__, jobs, before_fork=plan.load_codemods)
        for i, (path, rel, key, stamp, hit, text, role) in enumerate(rows):
            if hit is not None:
                out += [Finding(cid, rel, line, txt, fx) for cid, line, txt, fx in hit if cid not in "!~"]
                if errors is not None:
                    errors += [(rel, txt) for cid, _, txt, _ in hit if cid == "!"]
                seen_settings += [(rel, txt) for cid, _, txt, _ in hit if cid == "~"]
                continue
            outcome = scanned.get(i)
            if outcome is None:
                continue
            found, error, sets = outcome
            if error and errors is not None:
                errors.append((rel, error))
            if sets is not None:
                seen_settings.append((rel, sets))
            out += found
            if cache is not None and key is not None:
                cached = [[f.change_id, f.line, f.text, f.fixable_by] for f in found]
                if error:
                    cached.append(["!", 0, error, None])
                if sets is not None:
                    cached.append(["~", 0, sets, None])
                cache.put(key, cached, stamp)
    finally:
        if cache is not None:
            cache.close()
    return with_missing_settings(plan, out, seen_settings)
