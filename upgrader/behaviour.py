"""Behaviour changes (release_data/behaviour.json) the project's code can hit, found statically.

    items = behaviour.between(data, "3.2", "4.1")            # the behaviour changes of 4.0 and 4.1
    found = behaviour.find(project_root, items)             # {change id: [Finding]}
    behaviour.annotate_plan(plan, project_root, data)       # each step's ``incompatible`` entries get
                                                            # ``occurrences`` / ``detected`` / ``fix``

Detection uses the same engine as the removals (``codemods.detect.find_in_files``, the change's
``detect`` items), plus the custom detectors named in ``detect_custom``, in the same pass over the
files (``Scan``; ``plan`` adds it to the removals' pass, so a file is read and parsed once for all):

* ``unsaved_related_manager`` - a related manager used on a model instance that is not saved yet
  (Django 4.1 raises ``ValueError`` there): in one function, ``x = Model(...)`` (a call of a
  capitalised name, not ``.objects.create()``) then ``x.<attr>.<manager method>(...)`` or
  ``x.<name>_set`` before any ``x.save()``; and ``self.instance.<attr>.<manager method>(...)`` inside
  a ``ModelForm`` (its instance is unsaved on a create form).
  Only files that may build an instance (``x = Name(`` in any spelling) or name a ``ModelForm`` are
  parsed, and the tree is walked once.

What each file holds is kept in the user cache (by the file's size and mtime, under a fingerprint of
this module), as the removals' scan does: a warm ``plan`` reads and parses nothing.

Nothing here imports the project's Django.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from codemods.base import child_fields, parse_quietly
from core import versions

MANAGER_METHODS = frozenset({
    "all", "filter", "exclude", "count", "exists", "add", "create", "get_or_create", "update_or_create",
    "remove", "clear", "set", "first", "last", "aggregate", "values", "values_list", "order_by", "get",
    "annotate", "bulk_create", "iterator", "in_bulk", "latest", "earliest", "update", "delete",
})


def between(data, start: str, end: str) -> list:
    """The behaviour changes of the feature releases after ``start`` up to ``end``."""
    return [i for r in data.between(versions.feature(start), versions.feature(end)) for i in r.incompatible]


# -- custom detectors -----------------------------------------------------------------------------

def _chain(node) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def _constructs_model(value) -> bool:
    if not isinstance(value, ast.Call):
        return False
    chain = _chain(value.func)
    if not chain or chain[-1][:1].islower() or not chain[-1][:1].isalpha():
        return False
    return "objects" not in chain


_FUNCTION_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _event(node, in_form_method: bool, lines: list[int]):
    """The unsaved-instance event of one node: (line, col, kind, name) or None; in a function of a
    ModelForm, ``self.instance.<attr>.<manager method>(...)`` goes straight to ``lines``."""
    cls = node.__class__
    if cls is ast.Assign:
        if len(node.targets) == 1 and node.targets[0].__class__ is ast.Name:
            kind = "new" if _constructs_model(node.value) else "other"
            return node.lineno, node.col_offset, kind, node.targets[0].id
    elif cls is ast.Call:
        if node.func.__class__ is ast.Attribute:
            chain = _chain(node.func)
            if chain:
                if len(chain) == 2 and chain[1] in ("save", "asave", "refresh_from_db"):
                    return node.lineno, node.col_offset, "save", chain[0]
                if len(chain) == 3 and chain[2] in MANAGER_METHODS:
                    return node.lineno, node.col_offset, "use", chain[0]
                if len(chain) == 4 and chain[:2] == ["self", "instance"] and chain[3] in MANAGER_METHODS \
                        and in_form_method:
                    lines.append(node.lineno)
    elif cls is ast.Attribute:
        if node.attr.endswith("_set") and node.value.__class__ is ast.Name:
            return node.lineno, node.col_offset, "use", node.value.id
    return None


def _unsaved_lines(tree: ast.Module) -> list[int]:
    """Lines where a related manager of an unsaved instance is used (see the module docstring).

    Each function's events are those of every node inside it, nested functions' included (and
    these are a function of their own as well); a class deriving from ``...ModelForm`` puts every
    function inside it, at any depth, in a ModelForm. One walk, without recursion (a long chain of
    ``+`` is a deep tree): a node's event goes to every function around it."""
    lines: list[int] = []
    functions: list[list] = []  # each function's events
    stack = [(tree, False, False, ())]  # (node, in a ModelForm, in its function, the functions around)
    while stack:
        node, in_model_form, in_form_method, owners = stack.pop()
        cls = node.__class__
        if cls is ast.ClassDef and not in_model_form:
            in_model_form = any((_chain(b) or [""])[-1].endswith("ModelForm") for b in node.bases)
        elif cls in _FUNCTION_DEFS:
            in_form_method = in_form_method or in_model_form
            functions.append([])
            owners = (*owners, functions[-1])
        if owners and cls in _WATCHED:  # (outside functions nothing is found)
            event = _event(node, in_form_method, lines)
            if event is not None:
                for events in owners:
                    events.append(event)
        for name in child_fields(cls):  # (ast.iter_child_nodes, without its generators: a third of the time)
            value = getattr(node, name, None)
            if value.__class__ is list:
                for child in value:
                    if isinstance(child, ast.AST) and child.__class__ not in _LEAVES:
                        stack.append((child, in_model_form, in_form_method, owners))
            elif isinstance(value, ast.AST) and value.__class__ not in _LEAVES:
                stack.append((value, in_model_form, in_form_method, owners))
    for events in functions:
        if events:
            _timeline(events, lines)
    return sorted(set(lines))


_WATCHED = frozenset({ast.Assign, ast.Call, ast.Attribute})
_LEAVES = frozenset({ast.Name, ast.Constant, ast.Load, ast.Store, ast.Del, ast.alias, ast.Pass})


def _timeline(events: list, lines: list[int]) -> None:
    """A function's uses of an instance built and not saved yet, in source order."""
    if not any(e[2] == "new" for e in events):
        return
    unsaved: dict[str, int] = {}
    for line, _col, kind, name in sorted(events, key=lambda e: (e[0], e[1])):
        if kind == "new":
            unsaved[name] = line
        elif kind in ("save", "other"):
            unsaved.pop(name, None)
        elif kind == "use" and name in unsaved:
            lines.append(line)


# What every ``x = Model(...)`` holds, whatever its spacing: ``=``, then (through blanks, brackets,
# line continuations and comments) a dotted name whose last part does not start with a lowercase
# ASCII letter, a digit or ``_``, then ``(``. A file with none of these, and no ``ModelForm``, has no
# unsaved instance to find: it is not parsed (most files of a project).
_GAP = r"(?:[\s\\()]|#[^\n]*\n)*"  # (a comment runs to its newline: no two ways to read one)
_BUILDS = re.compile(rf"=(?:[\s\\(]|#[^\n]*\n)*(?:\w+{_GAP}\.{_GAP})*[^\W\d_a-z]\w*{_GAP}\(")


def may_build_instances(text: str) -> bool:
    """Whether ``text`` may hold what ``unsaved_related_manager_lines`` finds (a necessary condition)."""
    return "ModelForm" in text or _BUILDS.search(text) is not None


def unsaved_related_manager_lines(text: str) -> list[int]:
    if not may_build_instances(text):
        return []
    tree = parse_quietly(text)  # (the file's one tree in a detection pass: base.one_parse; None: it does not parse)
    return _unsaved_lines(tree) if tree is not None else []


CUSTOM = {"unsaved_related_manager": unsaved_related_manager_lines}


# -- finding ---------------------------------------------------------------------------------------

@dataclass
class Scan:
    """What the behaviour changes ``items`` add to a detection pass (``codemods.detect.find_in_files``):
    their declared ``detect`` items, and their custom detectors, run on the same files in the same
    pass (``custom``, ``custom_key``). ``gather`` sorts the pass's findings back to the items."""

    items: list
    declared: list[dict]
    custom: dict  # "custom:NAME" -> CUSTOM[NAME]
    custom_key: str

    @classmethod
    def of(cls, items) -> Scan | None:
        import hashlib

        items = list(items)
        declared = [{"id": i.id, "detect": list(i.detect)} for i in items if i.detect]
        names = sorted({name for i in items for name in getattr(i, "detect_custom", ()) if name in CUSTOM})
        if not declared and not names:
            return None
        digest = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=12).hexdigest()
        return cls(items, declared, {CUSTOM_ID + n: CUSTOM[n] for n in names},
                   f"behaviour|{digest}|{','.join(names)}")

    @property
    def ids(self) -> set:
        return {d["id"] for d in self.declared} | set(self.custom)

    def gather(self, findings, pf) -> dict:
        """``{item id: [Finding]}`` of the pass's ``findings`` (others' are ignored): the declared
        items' in the pass's order, then each custom detector's, file by file in the project's order
        (``pf.source_files()``) and line by line."""
        from codemods.detect import Finding

        out: dict = {}
        declared = {d["id"] for d in self.declared}
        custom: dict = {}
        for f in findings:
            if f.change_id in declared:
                out.setdefault(f.change_id, []).append(f)
            elif f.change_id in self.custom:
                custom.setdefault(f.change_id[len(CUSTOM_ID):], []).append(f)
        if custom:
            order = {pf.relative(p): n for n, p in enumerate(pf.source_files())}
            for rows in custom.values():
                rows.sort(key=lambda f: (order.get(f.path, len(order)), f.line))
            for item in self.items:
                for name in getattr(item, "detect_custom", ()):
                    for f in custom.get(name, ()):
                        out.setdefault(item.id, []).append(Finding(item.id, f.path, f.line, f.text))
        return out


CUSTOM_ID = "custom:"  # (the change id of a custom detector's findings in a detection pass)


def find(project_root, items, project_files=None, use_cache: bool = True, jobs: int | None = None) -> dict:
    """``{change id: [codemods.detect.Finding]}`` for the behaviour changes ``items`` in the project,
    in one pass over its files (``Scan``). ``project_files``: the project's ``core.files.ProjectFiles``
    when the caller has it (one walk). ``use_cache``: keep the findings per file in the user cache, as
    the removals' scan does (a warm ``plan`` parses nothing). ``jobs``: processes for the files the
    cache does not answer (default: the CPUs)."""
    from codemods.detect import find_in_files
    from core.files import ProjectFiles

    root = Path(project_root).resolve()
    pf = project_files or ProjectFiles(root)
    scan = Scan.of(items)
    if scan is None:
        return {}
    found = find_in_files(pf.files(), scan.declared, root, settings_files=pf.settings_files(),
                          migration_files=pf.migrations(), use_cache=use_cache, jobs=jobs,
                          custom=scan.custom, custom_key=scan.custom_key)
    return scan.gather(found, pf)


def fix_text(item) -> str:
    fix = item.fix or {}
    if fix.get("codemod"):
        return f"codemod {fix['codemod']}"
    return "by hand"


def plan_items(plan, data) -> dict:
    """``{id: behaviour change}`` of the ``incompatible`` entries of the plan's steps."""
    wanted = {inc["id"] for s in plan.steps for inc in s.incompatible}
    return {i.id: i for r in data.releases for i in r.incompatible if i.id in wanted} if wanted else {}


def annotate_plan(plan, project_root, data, project_files=None, jobs: int | None = None,
                  found: dict | None = None) -> None:
    """Add to each step's ``incompatible`` entries (dicts): ``title``, ``frequency``, ``change``,
    ``detected`` (a static detector exists), ``occurrences`` (``[{file, line, text}]``) and ``fix``
    (``{"codemod"?, "recipe"?, "link"}``); steps keep Django's order, most frequent first. When the
    same break is a removal of the step that lists these lines (``change``), ``occurrences`` is empty
    and ``listed_as_removal`` names it. ``found``: what ``find`` would return, when the caller's own
    pass over the files found it (``plan``: the removals' scan)."""
    items = plan_items(plan, data)
    if not items:
        return
    if found is None:
        found = find(project_root, items.values(), project_files, jobs=jobs) if Path(project_root).is_dir() else {}
    for step in plan.steps:
        for inc in step.incompatible:
            item = items.get(inc["id"])
            if item is None:
                continue
            inc.setdefault("title", item.title)
            inc.setdefault("frequency", item.frequency)
            inc.setdefault("change", item.change)
            inc["detected"] = bool(item.detect or getattr(item, "detect_custom", ()))
            inc["occurrences"] = [{"file": f.path, "line": f.line, "text": f.text} for f in found.get(item.id, [])]
            inc["fix"] = dict(item.fix)
            removal = next((rc for rc in step.removed if rc.id == item.change and rc.occurrences), None)
            if removal is not None:  # the step's removal lists these lines already
                inc["occurrences"], inc["listed_as_removal"] = [], removal.id
