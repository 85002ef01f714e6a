"""Tiny helpers so each codemod test case reads as before/after.

    check_transformed(ForceText, before, after)                 # rewrites exactly to ``after``
    check_noop(ForceText, source)                               # leaves it alone
    check_noop(ForceText, source, reported=True)                # ... and says why (a Finding)

Both also check, automatically, that the output parses (ast and libcst), that a second run
changes nothing (idempotence), that every finding names a line, and that libcst given the whole file
(no elision - the checked run hides every module-level assignment without a needle, and has libcst
parse the text a statement at a time -, no pruning, libcst's own walk instead of ``codemods.fastvisit``, no ``confirm`` unless
the codemod's confirm is part of its rule) gives the same output and findings. Sources are dedented, so cases can be
indented triple-quoted strings.
"""

from __future__ import annotations

import ast
import contextlib
import os
import textwrap

import libcst as cst

from codemods.apply import apply_source


def _run(codemod_cls, source: str, filename: str, target: str | None):
    # (every module-level assignment without a needle is hidden from libcst here, whatever its size:
    # in real runs only large ones are, codemods.elide.LARGE_ASSIGNMENT; and libcst parses the text
    # a statement at a time, where in real runs only texts over codemods.cst_parse.PIECE_BYTES are cut)
    with _environ(DJANGO_UPGRADE_ELIDE_ASSIGNMENTS="1", DJANGO_UPGRADE_PARSE_PIECE="1"):
        result = apply_source(source, filename, [codemod_cls()], target=target)
    whole = _whole_file(codemod_cls, source, filename, target)
    assert _outcome(result) == _outcome(whole), (
        f"elided/pruned run differs from the whole-file run:\n{_outcome(result)}\n{_outcome(whole)}")
    lineless = [f for f in result.findings if f.line < 1]
    assert not lineless, f"findings without a line: {lineless}"
    return result


def _whole_file(codemod_cls, source: str, filename: str, target: str | None):
    """No elision, no pruning, libcst's own walk (not ``codemods.fastvisit``), and no ``ast``
    confirmation: the transform sees every case the text prefilter lets through, so a ``confirm``
    that turns away a file the transform would change (or report on) fails the comparison in ``_run``."""
    with _environ(DJANGO_UPGRADE_NO_PRUNE="1", DJANGO_UPGRADE_LIBCST_VISIT="1", DJANGO_UPGRADE_PARSE_PIECE=None):
        return apply_source(source, filename, [_unfiltered(codemod_cls)()], target=target, elide=False)


@contextlib.contextmanager
def _environ(**values):
    """The environment variables ``values`` set (None: unset) for the block, as they were after it."""
    saved = {n: os.environ.get(n) for n in values}
    try:
        _set_environ(values)
        yield
    finally:
        _set_environ(saved)


def _set_environ(values: dict) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def _unfiltered(codemod_cls):
    """``codemod_cls`` without its ``confirm`` (same name, kinds, prefilter, transform), unless its
    confirm is part of its rule (``Codemod.confirm_decides``)."""
    if codemod_cls.confirm_decides:
        return codemod_cls
    return type(codemod_cls.__name__, (codemod_cls,), {
        "confirm": lambda self, tree, text, ctx: True,
    })


def _outcome(result):
    return result.new, result.applied, [(f.codemod, f.line, f.message) for f in result.findings], result.error


def _check_parses(text: str, filename: str) -> None:
    if filename.endswith(".py"):
        ast.parse(text)
        cst.parse_module(text)


def check_transformed(codemod_cls, before: str, after: str, filename: str = "app/views.py",
                      target: str | None = None, reported: bool | None = None):
    before, after = textwrap.dedent(before), textwrap.dedent(after)
    result = _run(codemod_cls, before, filename, target)
    assert result.error is None, result.error
    assert result.new == after, f"\n--- got ---\n{result.new}\n--- expected ---\n{after}"
    assert codemod_cls.name in result.applied
    _check_parses(result.new, filename)
    again = _run(codemod_cls, result.new, filename, target)
    assert again.new == result.new, f"not idempotent; second run gave:\n{again.new}"
    if reported is not None:
        assert bool(result.findings) == reported, result.findings
    return result


def check_noop(codemod_cls, source: str, filename: str = "app/views.py", target: str | None = None,
               reported: bool | None = None):
    source = textwrap.dedent(source)
    result = _run(codemod_cls, source, filename, target)
    assert result.error is None, result.error
    assert result.new == source, f"expected no change, got:\n{result.new}"
    assert not result.applied
    _check_parses(source, filename)
    if reported is not None:
        assert bool(result.findings) == reported, f"findings: {result.findings}"
    return result


def check_elided(codemod_cls, before: str, after: str, filename: str = "app/views.py",
                 target: str | None = None, reported: bool | None = None):
    """``check_transformed``, and libcst really got an elided file: at least one definition of
    ``before`` holds none of the codemod's needles and is hidden (so the comparison with the
    whole-file run that ``check_transformed`` makes is about elision, not a no-op)."""
    from codemods import elide, prune
    from codemods.apply import make_context

    source = textwrap.dedent(before)
    tree = ast.parse(source)
    codemod = codemod_cls()
    assert codemod.confirm(tree, source, make_context(filename, source, target))  # (some needles come from it)
    needles = prune.needles_for(codemod, tree)
    assert needles, f"{codemod_cls.name} is not prunable"
    assert elide.build(source, tree, needles) is not None, "nothing of this source is hidden from libcst"
    return check_transformed(codemod_cls, before, after, filename=filename, target=target, reported=reported)


def check_statements_hidden(codemod_cls, source: str, filename: str = "app/views.py") -> None:
    """The codemod is ``local_statements`` and libcst gets ``source`` with a statement of a function
    body hidden (so the comparison with the whole-file run made by ``check_transformed`` /
    ``check_noop`` is about hiding statements, not a no-op)."""
    from codemods import elide, prune
    from codemods.apply import make_context

    source = textwrap.dedent(source)
    tree = ast.parse(source)
    codemod = codemod_cls()
    assert codemod_cls.local_statements
    assert codemod.confirm(tree, source, make_context(filename, source, None))
    elision = elide.build(source, tree, prune.needles_for(codemod, tree), statements=True)
    assert elision is not None and any(depth > 0 and not isinstance(node, (ast.FunctionDef, ast.ClassDef))
                                       for node, depth, _ in elision.nodes), "no statement of a function body is hidden"
