"""Which settings module the project uses, and which files are its settings (one ``is_settings`` rule).

    find_settings_module(root, explicit=None, configured=None, environ=None) -> SettingsModule | None
        ``SettingsModule(module, source)``; the first that says: ``explicit`` (``--settings``), then
        ``configured`` (``[tool.django-upgrade] settings``), then manage.py's
        ``os.environ.setdefault("DJANGO_SETTINGS_MODULE", "...")`` (read with ast, never run), then
        pytest-django's ``DJANGO_SETTINGS_MODULE`` in pytest.ini / pyproject.toml
        ``[tool.pytest.ini_options]`` / tox.ini ``[pytest]`` / setup.cfg ``[tool:pytest]``, then a
        top-level ``runtests.py`` / ``conftest.py`` setting it like manage.py does, then ``environ``.
    import_roots(root) -> list[Path]     where the project's modules are imported from
    resolve_module(root, dotted) -> Path | None
    settings_files(root, modules, python_files=()) -> list[Path]
    looks_like_settings(path, text) -> bool   the fallback when the project is not known

A settings file is a module the project uses as its settings (resolved under the import roots),
every module it imports or star-imports that resolves to a file under the root (transitively:
``from .base import *``, ``from mysite.settings.local import *`` in a ``try``), and every module in
the same directory that star-imports one of those (the other environments: ``prod.py`` next to
``dev.py`` and ``base.py``). Never merely a file named ``settings.py`` (a library's
``mypkg/settings.py`` helper is not the project's settings) and never a package ``__init__.py`` (its
imports are followed, the file itself is not rewritten as settings).

When the project names no settings module anywhere, the settings are the modules that assign
``INSTALLED_APPS`` at module level (and what they import): a helper module never does.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from pathlib import Path

from core import walk as _files
from core.metafiles import read_ini
from core.pysource import PARSE_ERRORS


_SETTINGS_SIGNS = re.compile(r"^(INSTALLED_APPS|MIDDLEWARE|DATABASES|SECRET_KEY|ROOT_URLCONF|TEMPLATES)\s*[:=]", re.M)


def looks_like_settings(path, text: str) -> bool:
    """Only where the project is not known (one file's text given alone, the codemods' unit tests): a
    module named or placed like settings, or assigning typical settings at its top level; never a
    package ``__init__.py``. Where the project is known, ``settings_files`` decides."""
    norm = str(path).replace("\\", "/")
    name = norm.rsplit("/", 1)[-1]
    if name == "__init__.py":
        return False
    if "settings" in name or "/settings/" in f"/{norm}":
        return True
    return bool(_SETTINGS_SIGNS.search(text))


@dataclass(frozen=True)
class SettingsModule:
    module: str
    source: str  # "--settings", "[tool.django-upgrade] settings", "manage.py", "pytest.ini", ...


# ------------------------------------------------------------------------------------ the module name
def settings_from_script(path: Path) -> str | None:
    """The literal of ``os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x")`` (or
    ``os.environ["DJANGO_SETTINGS_MODULE"] = "x"``) in a script such as manage.py, read with ast."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
        if "DJANGO_SETTINGS_MODULE" not in text:
            return None
        tree = ast.parse(text, filename=str(path))
    except (OSError, *PARSE_ERRORS):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "setdefault":
            args = node.args
            if (
                len(args) >= 2
                and isinstance(args[0], ast.Constant) and args[0].value == "DJANGO_SETTINGS_MODULE"
                and isinstance(args[1], ast.Constant) and isinstance(args[1].value, str)
            ):
                return args[1].value
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.slice, ast.Constant)
                    and target.slice.value == "DJANGO_SETTINGS_MODULE"
                ):
                    return node.value.value
    return None


def _ini_value(path: Path, sections: tuple[str, ...]) -> str | None:
    parser = read_ini(path)
    if parser is None:
        return None
    for section in sections:
        if parser.has_section(section):
            value = parser[section].get("django_settings_module")  # configparser lower-cases keys
            if value and value.strip():
                return value.strip()
    return None


def settings_from_pytest_config(root: Path) -> SettingsModule | None:
    """pytest-django's DJANGO_SETTINGS_MODULE in the files pytest reads, in pytest's own order."""
    ini = root / "pytest.ini"
    if ini.is_file():
        value = _ini_value(ini, ("pytest",))
        if value:
            return SettingsModule(value, "pytest.ini")
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            import tomlkit

            doc = tomlkit.parse(pyproject.read_text(encoding="utf-8"))
            opts = doc.get("tool", {}).get("pytest", {}).get("ini_options", {})
            for key, value in opts.items():
                if str(key).upper() == "DJANGO_SETTINGS_MODULE" and str(value).strip():
                    return SettingsModule(str(value).strip(), "pyproject.toml [tool.pytest.ini_options]")
        except Exception:  # an unparsable pyproject is reported by the config loader, not here
            pass
    tox = root / "tox.ini"
    if tox.is_file():
        value = _ini_value(tox, ("pytest",))
        if value:
            return SettingsModule(value, "tox.ini [pytest]")
    cfg = root / "setup.cfg"
    if cfg.is_file():
        value = _ini_value(cfg, ("tool:pytest",))
        if value:
            return SettingsModule(value, "setup.cfg [tool:pytest]")
    return None


def find_settings_module(root, explicit: str | None = None, configured: str | None = None,
                         environ: dict | None = None) -> SettingsModule | None:
    root = Path(root)
    if explicit:
        return SettingsModule(explicit, "--settings")
    if configured:
        return SettingsModule(str(configured), "[tool.django-upgrade] settings")
    for manage in _files.manage_py_files(root):
        value = settings_from_script(manage)
        if value:
            return SettingsModule(value, manage.relative_to(root).as_posix())
    found = settings_from_pytest_config(root)
    if found:
        return found
    for name in ("runtests.py", "conftest.py"):
        if (root / name).is_file():
            value = settings_from_script(root / name)
            if value:
                return SettingsModule(value, name)
    environ = os.environ if environ is None else environ
    if environ.get("DJANGO_SETTINGS_MODULE"):
        return SettingsModule(environ["DJANGO_SETTINGS_MODULE"], "$DJANGO_SETTINGS_MODULE")
    return None


# ----------------------------------------------------------------------------------------- the files
def import_roots(root) -> list[Path]:
    """Directories the project's code is imported from: manage.py's directory, the root, ``src/``."""
    root = Path(root)
    out = [m.parent for m in _files.manage_py_files(root)]
    for candidate in (root, root / "src"):
        if candidate.is_dir() and candidate not in out:
            out.append(candidate)
    return out


def _module_file(base: Path, dotted: str) -> Path | None:
    rel = Path(*dotted.split("."))
    as_file = base / rel.with_suffix(".py")
    if as_file.is_file():
        return as_file
    as_pkg = base / rel / "__init__.py"
    if as_pkg.is_file():
        return as_pkg
    return None


def resolve_module(root, dotted: str, roots: list[Path] | None = None) -> Path | None:
    """The file of module ``dotted`` under the project's import roots, or None (a library's module)."""
    if not dotted or not all(part.isidentifier() for part in dotted.split(".")):
        return None
    for base in roots if roots is not None else import_roots(root):
        found = _module_file(base, dotted)
        if found is not None:
            return found
    return None


def module_of(root, path) -> str | None:
    """The dotted name the project's file ``path`` is imported as (from its import roots), or None."""
    return _module_name(Path(path), import_roots(root))


def _module_name(path: Path, roots: list[Path]) -> str | None:
    for base in roots:
        try:
            rel = path.relative_to(base)
        except ValueError:
            continue
        parts = list(rel.with_suffix("").parts)
        if parts and parts[-1] == "__init__":
            parts.pop()
        if parts:
            return ".".join(parts)
    return None


_STAR = re.compile(r"\bimport[\s\\(]*\*")


def _may_star_import(path: Path) -> bool:
    """Whether the file's text may hold a star import (a test module next to a settings file is not
    parsed for nothing)."""
    try:
        return bool(_STAR.search(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False


def _parse(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_text(encoding="utf-8", errors="replace"), filename=str(path))
    except (OSError, *PARSE_ERRORS):
        return None


def _imports(tree: ast.Module, module: str, is_package: bool) -> list[tuple[str, bool]]:
    """``(dotted module, star)`` for every import in ``tree`` (in try blocks too, not in functions)."""
    out: list[tuple[str, bool]] = []
    package = module if is_package else module.rpartition(".")[0]

    def visit(body) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                out.extend((alias.name, False) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".") if package else []
                    if node.level - 1 > len(parts):
                        continue
                    parts = parts[: len(parts) - (node.level - 1)]
                    base = ".".join([*parts, base] if base else parts)
                star = any(alias.name == "*" for alias in node.names)
                if base:
                    out.append((base, star))
                if not star:  # ``from . import base``: the names may be modules
                    out.extend((f"{base}.{alias.name}" if base else alias.name, False) for alias in node.names)
            elif isinstance(node, (ast.Try, ast.If, ast.With)) or type(node).__name__ == "TryStar":
                for part in ("body", "orelse", "finalbody"):
                    visit(getattr(node, part, []) or [])
                for handler in getattr(node, "handlers", []) or []:
                    visit(handler.body)

    visit(tree.body)
    return out


# a necessary condition of a ``INSTALLED_APPS = ...`` / ``INSTALLED_APPS: ...`` statement: the bare name
# (not an attribute), then ``=`` (not ``==``) or ``:``, across spaces, a backslash-newline or a ``)``
# (written name first, its look-behind after it: the search then skips to each occurrence of the name)
_ASSIGNED = re.compile(r"INSTALLED_APPS(?<![.\w]INSTALLED_APPS)[\s\\)]*(?::|=(?!=))")


def _maybe_top_level_assignment(text: str) -> bool:
    """A necessary condition of a module-level ``INSTALLED_APPS`` assignment: ``_ASSIGNED`` on a line
    that starts at column 0, or that continues one (after a backslash); keyword arguments and class
    attributes of that name are indented."""
    for m in _ASSIGNED.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if text[start:start + 1] not in (" ", "\t", "\f") or text[start - 2:start] == "\\\n":
            return True
    return False


def _assigns_installed_apps(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    if b"INSTALLED_APPS" not in data:  # (most files: not even decoded)
        return False
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")  # (as read_text)
    if not _maybe_top_level_assignment(text):  # (most mentions: no parse)
        return False
    tree = _parse(path)
    if tree is None:
        return False
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "INSTALLED_APPS" for t in targets):
            return True
    return False


def settings_files(root, modules, python_files=()) -> list[Path]:
    """The project's settings files (see the module docstring); sorted, never an ``__init__.py``."""
    root = Path(root).resolve()
    roots = [r.resolve() for r in import_roots(root)]
    start: list[Path] = []
    for dotted in modules or ():
        found = resolve_module(root, str(dotted), roots)
        if found is not None:
            start.append(found.resolve())
    if not modules:
        for p in python_files:
            p = p if isinstance(p, Path) else Path(p)
            if p.name != "__init__.py" and not _files.is_migration(p) and _assigns_installed_apps(p):
                start.append(p.resolve())
    seen: dict[Path, None] = {}
    todo = list(start)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen[path] = None
        tree = _parse(path)
        name = _module_name(path, roots)
        if tree is None or name is None:
            continue
        for dotted, _star in _imports(tree, name, path.name == "__init__.py"):
            found = resolve_module(root, dotted, roots)
            if found is not None and found.resolve() not in seen:
                todo.append(found.resolve())
    # the other environments: modules next to a settings file that star-import one of them
    known = set(seen)
    for directory in {p.parent for p in known}:
        for sibling in _files.modules_in(directory):
            sibling = sibling.resolve()
            if sibling in known or sibling.name == "__init__.py" or not _may_star_import(sibling):
                continue
            tree = _parse(sibling)
            name = _module_name(sibling, roots)
            if tree is None or name is None:
                continue
            for dotted, star in _imports(tree, name, False):
                target = resolve_module(root, dotted, roots) if star else None
                if target is not None and target.resolve() in known:
                    seen[sibling] = None
                    break
    return sorted(p for p in seen if p.name != "__init__.py" and _inside(p, root))


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False
