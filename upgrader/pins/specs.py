"""Version-specifier semantics and style-preserving rewrites.

Two dialects are understood:

* ``pep440``  - ``==3.2.25``, ``~=3.2``, ``>=3.2,<4.0``, ``==3.2.*`` (requirements files, PEP 621,
  setup.cfg, setup.py, Pipfile values such as ``"==3.2"``; ``*`` means "any").
* ``poetry``  - everything above plus ``^3.2``, ``~3.2``, bare ``3.2.25`` (exact), ``3.2.*``, ``*``,
  space-separated clauses and ``||`` alternatives.

Semantics always go through :mod:`packaging` (``SpecifierSet``/``Version``); Poetry constraints are
translated into one ``SpecifierSet`` per ``||`` alternative first.

:func:`bump` rewrites a specifier's *text* so that it admits a new version, clause by clause, keeping
the operators, spacing and precision the author used (see docs/pins.md for the table).
"""

from __future__ import annotations

import re
from typing import Callable

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from core import versions

CALENDAR_FIRST = versions.CALENDAR_FIRST

_VERSION = r"\d+(?:\.\d+)*(?:\.\*)?(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview|post|rev|r|dev)[-_.]?\d*)*(?:\+[A-Za-z0-9.]+)?"
# one clause: operator (optional in Poetry) and version
PEP440_CLAUSE = re.compile(r"(?P<op>~=|===|==|!=|<=|>=|<|>)\s*(?P<ver>[^\s,;#)\\'\"]+)")
POETRY_CLAUSE = re.compile(r"(?P<op>\^|~=|~|===|==|!=|<=|>=|<|>)?\s*(?P<ver>" + _VERSION + r")")


class SpecError(ValueError):
    """A specifier that cannot be understood or rewritten."""


# --------------------------------------------------------------------------------------------
# semantics
# --------------------------------------------------------------------------------------------
def _release(ver: str) -> tuple[int, ...]:
    nums = []
    for part in ver.split("."):
        m = re.match(r"\d+", part)
        if not m:
            break
        nums.append(int(m.group(0)))
        if m.group(0) != part:
            break
    return tuple(nums)


def _poetry_clause_to_pep440(op: str | None, ver: str) -> str:
    if ver == "*":
        return ""
    if op in (None, "") and ver.endswith(".*"):
        return f"=={ver}"
    if op in (None, "", "=="):
        return f"=={ver}"
    if op == "^":
        rel = _release(ver)
        if not rel:
            raise SpecError(f"bad caret constraint ^{ver}")
        upper = list(rel) + [0] * (3 - len(rel)) if len(rel) < 3 else list(rel)
        # the first non-zero component is bumped (Poetry / npm semantics)
        for i, n in enumerate(upper):
            if n != 0 or i == len(rel) - 1:
                bumped = upper[: i + 1]
                bumped[i] += 1
                break
        return f">={ver},<{'.'.join(map(str, bumped))}"
    if op == "~":
        rel = _release(ver)
        if not rel:
            raise SpecError(f"bad tilde constraint ~{ver}")
        if len(rel) == 1:
            upper = f"{rel[0] + 1}"
        else:
            upper = f"{rel[0]}.{rel[1] + 1}"
        return f">={ver},<{upper}"
    return f"{op}{ver}"


def to_specifier_sets(spec: str, style: str = "pep440") -> list[SpecifierSet]:
    """The specifier as a union of ``SpecifierSet`` (one per Poetry ``||`` alternative)."""
    text = (spec or "").strip()
    if text in ("", "*"):
        return [SpecifierSet("")]
    if style == "pep440":
        try:
            return [SpecifierSet(text.strip("()"))]
        except InvalidSpecifier as exc:
            raise SpecError(f"invalid specifier {spec!r}: {exc}") from None
    sets = []
    for alternative in re.split(r"\|\|?", text):
        alternative = alternative.strip()
        if alternative in ("", "*"):
            sets.append(SpecifierSet(""))
            continue
        clauses = []
        pos = 0
        for m in POETRY_CLAUSE.finditer(alternative):
            between = alternative[pos : m.start()].strip(" ,")
            if between:
                raise SpecError(f"invalid Poetry constraint {spec!r}")
            pos = m.end()
            converted = _poetry_clause_to_pep440(m.group("op"), m.group("ver"))
            if converted:
                clauses.append(converted)
        if alternative[pos:].strip(" ,") not in ("", "*"):
            raise SpecError(f"invalid Poetry constraint {spec!r}")
        try:
            sets.append(SpecifierSet(",".join(clauses)))
        except InvalidSpecifier as exc:
            raise SpecError(f"invalid Poetry constraint {spec!r}: {exc}") from None
    return sets


def admits(spec: str, version: str, style: str = "pep440") -> bool:
    v = Version(str(version))
    return any(s.contains(v, prereleases=True) for s in to_specifier_sets(spec, style))


def exact_version(spec: str, style: str = "pep440") -> str | None:
    """The version an exact pin names (``==3.2.25``, ``===3.2.25``, Poetry ``3.2.25``), else None."""
    text = (spec or "").strip().strip("()")
    if style == "poetry":
        m = re.fullmatch(r"(?:==|===)?\s*(" + _VERSION + r")", text)
    else:
        m = re.fullmatch(r"(?:==|===)\s*([^\s,;*]+)", text)
    if not m or m.group(1).endswith("*"):
        return None
    try:
        return str(Version(m.group(1)))
    except InvalidVersion:
        return None


def highest_feature(spec: str, feature_releases: list[tuple[str, list[str]]], style: str = "pep440") -> str | None:
    """The newest feature release with a version the specifier admits.

    ``feature_releases`` is ``[(feature, [candidate versions...]), ...]`` in upgrade order, e.g.
    ``("3.2", ["3.2", "3.2.0", "3.2.25"])``.
    """
    best = None
    for feature, candidates in feature_releases:
        if any(admits(spec, c, style) for c in candidates):
            best = feature
    return best


# --------------------------------------------------------------------------------------------
# rewriting
# --------------------------------------------------------------------------------------------
def _fmt_feature(new: Version) -> str:
    return versions.feature(new)


def _patch_level(new: Version, new_text: str) -> str:
    """The new version at patch precision: ``4.0.10``; ``4.0`` given -> ``4.0.0``; ``2028`` -> ``2028.0``."""
    if new.major >= CALENDAR_FIRST:
        return new_text if len(new.release) >= 2 or new.pre or new.dev else f"{new.major}.0"
    return new_text if len(new.release) >= 3 or new.pre or new.dev else f"{new.major}.{new.minor}.0"


def _zero_rule(orig: str, new: Version) -> int:
    """Keep a zero patch (``~=3.2.0`` -> ``~=4.0.0``), else take the new patch (``~=3.2.5`` -> ``~=4.0.10``)."""
    rel = _release(orig)
    if rel and rel[-1] == 0:
        return 0
    return versions.patch_of(new)


def default_next_feature(feat: str) -> str:
    """Arithmetic fallback when release data does not know the release after ``feat``."""
    v = Version(feat)
    if v.major >= CALENDAR_FIRST:
        return str(v.major + 1)
    return f"{v.major}.{v.minor + 1}"


def _level(ver: str) -> str:
    """How precise a bound is: ``major`` (``4``), ``feature`` (``3.2``, ``2028``) or ``patch``."""
    rel = _release(ver)
    if rel and rel[0] >= CALENDAR_FIRST:
        return "feature" if len(rel) == 1 else "patch"
    if len(rel) <= 1:
        return "major"
    return "feature" if len(rel) == 2 else "patch"


def _render(level: str, new: Version, new_text: str, orig: str, zero_rule: bool = True) -> str:
    cal = new.major >= CALENDAR_FIRST
    if level == "major":
        return str(new.major)
    if level == "feature":
        return _fmt_feature(new)
    z = _zero_rule(orig, new) if zero_rule else versions.patch_of(new)
    if z == versions.patch_of(new):
        return _patch_level(new, new_text)
    return f"{new.major}.{z}" if cal else f"{_fmt_feature(new)}.{z}"


def _rewrite_clause(op: str, ver: str, new: Version, new_text: str, next_feature: Callable[[str], str]) -> str | None:
    """The new (op + version) text for one clause; None to drop it. ``op`` "" is a Poetry bare version."""
    cal = new.major >= CALENDAR_FIRST
    feat = _fmt_feature(new)
    pre = bool(new.pre or new.dev)
    level = _level(ver)
    if ver.endswith(".*"):
        if cal or level == "major":
            return f"{op}{new.major}.*"
        return f"{op}{feat}.*"
    if op in ("==", "===", ""):
        return f"{op}{new_text}"
    if op == "!=":
        return None  # only reached when this clause excludes the new version
    if pre and op in ("~=", "^", "~", ">=", ">"):
        return f"{'>=' if op == '>' else op}{new_text}"
    if op == "~=":
        if cal:
            return f"~={new.major}.{0 if level != 'patch' else _zero_rule(ver, new)}"
        if level in ("major", "feature"):
            return f"~={feat}"
        return f"~={_render('patch', new, new_text, ver)}"
    if op == "^":
        if cal and level != "patch":
            return f"^{new.major}"
        return f"^{_render(level, new, new_text, ver)}"
    if op == "~":
        if cal:
            return f"~{new.major}"
        return f"~{_render(level, new, new_text, ver)}"
    if op in (">=", ">"):
        return f">={_render(level, new, new_text, ver)}"
    if op == "<=":
        return f"<={_patch_level(new, new_text)}"
    if op == "<":
        if level == "major":
            return f"<{new.major + 1}"
        nxt = next_feature(feat) or default_next_feature(feat)
        return f"<{nxt}" if level == "feature" else f"<{nxt}.0"
    raise SpecError(f"cannot rewrite operator {op!r}")


def bump(spec_text: str, new_version: str, next_feature: Callable[[str], str | None] = default_next_feature, style: str = "pep440") -> str:
    """Rewrite ``spec_text`` so it admits ``new_version``, keeping style; unchanged if it already does.

    ``spec_text`` is exactly the specifier as written (spacing, parentheses, comma style). An empty
    specifier or ``*`` is returned unchanged. Raises :class:`SpecError` when the text cannot be
    understood or the rewrite would not admit the new version.
    """
    stripped = spec_text.strip()
    if stripped in ("", "*"):
        return spec_text
    new = Version(str(new_version))
    new_text = str(new_version).strip()
    if admits(spec_text, new_text, style):
        return spec_text
    if style == "poetry" and "|" in spec_text:
        # "^2.2 || ^3.2": add the new alternative's style from the last one
        alternatives = spec_text.split("||")
        last = alternatives[-1]
        rewritten = bump(last.strip(), new_text, next_feature, "poetry")
        lead = re.match(r"\s*", last).group(0)
        return spec_text.rstrip() + " ||" + (lead or " ") + rewritten + spec_text[len(spec_text.rstrip()):]
    pattern = POETRY_CLAUSE if style == "poetry" else PEP440_CLAUSE
    edits: list[tuple[int, int, str]] = []
    for m in pattern.finditer(spec_text):
        op = m.group("op") or ""
        ver = m.group("ver")
        if op in ("<", "<=", "!="):
            try:
                keeps = admits(f"{op}{ver}", new_text, style)
            except SpecError:
                keeps = False
            if keeps:
                continue
        replacement = _rewrite_clause(op, ver, new, new_text, next_feature)
        if replacement is None:
            start, end = m.start(), m.end()
            after = re.match(r"\s*,\s*", spec_text[end:])
            before = re.search(r"\s*,\s*$", spec_text[:start])
            if after:
                end += after.end()
            elif before:
                start = before.start()
            edits.append((start, end, ""))
            continue
        # keep the author's spacing between operator and version ("== 3.2")
        space = m.group(0)[len(op) : len(m.group(0)) - len(ver)]
        rop = re.match(r"~=|===|==|!=|<=|>=|<|>|\^|~", replacement)
        rop_text = rop.group(0) if rop else ""
        edits.append((m.start(), m.end(), rop_text + (space if rop_text else "") + replacement[len(rop_text):]))
    result = spec_text
    for start, end, text in sorted(edits, reverse=True):
        result = result[:start] + text + result[end:]
    try:
        ok = admits(result, new_text, style)
    except SpecError:
        ok = False
    if not ok:
        raise SpecError(f"cannot rewrite {spec_text.strip()!r} to admit {new_text}")
    return result


# --------------------------------------------------------------------------------------------
# libraries: widen a range instead of moving it
# --------------------------------------------------------------------------------------------
def _floor_clause(op: str, ver: str, new: Version, next_feature: Callable[[str], str | None]) -> str:
    """An ``==``/``~=``/``==X.*`` clause of a library as the range it stands for, widened to ``new``."""
    base = ver[:-2] if ver.endswith(".*") else ver
    feat = _fmt_feature(new)
    upper = next_feature(feat) or default_next_feature(feat)
    return f">={base},<{upper}"


def widen(spec_text: str, new_version: str, next_feature: Callable[[str], str | None] = default_next_feature,
          style: str = "pep440", floor: str | None = None) -> str:
    """A LIBRARY's specifier rewritten to also admit ``new_version``: the upper bound moves (same
    precision: ``<4.0`` -> ``<4.1``, ``<4`` -> ``<5``), an excluding ``!=`` is dropped, the lower bound
    stays (``>=3.2,<4.0`` -> ``>=3.2,<4.1``). ``~=3.2`` / ``==3.2.*`` / ``==3.2.25`` become the range
    ``>=3.2,<4.1``; Poetry ``^3.2`` / ``~3.2`` get an alternative (``^3.2 || ^4.0``). ``floor``: raise a
    lower bound below it to it (a codemod used an API the old bound lacks). Unchanged when it already
    admits the version (and the floor); SpecError when the result would not admit it."""
    stripped = spec_text.strip()
    if stripped in ("", "*"):
        return spec_text
    new = Version(str(new_version))
    new_text = str(new_version).strip()
    result = spec_text
    if not admits(spec_text, new_text, style):
        if style == "poetry" and (re.search(r"(?:^|[\s,|])[\^~](?!=)", spec_text) or "||" in spec_text
                                  or re.fullmatch(r"\s*\d[\w.]*\s*", spec_text)):
            last = spec_text.split("||")[-1].strip()
            result = spec_text.rstrip() + " || " + bump(last, new_text, next_feature, "poetry") + spec_text[len(spec_text.rstrip()):]
        else:
            pattern = POETRY_CLAUSE if style == "poetry" else PEP440_CLAUSE
            edits: list[tuple[int, int, str]] = []
            for m in pattern.finditer(spec_text):
                op, ver = m.group("op") or "", m.group("ver")
                if op in (">=", ">"):
                    continue  # the lower bound stays
                try:
                    keeps = admits(f"{op}{ver}", new_text, style) if op else False
                except SpecError:
                    keeps = False
                if keeps:
                    continue
                if op in ("<", "<="):
                    replacement = _rewrite_clause(op, ver, new, new_text, next_feature)
                elif op == "!=":
                    replacement = None
                else:  # == / === / ~= / ==X.*
                    replacement = _floor_clause(op, ver, new, next_feature)
                start, end = m.start(), m.end()
                if replacement is None:
                    after = re.match(r"\s*,\s*", spec_text[end:])
                    before = re.search(r"\s*,\s*$", spec_text[:start])
                    if after:
                        end += after.end()
                    elif before:
                        start = before.start()
                    replacement = ""
                edits.append((start, end, replacement))
            for start, end, text in sorted(edits, reverse=True):
                result = result[:start] + text + result[end:]
    if floor:
        result = _raise_floor(result, floor, style)
    try:
        ok = admits(result, new_text, style)
    except SpecError:
        ok = False
    if not ok:
        raise SpecError(f"cannot widen {spec_text.strip()!r} to admit {new_text}")
    return result


def _raise_floor(spec_text: str, floor: str, style: str) -> str:
    """``>=2.2`` -> ``>=3.1`` when ``floor`` is 3.1 (same operator spacing); added when there is none."""
    pattern = POETRY_CLAUSE if style == "poetry" else PEP440_CLAUSE
    low = Version(floor)
    found = False
    out = spec_text
    for m in reversed(list(pattern.finditer(spec_text))):
        op, ver = m.group("op") or "", m.group("ver")
        if op not in (">=", ">"):
            continue
        found = True
        try:
            if Version(ver) >= low:
                continue
        except InvalidVersion:
            continue
        out = out[:m.start()] + f">={floor}" + out[m.end():]
    if not found:
        out = f">={floor}," + out.strip() if out.strip() else f">={floor}"
    return out
