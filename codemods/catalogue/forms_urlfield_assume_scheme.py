"""Codemod: forms.URLField(...) -> forms.URLField(assume_scheme="http", ...) to keep the 5.x behaviour."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import libcst as cst

from codemods.base import Codemod, FileContext, walk
from codemods.calls import has_star, keyword, kwarg, may_call, with_args
from codemods.imports import ImportIndex
from codemods.keywords import resolve_call, star_source
from core import versions
from core.files import discover, is_migration

_QUALS = ("django.forms.URLField", "django.forms.fields.URLField")
_SETTING = re.compile(r"^\s*FORMS_URLFIELD_ASSUME_HTTPS\s*(?::[^=\n]*)?=(?!=)\s*(.*)$", re.M)
_MAX_FILES = 20000


def _project_root(path: str) -> Path | None:
    """The nearest directory above ``path`` holding ``manage.py`` (a Django project), if any."""
    try:
        here = Path(path).resolve().parent
    except OSError:
        return None
    for d in (here, *here.parents):
        if (d / "manage.py").is_file():
            return d
    return None


@functools.lru_cache(maxsize=32)
def _project_opts_into_https(root: str) -> bool:
    """Whether a .py file under ``root`` (the file layer's files, migrations aside) sets
    FORMS_URLFIELD_ASSUME_HTTPS to anything but False."""
    files = [p for p in discover([root], use_git=False).files if p.name.endswith(".py") and not is_migration(p)]
    if len(files) > _MAX_FILES:
        return True  # too big to be sure: stay conservative
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "FORMS_URLFIELD_ASSUME_HTTPS" in text:
            for m in _SETTING.finditer(text):
                if m.group(1).split("#")[0].strip() != "False":
                    return True
    return False


class FormsUrlfieldAssumeScheme(Codemod):
    """Pass ``assume_scheme="http"`` to ``forms.URLField(...)`` so it keeps Django 5.x's behaviour.

    What it does: adds ``assume_scheme="http"`` to calls of ``django.forms.URLField`` (imported
    as ``forms.URLField``, ``URLField`` from ``django.forms`` / ``django.forms.fields``, or with an
    alias) that do not pass ``assume_scheme``. ``django.db.models.URLField`` is not touched. Left
    alone and reported: calls with ``**kwargs`` (may carry ``assume_scheme``), star or unsure
    imports.

    Decision - "http", not "https": a codemod must keep behaviour. With default settings Django 5.x
    forms assume ``http://`` for scheme-less input, and 6.0 switches the default to ``https://``;
    ``assume_scheme="http"`` keeps exactly what the form does today, on 5.x and after upgrading.
    Most sites probably want ``"https"`` - change the value by hand where that is fine (it changes
    what gets stored). The codemod skips (and reports) files of a project whose settings set
    ``FORMS_URLFIELD_ASSUME_HTTPS`` to anything but ``False`` (found by looking for the setting in
    the ``.py`` files under the directory holding ``manage.py``): there forms already assume
    ``https`` and the ``forms_urlfield_assume_https`` codemod removes the setting on 6.0. It runs
    only for targets before 6.0, while ``URLField()`` still means ``http``: on 6.0 it already means
    ``https`` and adding ``"http"`` would change it.

    Not covered: model forms and the admin create ``forms.URLField`` implicitly from
    ``models.URLField`` (5.x warns for those too); keep ``http`` there by overriding the form
    field (``formfield_overrides`` / ``Meta.field_classes`` or ``formfield(assume_scheme=...)``
    on a custom model field) by hand.

    Why: Django 5.0 deprecated the ``http`` default (``RemovedInDjango60Warning``: "The default
    scheme will be changed from 'http' to 'https' in Django 6.0. Pass the forms.URLField.
    assume_scheme argument to silence this warning ..."); 6.0 assumes ``https``.

    Example::

        # before
        website = forms.URLField(required=False)

        # after
        website = forms.URLField(assume_scheme="http", required=False)

    Django versions: ``assume_scheme`` exists from 5.0 (``available_from = "5.0"``); applied for
    targets 5.0-5.2 only (see above).
    """

    name = "forms_urlfield_assume_scheme"
    confirm_decides = True  # (not for targets 6.0 and later)
    changes = ("forms-urlfield-assume-scheme",)
    available_from = "5.0"
    removed_in = "6.0"
    triggers = ("URLField",)
    kinds = frozenset({"python"})
    migrations = False  # migrations hold model fields, never form fields

    def prefilter(self, text: str) -> bool:
        # a URLField( call, and "forms" somewhere: only django.forms' URLField is rewritten or reported
        return "URLField" in text and "forms" in text and may_call(text, "URLField")

    def confirm(self, tree, text, ctx) -> bool:
        if ctx.target and versions.feature_key(versions.feature(ctx.target)) >= versions.feature_key("6.0"):
            return False
        if tree is None:
            return True
        names = {"URLField"} | {a.asname for n in walk(tree) if isinstance(n, ast.ImportFrom)
                                and n.module in ("django.forms", "django.forms.fields")
                                for a in n.names if a.asname and a.name == "URLField"}
        for node in walk(tree):
            if isinstance(node, ast.Call) and not any(k.arg == "assume_scheme" for k in node.keywords):
                f = node.func
                fname = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                if fname in names:
                    return True
        return False

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        tr = _Transformer(ImportIndex.build(module), ctx)
        new = module.visit(tr)
        if not tr.changed:
            return module
        root = _project_root(ctx.path) if ctx.path else None
        if root is not None and _project_opts_into_https(str(root)):
            ctx.report("URLField", "the project sets FORMS_URLFIELD_ASSUME_HTTPS: its forms.URLField fields assume https "
                          "already, so assume_scheme=\"http\" was not added (Django 6.0 keeps https)")
            return module
        return new


class _Transformer(cst.CSTTransformer):
    def __init__(self, index: ImportIndex, ctx: FileContext):
        self.index, self.ctx = index, ctx
        self.changed = False

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        qual, reason = resolve_call(self.index, original.func)
        if qual not in _QUALS:
            func = original.func
            tail = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else None
            if tail == "URLField" and keyword(original, "assume_scheme") is None:
                if reason:
                    self.ctx.report(original, f"left URLField() alone: {reason}")
                elif qual is None and star_source(self.index, func, _QUALS):
                    self.ctx.report(original, "'URLField' may come from 'from django.forms import *': pass "
                                              "assume_scheme=\"http\" by hand if it is a form field")
            return updated
        if keyword(updated, "assume_scheme") is not None:
            return updated
        if has_star(updated, ("**",)):
            self.ctx.report(original, "URLField(**kwargs) may pass assume_scheme: check it by hand")
            return updated
        self.changed = True
        new_arg = kwarg("assume_scheme", cst.SimpleString('"http"'))
        return with_args(updated, [new_arg, *updated.args]) if updated.args and all(
            a.keyword is not None or a.star for a in updated.args) else with_args(updated, [*updated.args, new_arg])
