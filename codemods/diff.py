"""Unified diffs of a file and its rewrite, in near-linear time.

    unified_diff("app/views.py", old_text, new_text)   # what ``fix --diff`` prints for a file

``difflib.unified_diff`` is exact but its matcher is quadratic in the worst case: on a generated
5 MB module with thousands of changed hunks it took about ten minutes. A codemod's rewrite is
local (a name, an argument, an import line), so the two texts share almost every line, in order.
Here the lines are matched as patience diff does:

1. lines that occur exactly once in each side are anchors; the longest chain of anchors in the same
   order on both sides (a longest increasing subsequence, ``O(n log n)``) is kept;
2. each anchor grows into the run of equal lines around it (where two runs claim the same lines,
   a blank line between two changes, the longer run keeps them, as in difflib);
3. what is left between two runs - a changed statement, usually a few lines - is matched by
   ``difflib.SequenceMatcher`` (a large gap is split on its own unique lines in turn; one without any,
   larger than ``GAP_LIMIT`` lines on each side, is one replacement, which is still a correct diff).

Small files (``SMALL_LINES``) go to ``difflib`` itself, so their diff is byte for byte what it always
was; the output format (headers, ``@@ -a,b +c,d @@`` ranges, 3 lines of context, ``\\ No newline at
end of file`` is not emitted, like ``difflib``) is difflib's in both cases, and it applies with
``patch -p1`` / ``git apply``.
"""

from __future__ import annotations

import bisect
import difflib
import os

SMALL_LINES = 2000  # both sides together: fewer lines than this, difflib itself
GAP_LIMIT = 400  # a gap between anchors larger than this on both sides is one replacement
CONTEXT = 3


def unified_diff(path: str, old: str, new: str) -> str:
    """The ``a/PATH`` / ``b/PATH`` unified diff of ``old`` -> ``new`` (empty when they are equal)."""
    return with_header(path, hunks(old, new))


def hunks(old: str, new: str) -> str:
    """The hunks of the unified diff of ``old`` -> ``new``: all of it but its two header lines, which
    alone name the file (so the engine's cache keeps them for a file whatever its path is spelt)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if len(a) + len(b) < SMALL_LINES:
        return "".join(list(difflib.unified_diff(a, b, fromfile="a", tofile="b"))[2:])
    return "".join(list(format_unified(a, b, opcodes(a, b), "a", "b"))[2:])


def with_header(path: str, body: str) -> str:
    """``hunks`` with the ``--- a/PATH`` / ``+++ b/PATH`` lines before them (nothing when empty)."""
    if not body:
        return ""
    path = path.replace(os.sep, "/").lstrip("/")
    return f"--- a/{path}\n+++ b/{path}\n{body}"


# -- matching --------------------------------------------------------------------------------------

def matching_blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """(i, j, n) triples like ``SequenceMatcher.get_matching_blocks()``: ``a[i:i+n] == b[j:j+n]``,
    increasing in i and j, adjacent blocks merged, ending with ``(len(a), len(b), 0)``."""
    blocks: list[tuple[int, int, int]] = []
    _match(a, b, 0, len(a), 0, len(b), blocks)
    return _merge(blocks) + [(len(a), len(b), 0)]


def _match(a, b, alo: int, ahi: int, blo: int, bhi: int, out: list) -> None:
    anchors = _anchors(a, b, alo, ahi, blo, bhi)
    if not anchors:
        _match_plain(a, b, alo, ahi, blo, bhi, out)
        return
    # each anchor grown into the longest run of equal lines around it (a run cannot cross another
    # anchor: those lines are unique); where two runs claim the same lines, the longer keeps them,
    # as difflib's longest-match-first would have it
    blocks: list[tuple[int, int, int]] = []
    for i, j in anchors:
        if blocks:
            pi, pj, pn = blocks[-1]
            if i - pi == j - pj and i < pi + pn:  # inside the previous run
                continue
        s = 0
        while i - s > alo and j - s > blo and a[i - s - 1] == b[j - s - 1]:
            s += 1
        e = 1
        while i + e < ahi and j + e < bhi and a[i + e] == b[j + e]:
            e += 1
        blocks.append((i - s, j - s, s + e))
    kept: list[tuple[int, int, int]] = []
    for i, j, n in blocks:
        while kept:
            pi, pj, pn = kept[-1]
            over = max(pi + pn - i, pj + pn - j, 0)
            if not over:
                break
            if n > pn:
                if pn - over > 0:
                    kept[-1] = (pi, pj, pn - over)
                    break
                kept.pop()
            else:
                i, j, n = i + over, j + over, n - over
                break
        if n > 0:
            kept.append((i, j, n))
    i0, j0 = alo, blo
    for i, j, n in kept:
        _gap(a, b, i0, i, j0, j, out)
        out.append((i, j, n))
        i0, j0 = i + n, j + n
    _gap(a, b, i0, ahi, j0, bhi, out)


def _match_plain(a, b, alo: int, ahi: int, blo: int, bhi: int, out: list) -> None:
    """No unique lines: the common head and tail, and what is between them."""
    head = 0
    while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
        head += 1
    if head:
        out.append((alo, blo, head))
    tail = 0
    while alo + head < ahi - tail and blo + head < bhi - tail and a[ahi - tail - 1] == b[bhi - tail - 1]:
        tail += 1
    _gap(a, b, alo + head, ahi - tail, blo + head, bhi - tail, out, plain=True)
    if tail:
        out.append((ahi - tail, bhi - tail, tail))


def _gap(a, b, alo: int, ahi: int, blo: int, bhi: int, out: list, plain: bool = False) -> None:
    """Match the lines between two runs: nothing to do when one side is empty; difflib when small."""
    if alo >= ahi or blo >= bhi:
        return
    if ahi - alo > GAP_LIMIT and bhi - blo > GAP_LIMIT:
        # a large region: the lines unique within it are anchors in turn (each level of this
        # recursion is strictly smaller); none at all: one replacement
        if not plain:
            _match(a, b, alo, ahi, blo, bhi, out)
        return
    matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
    for i, j, n in matcher.get_matching_blocks():
        if n:
            out.append((alo + i, blo + j, n))


def _anchors(a, b, alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int]]:
    """The longest chain of lines unique in both ranges, in the same order on both sides."""
    count_a: dict[str, int] = {}
    for i in range(alo, ahi):
        line = a[i]
        count_a[line] = count_a.get(line, 0) + 1
    count_b: dict[str, int] = {}
    where_b: dict[str, int] = {}
    for j in range(blo, bhi):
        line = b[j]
        count_b[line] = count_b.get(line, 0) + 1
        where_b[line] = j
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi)
             if count_a[a[i]] == 1 and count_b.get(a[i]) == 1]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (increasing in i) that is increasing in j."""
    if not pairs:
        return []
    tails: list[int] = []  # tails[k]: smallest j ending an increasing run of length k + 1
    tail_at: list[int] = []  # index in pairs of that run's last pair
    prev = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        prev[k] = tail_at[pos - 1] if pos else -1
    out = []
    k = tail_at[-1]
    while k >= 0:
        out.append(pairs[k])
        k = prev[k]
    out.reverse()
    return out


def _merge(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    blocks.sort()
    merged: list[tuple[int, int, int]] = []
    for i, j, n in blocks:
        if not n:
            continue
        if merged:
            pi, pj, pn = merged[-1]
            if pi + pn == i and pj + pn == j:
                merged[-1] = (pi, pj, pn + n)
                continue
        merged.append((i, j, n))
    return merged


def opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """``SequenceMatcher.get_opcodes()`` for the blocks of ``matching_blocks``."""
    out = []
    i = j = 0
    for ai, bj, size in matching_blocks(a, b):
        tag = ""
        if i < ai and j < bj:
            tag = "replace"
        elif i < ai:
            tag = "delete"
        elif j < bj:
            tag = "insert"
        if tag:
            out.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            out.append(("equal", ai, i, bj, j))
    return out


# -- formatting (difflib.unified_diff's, on given opcodes) -----------------------------------------

def grouped(codes: list[tuple[str, int, int, int, int]], n: int = CONTEXT):
    """``SequenceMatcher.get_grouped_opcodes(n)`` for ``codes``."""
    codes = list(codes) or [("equal", 0, 1, 0, 1)]
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    nn = n + n
    group = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > nn:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _range(start: int, stop: int) -> str:
    beginning = start + 1
    length = stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1
    return f"{beginning},{length}"


def format_unified(a: list[str], b: list[str], codes, fromfile: str, tofile: str):
    started = False
    for group in grouped(codes):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for line in a[i1:i2]:
                    yield " " + line
                continue
            if tag in ("replace", "delete"):
                for line in a[i1:i2]:
                    yield "-" + line
            if tag in ("replace", "insert"):
                for line in b[j1:j2]:
                    yield "+" + line
