"""Behaviour changes (release_data/behaviour.json) the project's code can hit, found statically.

    items = behaviour.between(data, "3.2", "4.1")            # the behaviour changes of 4.0 and 4.1
    found = behaviour.find(project_root, items)             # {change id: [Finding]}
    behaviour.annotate_plan(plan, project_root, data)       # each step's ``incompatible`` entries get
                                                            # ``occurrences`` / ``detected`` / ``fix``

Detection uses the same engine as the removals (``codemods.detect.find_in_files``, the change's
``detect`` items), plus the custom detectors named in ``detect_custom``:

* ``unsaved_related_manager`` - a related manager used on a model instance that is not saved yet
  (Django 4.1 raises ``ValueError`` there): in one function, ``x = Model(...)`` (a call of a
  capitalised name, not ``.objects.create()``) then ``x.<attr>.<manager method>(...)`` or
  ``x.<name>_set`` before any ``x.save()``; and ``self.instance.<attr>.<manager method>(...)`` inside
  a ``ModelForm`` (its instance is unsaved on a create form).

Nothing here imports the project's Django.
"""

from __future__ import annotations

import ast
from pathlib import Path

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


class _Unsaved(ast.NodeVisitor):
    """Lines where a related manager of an unsaved instance is used (see the module docstring)."""

    def __init__(self):
        self.lines: list[int] = []
        self.in_model_form = 0

    def visit_ClassDef(self, node: ast.ClassDef):
        form = any((_chain(b) or [""])[-1].endswith("ModelForm") for b in node.bases)
        self.in_model_form += form
        self.generic_visit(node)
        self.in_model_form -= form

    def visit_FunctionDef(self, node):
        self._function(node)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _function(self, func):
        unsaved: dict[str, int] = {}
        events = []  # (line, col, kind, name, node)
        for node in ast.walk(func):
            if node is not func and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                kind = "new" if _constructs_model(node.value) else "other"
                events.append((node.lineno, node.col_offset, kind, node.targets[0].id, node))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                chain = _chain(node.func)
                if not chain:
                    continue
                if len(chain) == 2 and chain[1] in ("save", "asave", "refresh_from_db"):
                    events.append((node.lineno, node.col_offset, "save", chain[0], node))
                elif len(chain) == 3 and chain[2] in MANAGER_METHODS:
                    events.append((node.lineno, node.col_offset, "use", chain[0], node))
                elif len(chain) == 4 and chain[:2] == ["self", "instance"] and chain[3] in MANAGER_METHODS \
                        and self.in_model_form:
                    self.lines.append(node.lineno)
            elif isinstance(node, ast.Attribute) and node.attr.endswith("_set") and isinstance(node.value, ast.Name):
                events.append((node.lineno, node.col_offset, "use", node.value.id, node))
        for line, _col, kind, name, _node in sorted(events, key=lambda e: (e[0], e[1])):
            if kind == "new":
                unsaved[name] = line
            elif kind in ("save", "other"):
                unsaved.pop(name, None)
            elif kind == "use" and name in unsaved:
                self.lines.append(line)


def unsaved_related_manager_lines(text: str) -> list[int]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    v = _Unsaved()
    v.visit(tree)
    return sorted(set(v.lines))


CUSTOM = {"unsaved_related_manager": unsaved_related_manager_lines}


# -- finding ---------------------------------------------------------------------------------------

def find(project_root, items, project_files=None) -> dict:
    """``{change id: [codemods.detect.Finding]}`` for the behaviour changes ``items`` in the project."""
    from codemods.detect import Finding, find_in_files
    from core.files import ProjectFiles

    root = Path(project_root).resolve()
    pf = project_files or ProjectFiles(root)
    items = list(items)
    out: dict = {}
    declared = [{"id": i.id, "detect": list(i.detect)} for i in items if i.detect]
    if declared:
        for f in find_in_files(pf.files(), declared, root, settings_files=pf.settings_files(),
                               migration_files=pf.migrations()):
            out.setdefault(f.change_id, []).append(f)
    custom = [(i, name) for i in items for name in getattr(i, "detect_custom", ()) if name in CUSTOM]
    if custom:
        for path in pf.source_files():
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            lines = text.splitlines()
            rel = pf.relative(path)
            for item, name in custom:
                for line in CUSTOM[name](text):
                    out.setdefault(item.id, []).append(Finding(item.id, rel, line, lines[line - 1].strip()[:200]))
    return out


def fix_text(item) -> str:
    fix = item.fix or {}
    if fix.get("codemod"):
        return f"codemod {fix['codemod']}"
    return "by hand"


def annotate_plan(plan, project_root, data) -> None:
    """Add to each step's ``incompatible`` entries (dicts): ``title``, ``frequency``, ``change``,
    ``detected`` (a static detector exists), ``occurrences`` (``[{file, line, text}]``) and ``fix``
    (``{"codemod"?, "recipe"?, "link"}``); steps keep Django's order, most frequent first. When the
    same break is a removal of the step that lists these lines (``change``), ``occurrences`` is empty
    and ``listed_as_removal`` names it."""
    wanted = {inc["id"] for s in plan.steps for inc in s.incompatible}
    if not wanted:
        return
    items = {i.id: i for r in data.releases for i in r.incompatible if i.id in wanted}
    found = find(project_root, items.values()) if Path(project_root).is_dir() else {}
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
