"""Stages 2 and 3 of the pipeline (``codemods.apply``): the ``ast`` confirmation and the libcst rewrite
of a file whose text passed the prefilters of ``candidates``.

    result = rewrite(SourceResult(path, text, text), candidates, ctx)   # elide=True: see codemods.elide

The file is parsed with libcst ONCE (only the statements that hold a match, when the elision lines
up: ``codemods.elide``); every confirmed codemod transforms the same tree in turn; the code of the
changed statements is generated once (``codemods.render``); the result is re-parsed before it is
accepted.
"""

from __future__ import annotations

import dataclasses
import gc
import sys

import libcst as cst

from codemods import elide as elide_defs
from codemods import cst_parse, fastvisit, imports, prune, templatelex
from codemods.lines import line_lookup
from codemods.render import Renderer, SeedMismatch
from codemods.reparse import reparsed
from codemods.base import Codemod, FileContext, Finding, parse_quietly
from codemods.results import SourceResult
from core.pysource import PARSE_ERRORS
from core.pysource import parse as parse_python


def _unchanged(old: cst.Module, new: cst.Module, inert: set[int]) -> bool:
    """Whether a transform left the module as it was, without generating its code: inert statements
    come back as the very same objects, the others are compared structurally."""
    if new is old:
        return True
    if len(old.body) != len(new.body) or not (old.header == new.header or _all_equal(old.header, new.header)) \
            or not (old.footer == new.footer or _all_equal(old.footer, new.footer)):
        return False
    for a, b in zip(old.body, new.body):
        if a is b:
            continue
        if id(a) in inert or not a.deep_equals(b):
            return False
    return True


def _all_equal(xs, ys) -> bool:
    return len(xs) == len(ys) and all(x.deep_equals(y) for x, y in zip(xs, ys))


# The ``ast`` of the whole text is handed on to the detection when the codemods leave a file unchanged
# (``SourceResult.tree``). From this size on, an elided file lets it go before the elided text is parsed:
# on a large module the two trees would be in memory together (5 MB of code: 110 MB more at the peak),
# and the detection parses the text again in the rare case it is left unchanged.
KEEP_TREE_UNDER = 256 * 1024


# libcst's parser, visitors and code generation recurse once or more per level of nesting, and a file
# CPython parses may nest about 3,000 levels deep (``x = a + a + ... + a`` of 2,990 terms, a chain of
# 2,990 ``not``): past Python's default limit of 1,000 frames. The libcst stages run with this limit;
# CPython's own parse of the file, before them, keeps the caller's (a deeper file is not parsed, and
# never reaches libcst, whose parse time grows with the square of the depth: 2.5 s at 3,000 levels).
LIBCST_RECURSION_LIMIT = 16_000
TOO_DEEP = ("libcst cannot handle how deeply this file nests (a libcst limitation: maximum recursion depth "
            "exceeded); left untouched")
WHOLE = object()  # what ``_rewrite`` returns when an elided run must be done again on the whole file


def rewrite(result: SourceResult, candidates: list[Codemod], ctx: FileContext, elide: bool = True) -> SourceResult:
    """Confirm ``candidates`` on the file's ``ast`` and run the confirmed ones over one libcst tree.
    ``result``: the file's (unchanged) ``SourceResult``, filled in and returned; ``ctx``: its context.
    Never raises for bad input; see ``SourceResult.error``.

    Python's cyclic garbage collector is paused meanwhile: a libcst tree is millions of objects without
    cycles (freed by reference counting), and every full collection goes over all of them again - a
    quarter of the time on a large module. What cycles a run leaves are collected after it."""
    collecting = gc.isenabled()
    gc.disable()
    limit = sys.getrecursionlimit()  # (raised for the libcst stages: see LIBCST_RECURSION_LIMIT)
    text, path = result.original, result.path
    try:
        with imports.file_state():  # the import helpers' memory of this file, and of no other
            out = _rewrite(result, candidates, ctx, elide)
        if out is WHOLE:  # (the elided run did not line up: the file whole, nothing of that run kept)
            _forget_file()
            ctx = dataclasses.replace(ctx, findings=[], current_codemod="", _positions=None)
            with imports.file_state():
                out = _rewrite(SourceResult(path=path, original=text, new=text), candidates, ctx, False)
        return out
    except RecursionError:
        return SourceResult(path=path, original=text, new=text, error=TOO_DEEP)
    finally:
        sys.setrecursionlimit(limit)
        _forget_file()
        if collecting:
            gc.enable()


def _forget_file() -> None:
    """Drop what the helpers remember of the last file (its libcst module; its ast walk is kept on
    the tree and goes with it): nothing of a file outlives its run, so a worker's memory is bounded by
    its largest file, not by the last one."""
    imports._MEMO.clear()
    imports._TREE_HINT.clear()
    templatelex.forget()


def _rewrite(result: SourceResult, candidates: list[Codemod], ctx: FileContext, elide: bool = True):
    """``rewrite``, without the clean-up: the result, or ``WHOLE`` when an elided run must be done
    again on the whole file (``elide=False``: libcst gets the whole file)."""
    text, path = result.original, result.path
    try:
        tree = parse_python(text)
    except PARSE_ERRORS as exc:
        result.error = f"cannot parse: {exc.__class__.__name__}: {exc}"
        return result
    result.tree = tree
    confirmed = [c for c in candidates if c.confirm(tree, text, ctx)]
    if not confirmed:
        result.findings = ctx.findings
        return result
    sys.setrecursionlimit(max(sys.getrecursionlimit(), LIBCST_RECURSION_LIMIT))  # (apply_source restores it)
    elision = None
    use_pruning = prune.enabled()
    if use_pruning:
        prune.prepare_own_transformers()
    fastvisit.install() if fastvisit.enabled() else fastvisit.uninstall()
    if use_pruning and elide and all(c.prune_needles() for c in confirmed):
        aliases = prune.import_aliases(tree)
        needles = tuple(dict.fromkeys(n for c in confirmed for n in prune.needles_for(c, tree, aliases)))
        try:
            elision = elide_defs.build(text, tree, needles, all(c.local_statements for c in confirmed))
        except Exception:  # noqa: BLE001 - elision only saves time: when in doubt, the whole file
            elision = None
    parse_text = elision.text if elision is not None else text
    if elision is not None and len(text) >= KEEP_TREE_UNDER:
        tree = result.tree = None  # (its hidden statements stay with the elision; see KEEP_TREE_UNDER)
    current_tree = tree if elision is None else parse_quietly(parse_text)
    if current_tree is None:  # (the elided text does not parse: the file whole)
        return WHOLE
    try:
        module = cst_parse.parse_module(parse_text, current_tree)  # (in pieces: a fraction of the memory)
    except cst.ParserSyntaxError as exc:
        if elision is not None:
            return WHOLE
        # (Python parsed it: libcst's parser has limits of its own, e.g. 20,000 strings in one implicit
        # concatenation; the user's file is not broken, and is not to be read as such)
        result.error = (f"libcst cannot parse this file, though Python can (a libcst limitation: "
                        f"{str(exc).splitlines()[0]}); left untouched")
        return result
    # libcst must print back exactly what it parsed, or untouched code could change with the rewrite
    # (it does not always: e.g. indented comments at the very end of a module). That takes a code
    # generation of the whole module, so it is checked when a codemod first changes something: most
    # files confirmed on the ast come through their codemods unchanged.
    renderer = Renderer()  # (re-renders only the statements a codemod changed)
    first_module, exact = module, None  # (the first module stays: see SeedMismatch below)
    if elision is not None and module.default_indent != elision.default_indent:
        return WHOLE
    imports.hint_tree(module, current_tree)
    first_tree = current_tree  # (the ast of parse_text: the renderer is seeded from it at the first change)
    current_code = parse_text  # code generation is as costly as parsing: once per codemod, never twice
    positions_for = None
    aliases, aliases_for = (), None
    with imports.hidden_definitions(elision):
        for codemod in confirmed:
            ctx.current_codemod = codemod.name
            if current_tree is None:  # (CPython's parser: a fraction of a libcst walk)
                current_tree = parse_quietly(current_code)
                if current_tree is not None:
                    imports.hint_tree(module, current_tree)
            if positions_for is not module:  # (the lookup of an unchanged module is shared)
                ctx._positions, positions_for = line_lookup(module, elision, current_tree, current_code), module
            inert = set()
            if use_pruning and current_tree is not None:
                if aliases_for is not current_tree:  # (one walk of the imports per tree)
                    aliases, aliases_for = prune.import_aliases(current_tree), current_tree
                inert = prune.inert_statements(module, current_tree, current_code,
                                               prune.needles_for(codemod, current_tree, aliases))
            try:
                with prune.pruning(inert):
                    new_module = codemod.transform(module, ctx)
            except RecursionError:  # (the file's nesting, not the codemod: apply_source says so)
                raise
            except Exception as exc:  # noqa: BLE001 - one broken codemod must not lose the others' work
                ctx.findings.append(Finding(codemod.name, path, 0, f"codemod failed and was skipped: {type(exc).__name__}: {exc}"))
                continue
            if _unchanged(module, new_module, inert):
                continue
            if exact is None:  # the unchanged statements' code is the text's own (Renderer.seed)
                exact, first_tree = renderer.seed(first_module, parse_text, first_tree) or None, None
            try:
                new_code = renderer.code(new_module) if exact else None
            except SeedMismatch:  # (a statement around the change is not cut as libcst cuts)
                new_code = None
            if new_code is None:  # the whole module rendered: libcst must print back what it parsed
                renderer.clear()
                exact = renderer.code(first_module) == parse_text
                if not exact and elision is not None:
                    return WHOLE
                if not exact:
                    result.error = "libcst does not print this file back exactly (a libcst limitation); left untouched"
                    result.applied, result.findings = [], ctx.findings
                    return result
                new_code = renderer.code(new_module)
            if new_code != current_code:
                result.applied.append(codemod.name)
                # (the new tree from the old one and the changed statements, when they line up)
                current_tree = reparsed(current_tree, module, new_module, renderer.previous_codes(), renderer.codes())
                module, current_code = new_module, new_code
                imports.code_changed(module, current_tree)  # (what it remembers of older trees goes)
                # (as the line lookup and the aliases of the old tree: a tree parsed afresh for the
                # next codemod is never in memory alongside the old one)
                ctx._positions = positions_for = aliases_for = None
                aliases = ()
                tree = result.tree = None  # (the first tree is let go: the final text's is handed on)
            else:
                renderer.rollback()  # (it would keep the discarded tree's statements)
    # the libcst trees, the elision (its hidden statements are the first ast tree's) and the line
    # lookup are let go before the text of a changed file is parsed whole again: a worker's peak is
    # one file's trees, not two
    elided, ctx._positions, renderer, module, new_module, first_module = elision is not None, None, None, None, None, None
    imports.release()  # (the import helpers' memos, tree hint and hidden definitions hold them too)
    if elided:
        current_code, elision, current_tree = elision.expand(current_code), None, None
        if current_code is None:  # a codemod moved or dropped a placeholder: do the file whole
            return WHOLE
    new_text = current_code
    if new_text != text:
        if current_tree is None:  # (else the tree of new_text: it parsed already)
            try:
                current_tree = parse_python(new_text)  # CPython's own parser is the judge of valid Python (and fast)
            except PARSE_ERRORS as exc:
                result.error = f"output of {', '.join(result.applied)} does not parse ({exc.__class__.__name__}); file left unchanged"
                result.applied = []
                result.findings = ctx.findings
                return result
        result.tree = current_tree
    result.new = new_text
    result.findings = ctx.findings
    return result
