"""Hide from libcst the definitions that no confirmed codemod can touch.

libcst's parse and code generation cost grows with the size of the file, and on a large module the
one call a codemod rewrites sits in one method of one class. Pruning (``codemods.prune``) already
keeps the transformers out of the statements without a trigger string, but libcst still has to
parse them and print them again. So before the libcst pass, every ``def`` / ``async def`` /
``class`` (with its decorators) whose source lines contain none of the confirmed codemods' needles
- at the top level, and inside the bodies of the definitions that are kept - is replaced by one
placeholder line at the same indentation::

    class QuerySet:                         class QuerySet:
        def __init__(self, ...):                __dua_elided_1a2b3c4d_0
            ...                      ->         def dates(self, ...):
        def dates(self, ...):                       ... timezone.utc ...
            ... timezone.utc ...                __dua_elided_1a2b3c4d_1
        def datetimes(self, ...):
            ...

libcst parses, transforms and prints the small text, and ``Elision.expand`` puts the original lines
back, byte for byte. (libcst takes the module's default indentation from the first indented line: when
hiding changes it, the file is done whole.) What the codemods may still need from the hidden code is
supplied on the side:
``codemods.imports`` adds the hidden definitions' imports and bindings to ``ImportIndex.build`` and
their names to ``count_references`` (``HiddenDefinitions``), and finding lines are mapped back to the
full file (``original_line``).

Only definitions are hidden, and module-level assignments of ``LARGE_ASSIGNMENT`` bytes or more (a
data module's table: libcst's parser holds about 450 bytes of memory per byte it parses, and the
tree it builds keeps about 40): imports, docstrings and every other statement stay, so a codemod that inspects its neighbours (``Meta.indexes`` next to
``index_together``, the import block it adds to) sees them as before. (The codemod tests hide every
needle-free module-level assignment, whatever its size, and compare with the whole file.)

When every confirmed codemod of the file is ``local_statements`` (its changes and decisions rest on
the statements holding its needles, and on the file's imports and bindings: the renames, the call
rewrites), the statements of the function bodies kept in view that hold no needle are hidden the same
way (a function's docstring stays); module and class bodies keep theirs.

A file is not elided when a codemod reasons about the whole file (settings codemods; ``prunable =
False``), when it has ``\\r`` or form feeds, or when anything does not line up; a placeholder that
goes missing or moves makes the pipeline redo the file without elision.
``DJANGO_UPGRADE_NO_PRUNE=1`` turns elision off along with pruning.
"""

from __future__ import annotations

import ast
import bisect
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from codemods.astnames import ast_name_counts  # noqa: F401  (used here; tests read it from here)
from codemods.base import first_line
from codemods.indentation import first_indent
from core.env import env_int

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_ASSIGNS = (ast.Assign, ast.AnnAssign)
LARGE_ASSIGNMENT = 4096  # bytes: a module-level assignment this large and without a needle is hidden
_WS = b" \t"


@dataclass
class Elision:
    text: str  # what libcst parses: the file with the hidden definitions replaced by placeholders
    token: str  # the placeholders' common prefix (absent from the file)
    hidden: dict[str, str] = field(default_factory=dict)  # placeholder line -> the original lines
    nodes: list[tuple[ast.stmt, int, str]] = field(default_factory=list)  # hidden statement, scope depth, its lines
    default_indent: str = "    "  # libcst's default_indent for the original file (its first INDENT)

    def expand(self, code: str) -> str | None:
        """The full text for ``code`` (the reduced module's code), or None when a placeholder is
        missing, repeated or re-indented (the caller then runs without elision)."""
        if self.token not in code:
            return None if self.hidden else code
        out, seen = [], 0
        for line in code.split("\n"):
            if self.token in line:
                original = self.hidden.get(line)
                if original is None:
                    return None
                out.append(original)
                seen += 1
            else:
                out.append(line)
        if seen != len(self.hidden):
            return None
        return "\n".join(out)

    def line_map(self, code: str):
        """A function from a line of ``code`` (the reduced module's code) to its line in the full text."""
        numbers, totals = [], [0]  # the reduced lines holding a placeholder; the extra lines up to each
        extra = 0
        for number, line in enumerate(code.split("\n"), 1):
            original = self.hidden.get(line) if self.token in line else None
            if original is not None:
                extra += original.count("\n")
                numbers.append(number)
                totals.append(extra)

        def to_original(line: int) -> int:
            # (the placeholders above the line: a binary search, as a large module has thousands)
            return line + totals[bisect.bisect_left(numbers, line)]

        return to_original

    def definitions(self) -> "HiddenDefinitions":
        return HiddenDefinitions(self)


class HiddenDefinitions:
    """What the hidden definitions import, bind and name, for ``codemods.imports``; a definition is
    only walked when its text contains the name asked about (or ``import``)."""

    def __init__(self, elision: Elision):
        self._items = elision.nodes
        self._bound: dict[int, set] = {}
        self._names: dict[int, Counter] = {}
        self._imports = None
        # the answers by name: a codemod asks about the same names at every call it resolves (on a
        # large module thousands of times, each a pass over thousands of hidden definitions)
        self._binds: dict[str, bool] = {}
        self._counts: dict[str, int] = {}

    def import_index(self):
        """An ImportIndex of the hidden definitions' imports (and the names those bind otherwise)."""
        if self._imports is None:
            from codemods.import_collect import AstCollector
            from codemods.imports import ImportIndex

            self._imports = ImportIndex()
            collector = AstCollector(self._imports)
            for node, depth, text in self._items:
                if "import" in text:
                    collector.statement(node, depth)
        return self._imports

    def binds(self, name: str) -> bool:
        """Whether a hidden definition binds ``name`` other than by import (def, class, assignment, ...)."""
        found = self._binds.get(name)
        if found is None:
            found = self._binds[name] = self._find_binding(name)
        return found

    def _find_binding(self, name: str) -> bool:
        from codemods.import_collect import AstCollector
        from codemods.imports import ImportIndex

        for i, (node, depth, text) in enumerate(self._items):
            if name not in text:
                continue
            if i not in self._bound:
                part = ImportIndex()
                AstCollector(part).statement(node, depth)
                self._bound[i] = part.other_bound
            if name in self._bound[i]:
                return True
        return False

    def count(self, name: str) -> int:
        """Uses of the bare name ``name`` in the hidden definitions (as ``count_references`` counts)."""
        total = self._counts.get(name)
        if total is None:
            total = 0
            for i, (node, _depth, text) in enumerate(self._items):
                if name not in text:
                    continue
                if i not in self._names:
                    self._names[i] = ast_name_counts(node)
                total += self._names[i][name]
            self._counts[name] = total
        return total


def build(text: str, tree: ast.Module, needles: tuple[str, ...], statements: bool = False) -> Elision | None:
    """The elision of ``text`` (whose ``ast`` is ``tree``) for ``needles``, or None when nothing is
    hidden or the file is not one to elide. ``statements``: also hide the statements of function
    bodies that hold no needle (for codemods whose every decision rests on the statements holding
    their needles: ``Codemod.local_statements``)."""
    if not needles or "\r" in text or "\f" in text:
        return None
    token = f"__dua_elided_{hashlib.blake2b(text.encode('utf-8', 'surrogatepass'), digest_size=4).hexdigest()}_"
    if token in text:
        return None
    lines = text.split("\n")
    spans: list[tuple[int, int, str, ast.stmt, int]] = []
    _collect(tree.body, 0, lines, needles, spans, False, statements)
    if not spans:
        return None
    out, start_at = [], 0
    elision = Elision(text="", token=token)
    for k, (start, end, indent, node, depth) in enumerate(spans):
        placeholder = f"{indent}{token}{k}"
        out.extend(lines[start_at:start])
        out.append(placeholder)
        elision.hidden[placeholder] = original = "\n".join(lines[start:end + 1])
        elision.nodes.append((node, depth, original))
        start_at = end + 1
    out.extend(lines[start_at:])
    elision.text = "\n".join(out)
    elision.default_indent = first_indent(text, tree) or "    "  # (libcst's fallback)
    return elision


def large_assignment_bytes() -> int:
    """``LARGE_ASSIGNMENT``, or ``DJANGO_UPGRADE_ELIDE_ASSIGNMENTS`` (the codemod tests hide every
    needle-free module-level assignment, whatever its size, and compare with the whole file)."""
    return env_int("DJANGO_UPGRADE_ELIDE_ASSIGNMENTS", LARGE_ASSIGNMENT)


def _collect(body: list[ast.stmt], depth: int, lines: list[str], needles, spans, in_function: bool,
             statements: bool) -> None:
    data_from = large_assignment_bytes() if depth == 0 else None
    for i, node in enumerate(body):
        is_def = isinstance(node, _DEFS)
        is_data = data_from is not None and isinstance(node, _ASSIGNS)
        if not is_def and not is_data and not (statements and in_function and not (i == 0 and _is_docstring(node))):
            continue
        span = _own_lines(node, lines)
        if span is None:
            continue
        start, end, indent = span
        segment = "\n".join(lines[start:end + 1])
        if is_data and len(segment) < data_from:
            continue
        if not any(needle in segment for needle in needles):
            spans.append((start, end, indent, node, depth))
        elif is_def:
            _collect(node.body, depth + 1, lines, needles, spans, not isinstance(node, ast.ClassDef), statements)


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _own_lines(node, lines: list[str]) -> tuple[int, int, str] | None:
    """(first line index, last line index, indentation) when the definition occupies whole lines of
    its own (nothing but indentation before it, nothing but a comment after it), else None. The last
    line index includes the comment lines indented into its body that follow it."""
    decorators = getattr(node, "decorator_list", ())
    start = first_line(node) - 1
    end = (node.end_lineno or node.lineno) - 1
    if end >= len(lines):
        return None
    first = lines[start].encode("utf-8", "surrogatepass")
    indent = first[:len(first) - len(first.lstrip(_WS))]
    if len(indent) != node.col_offset:
        return None
    if decorators and not first[len(indent):].startswith(b"@"):
        return None
    def_line = lines[node.lineno - 1].encode("utf-8", "surrogatepass")
    if def_line[:node.col_offset].strip(_WS):
        return None
    last = lines[end].encode("utf-8", "surrogatepass")
    rest = last[node.end_col_offset or 0:].strip(_WS)
    if rest and not rest.startswith(b"#"):
        return None
    # comment lines indented into the definition's body after its last statement, and lines of
    # nothing but spaces and tabs, go with it: left behind a placeholder they would trail a line of a
    # shallower block, which libcst does not always print back exactly (at the end of a module)
    indent_str = indent.decode("ascii")
    for i in range(end + 1, len(lines)):
        line = lines[i]
        stripped = line.lstrip(" \t")
        if not stripped:
            if line:
                end = i
            continue
        if stripped.startswith("#") and line.startswith(indent_str) and len(line) - len(stripped) > len(indent_str):
            end = i
            continue
        break
    return start, end, indent_str


