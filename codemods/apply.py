"""One file through the staged pipeline.

1. text prefilter: ``codemod.prefilter(text)`` (substring test, thousands of files per second), asked
   only of the codemods one of whose triggers the text holds (``codemods.gate``);
2. exact confirmation on the ``ast`` tree: ``codemod.confirm(tree, text, ctx)``;
3. libcst once: the file is parsed ONCE, every confirmed codemod transforms the same tree in turn,
   the code is generated once, and the result is re-parsed (``ast`` and libcst) before it is accepted.

Stage 1 is here; stages 2 and 3 are ``codemods.rewrite``, imported (with libcst) when a file first
passes a prefilter. A file that passes none costs neither, nor, when the codemods are given as
``registry.Deferred``, the import of a codemod whose triggers it does not hold.

A file that does not parse is reported and left untouched; so is a codemod output that does not
re-parse (a bug in that codemod: the file keeps its original text and the error is reported).
"""

from __future__ import annotations

from codemods import templatelex
from codemods.gate import gate_for
from codemods.scanned_text import prefilter
from codemods.base import Codemod, FileContext
from codemods.results import SourceResult
from core.files import is_migration as is_migration_path
from core.files import is_template
from core.settings import looks_like_settings


def file_kind(path: str, text: str | None = None) -> str | None:
    """``python``, ``template`` or None (not ours); what a template is: ``core.files.is_template``."""
    if path.endswith(".py"):
        return "python"
    return "template" if is_template(path, text) else None


def make_context(path: str, text: str, target: str | None, is_settings: bool | None = None) -> FileContext | None:
    """``is_settings``: whether the project uses this file as settings (``core.settings``); None when
    the project is not known (decided from the file's name and text)."""
    kind = file_kind(path, text)
    if kind is None:
        return None
    ctx = FileContext(path=path, kind=kind, target=target)
    if kind == "python":
        ctx.is_migration = is_migration_path(path)
        ctx.is_settings = looks_like_settings(path, text) if is_settings is None else is_settings
    return ctx


def _applicable(codemod: Codemod, ctx: FileContext) -> bool:
    if ctx.kind == "template":
        return "template" in codemod.kinds
    if ctx.is_migration and not codemod.migrations:
        return False
    if "python" in codemod.kinds:
        return True
    return "settings" in codemod.kinds and ctx.is_settings



def apply_source(text: str, path: str, codemods: list[Codemod], target: str | None = None,
                 elide: bool = True, is_settings: bool | None = None) -> SourceResult:
    """Run the codemods over one file's text. Never raises for bad input; see ``SourceResult.error``.

    ``is_settings``: see ``make_context`` (settings codemods run only where it is true).

    ``elide=False``: libcst gets the whole file (see ``codemods.elide``; the pipeline falls back to it
    by itself when an elided run does not line up)."""
    result = SourceResult(path=path, original=text, new=text)
    ctx = make_context(path, text, target, is_settings)
    if ctx is None:
        return result
    # (only the codemods with a trigger in the text are asked: codemods.gate)
    positions = gate_for(codemods).positions(text)
    codemods = codemods if isinstance(codemods, (list, tuple)) else list(codemods)
    candidates = [c for c in map(codemods.__getitem__, positions) if _applicable(c, ctx) and prefilter(c, text)]
    if not candidates:
        return result
    if ctx.kind == "template":
        return _templates(result, candidates, ctx)
    from codemods import rewrite  # (stages 2 and 3, and libcst: a prefilter passed)

    return rewrite.rewrite(result, candidates, ctx, elide)


def _templates(result: SourceResult, candidates: list[Codemod], ctx: FileContext) -> SourceResult:
    """The template codemods, one after the other, over the text (no tree: ``transform_text``)."""
    new = result.original
    try:
        for codemod in candidates:
            ctx.current_codemod = codemod.name
            out = codemod.transform_text(new, ctx)
            if out != new:
                result.applied.append(codemod.name)
                new = out
    finally:
        templatelex.forget()  # (the tokens of the last text they read: nothing of a file outlives its run)
    result.new = new
    result.findings = ctx.findings
    return result
