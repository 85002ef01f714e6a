"""Codemod: remove ``default_app_config`` where Django 3.2+ discovers the same AppConfig."""

from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst

from core import versions
from codemods.base import Codemod, FileContext, walk
from codemods.settings_helpers import find_setting, literal_value, remove_statement, uses_name
from core.pysource import PARSE_ERRORS


def _app_config_candidates(tree: ast.Module) -> tuple[list[str], dict[str, object], list[str]]:
    """(AppConfig subclasses defined at top level, their ``default`` literal, other imported names
    that could be AppConfig subclasses - Django's discovery also sees imported classes)."""
    defined: list[str] = []
    defaults: dict[str, object] = {}
    imported: list[str] = []
    local_configs = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                local = alias.asname or alias.name
                if alias.name == "AppConfig" and node.module in ("django.apps", "django.apps.config"):
                    continue
                if alias.name == "*" or local[:1].isupper():
                    imported.append(local)
        elif isinstance(node, ast.ClassDef):
            base_names = set()
            for b in node.bases:
                if isinstance(b, ast.Name):
                    base_names.add(b.id)
                elif isinstance(b, ast.Attribute):
                    base_names.add(b.attr)
            if "AppConfig" in base_names or base_names & local_configs or base_names & set(imported):
                defined.append(node.name)
                local_configs.add(node.name)
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "default" for t in stmt.targets):
                        defaults[node.name] = stmt.value.value if isinstance(stmt.value, ast.Constant) else ...
    return defined, defaults, imported


class DefaultAppConfig(Codemod):
    """Remove ``default_app_config`` from an app's ``__init__.py`` when Django finds the same config itself.

    What it does: in a package ``__init__.py`` that sets ``default_app_config = "<app>.apps.XConfig"``
    at top level, deletes the line when the sibling ``apps.py`` defines ``XConfig`` as its only
    ``AppConfig`` subclass (and imports no other config class): Django 3.2+ then picks exactly that
    class automatically, so the deletion is equivalent. Left alone and reported: ``apps.py``
    defines several ``AppConfig`` subclasses (mark the named one ``default = True`` in ``apps.py``,
    then delete the line - a codemod edits one file at a time, and making the two edits from two
    files could race), the named class is elsewhere (not ``<app>.apps``) or sets ``default = False``,
    ``apps.py`` is missing or imports other config classes, the value is not a string literal, or
    the line is inside ``if``/``try``.

    Why: deprecated in Django 3.2 (``RemovedInDjango41Warning``: "'<app>' defines
    default_app_config = '<app>.apps.XConfig'. Django now detects this configuration
    automatically. You can remove default_app_config."), ignored from Django 4.1 (a config named
    only there is then no longer used).

    Example::

        # shop/__init__.py before
        default_app_config = "shop.apps.ShopConfig"

        # shop/__init__.py after: the line is gone; shop/apps.py defines only ShopConfig

    For targets 4.1 and later the line is inert (Django ignores it), so it is deleted whatever
    ``apps.py`` holds (or without one).

    Django versions: automatic discovery exists since 3.2. Reads the sibling ``apps.py`` from disk.
    """

    local_statements = True  # (reads only the statements it rewrites, and the imports)

    name = "default_app_config"
    confirm_decides = True  # (only a package's __init__.py)
    changes = ("default-app-config",)
    available_from = "3.2"
    removed_in = "4.1"
    triggers = ("default_app_config",)
    kinds = frozenset({"python"})
    migrations = False

    def confirm(self, tree, text, ctx) -> bool:
        if not ctx.path.replace("\\", "/").endswith("__init__.py"):
            return False
        if tree is None:
            return True
        return any(isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "default_app_config"
                                                     for t in n.targets) for n in walk(tree))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        info = find_setting(module, "default_app_config")
        if info.unsafe:
            for node, reason in info.unsafe:
                ctx.report(node, f"{reason}: remove default_app_config by hand (ignored from Django 4.1)")
            return module
        if len(info.top) != 1:
            return module
        assign = info.top[0]
        value = literal_value(assign.value)
        if not isinstance(value, str):
            ctx.report(assign.stmt, "default_app_config is not a string literal: remove it by hand")
            return module
        rest = module.with_changes(body=[s for i, s in enumerate(module.body) if i != assign.index])
        if uses_name(rest, "default_app_config"):
            ctx.report(assign.stmt, "default_app_config is read elsewhere in this module: remove it by hand")
            return module
        if ctx.target and versions.feature_key(versions.feature(ctx.target)) >= versions.feature_key("4.1"):
            return remove_statement(module, assign.index)  # Django 4.1+ ignores it: deleting is exact
        package_dir = Path(ctx.path).parent
        parts = value.split(".")
        if len(parts) < 3 or parts[-2] != "apps" or parts[-3] != package_dir.name:
            ctx.report(assign.stmt, f"default_app_config names {value!r}, not a class in this app's apps.py: "
                                    f"Django 4.1+ ignores it; move it to {package_dir.name}/apps.py (with default = True "
                                    "if apps.py has several configs) by hand")
            return module
        cls = parts[-1]
        apps_py = package_dir / "apps.py"
        try:
            tree = ast.parse(apps_py.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, *PARSE_ERRORS):
            ctx.report(assign.stmt, f"could not read {apps_py}: remove default_app_config by hand once {cls} "
                                    "is the config Django discovers")
            return module
        defined, defaults, imported = _app_config_candidates(tree)
        if cls not in defined:
            ctx.report(assign.stmt, f"{cls} is not defined in {apps_py}: remove default_app_config by hand")
            return module
        if defaults.get(cls, True) is not True:
            ctx.report(assign.stmt, f"{cls} sets default = False: Django won't discover it; fix by hand")
            return module
        others = [c for c in defined if c != cls and defaults.get(c, True) is not False]
        if others or imported:
            names = ", ".join(others + imported)
            ctx.report(assign.stmt, f"{apps_py} also has {names}: set default = True on {cls}, then delete "
                                    "default_app_config")
            return module
        return remove_statement(module, assign.index)
