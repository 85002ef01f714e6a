"""The base modules a settings file star-imports (``from .base import *``), read from disk.

    star_bases(module)         # ["..base"] modules this file star-imports
    base_status(path, module, {"STORAGES", "DEFAULT_FILE_STORAGE"})
                               # "absent" / "defines" / "unknown" for the star-imported base files
    base_values(path, module, "EMAIL_BACKEND")   # the right-hand sides the bases assign

The base module is found next to ``path`` (relative and absolute dotted imports are resolved
upwards from the file's directory). It only matters for files that star-import a base; a base that
can't be found or read gives "unknown" (None), so the caller can stay conservative.
"""

from __future__ import annotations

import re
from pathlib import Path

import libcst as cst

from codemods.dotted_names import module_name


def star_bases(module: cst.Module) -> list[str]:
    """Modules this file star-imports at top level (``.base``, ``proj.settings.base``)."""
    out = []
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.ImportFrom) and isinstance(small.names, cst.ImportStar):
                    out.append(module_name(small))
    return out


def has_nested_star_import(module: cst.Module) -> bool:
    """A star import inside try/if (a ``try: from .local import *`` override)."""
    found = []

    class V(cst.CSTVisitor):
        depth = 0

        def visit_IndentedBlock(self, node):
            self.depth += 1

        def leave_IndentedBlock(self, node):
            self.depth -= 1

        def visit_ImportFrom(self, node):
            if isinstance(node.names, cst.ImportStar) and self.depth:
                found.append(module_name(node))

    module.visit(V())
    return bool(found)


def resolve_module_file(from_path: str, modname: str) -> Path | None:
    """The file of ``modname`` star-imported from the file ``from_path`` (None when not found)."""
    here = Path(from_path).resolve().parent if from_path else None
    if here is None:
        return None
    level = len(modname) - len(modname.lstrip("."))
    rest = modname[level:]
    parts = [p for p in rest.split(".") if p]
    candidates = []
    if level:
        base = here
        for _ in range(level - 1):
            base = base.parent
        candidates.append(base)
    else:
        candidates.extend([here, *here.parents])
    for root in candidates:
        target = root.joinpath(*parts) if parts else root
        for path in (target.with_suffix(".py") if parts else None, target / "__init__.py"):
            if path is not None and path.is_file():
                return path
    return None


def _defines(text: str, names: set[str]) -> bool:
    pattern = re.compile(r"^(%s)\s*(:[^=]*)?[+]?=" % "|".join(map(re.escape, sorted(names))), re.M)
    return bool(pattern.search(text))


def base_values(path: str, module: cst.Module, name: str, _depth: int = 0) -> list[str] | None:
    """The right-hand sides (source text, first line) of top-level ``name = ...`` lines in the
    modules ``module`` star-imports (recursively), or None when a base can't be found or read."""
    out: list[str] = []
    pattern = re.compile(r"^%s\s*(?::[^=]*)?[+]?=\s*(.*)$" % re.escape(name), re.M)
    for mod in star_bases(module):
        file = resolve_module_file(path, mod)
        if file is None:
            return None
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        out.extend(m.group(1).strip() for m in pattern.finditer(text))
        if _depth < 4 and "import *" in text:
            try:
                sub = cst.parse_module(text)
            except cst.ParserSyntaxError:
                return None
            inner = base_values(str(file), sub, name, _depth + 1)
            if inner is None:
                return None
            out = inner + out
    return out


def base_status(path: str, module: cst.Module, names: set[str], _depth: int = 0) -> str:
    """Whether the modules ``module`` (at ``path``) star-imports define any of ``names`` at top
    level: "defines", "absent", or "unknown" (a base file could not be found or read)."""
    status = "absent"
    for mod in star_bases(module):
        file = resolve_module_file(path, mod)
        if file is None:
            return "unknown"
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return "unknown"
        if _defines(text, names):
            return "defines"
        if _depth < 4 and "import *" in text:
            try:
                sub = cst.parse_module(text)
            except cst.ParserSyntaxError:
                return "unknown"
            inner = base_status(str(file), sub, names, _depth + 1)
            if inner != "absent":
                return inner
    return status
