"""A library's other declarations of the Django versions it supports, extended by one release.

* the ``Framework :: Django :: X.Y`` classifier (setup.py, setup.cfg, pyproject.toml): a copy of the
  last such line with the new version, same quoting and indentation;
* tox: a brace factor in ``envlist`` (``py{39,310}-django{32,40}`` -> ``django{32,40,41}``, dotted or
  not as written) and, where factor-conditional deps name one version each (``django40: Django>=4.0,<4.1``),
  a line for the new factor in the same style; those existing lines are never edited;
* GitHub Actions: a matrix key naming Django versions (``django-version: ["3.2", "4.0"]`` or a block
  list ``- "4.0"``) gets the new version appended in the same style.

Each edit is returned as a :class:`upgrader.pins.model.PinChange` (file, line, old, new); nothing is
written with ``dry_run``. Files that do not follow these shapes are left alone. The classifiers and
the CI matrix are pin formats of role ``support`` (:class:`ClassifierFormat`, :class:`GithubMatrixFormat`);
tox is :class:`upgrader.pins.toxfile.ToxFormat`.
"""

from __future__ import annotations

import re
from pathlib import Path

from core import versions
from upgrader.pins import textio
from upgrader.pins.formats import PinFormat, existing
from upgrader.pins.model import PinChange
from core.files import listdir

CLASSIFIER = re.compile(r"Framework :: Django :: (?P<ver>\d+(?:\.\d+)?)")
TOX_BRACE = re.compile(r"(?P<head>\b(?:django|dj)\{)(?P<items>[^}]*)\}", re.I)
TOX_FACTOR_DEP = re.compile(r"^(?P<lead>\s*)(?P<factor>(?:django|dj)(?P<fver>[\d.]+))\s*:\s*(?P<dep>.+)$", re.I)
MATRIX_KEY = re.compile(r"^(?P<lead>\s*)(?P<key>django(?:[-_]version)?s?)\s*:\s*(?P<rest>.*)$", re.I)


def _factor(feature: str, like: str) -> str:
    """``4.0`` in the style of ``32`` -> ``40``; of ``3.2`` -> ``4.0``; calendar ``2028`` stays."""
    if "." in like or versions.parse(feature).major >= versions.CALENDAR_FIRST:
        return feature
    return feature.replace(".", "")


def _feature_of(token: str) -> str | None:
    token = token.strip().strip("'\"")
    if re.fullmatch(r"\d\.\d+", token) or re.fullmatch(r"20\d\d", token):
        return token
    if re.fullmatch(r"\d\d", token):
        return f"{token[0]}.{token[1]}"
    if re.fullmatch(r"\d\d\d", token):
        return f"{token[0]}.{token[1:]}"
    return None


def _newer(feature: str, existing: list[str]) -> bool:
    keys = [versions.feature_key(f) for f in existing if f]
    return bool(keys) and feature not in existing


def classifier_edits(text: str, feature: str) -> list[tuple[int, str, str]]:
    """(line index, old line, new text to insert after it) for the classifier."""
    lines = textio.split_lines(text)
    found = [(i, m.group("ver")) for i, line in enumerate(lines) for m in [CLASSIFIER.search(line)] if m]
    if not found or feature in [v for _, v in found]:
        return []
    i, ver = max(found, key=lambda item: versions.feature_key(item[1]) if "." in item[1] else (0,))
    if "." not in ver:
        return []
    line = lines[i]
    body = textio.line_body(line)
    new = body.replace(f"Framework :: Django :: {ver}", f"Framework :: Django :: {feature}", 1)
    return [(i, body, new)]


def tox_edits(text: str, feature: str, next_feature: str) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]]]:
    """(replacements, insertions): envlist brace factors widened, factor deps lines added."""
    lines = textio.split_lines(text)
    replace, insert = [], []
    for i, line in enumerate(lines):
        body = textio.line_body(line)
        changed = body
        for m in TOX_BRACE.finditer(body):
            items = [x.strip() for x in m.group("items").split(",")]
            feats = [_feature_of(x) for x in items]
            if not all(feats) or feature in feats:
                continue
            new_items = m.group("items") + "," + _factor(feature, items[-1])
            changed = changed.replace(m.group(0), m.group("head") + new_items + "}", 1)
        if changed != body:
            replace.append((i, body, changed))
    factor_lines = [(i, m) for i, line in enumerate(lines) for m in [TOX_FACTOR_DEP.match(textio.line_body(line))] if m]
    feats = [_feature_of(m.group("fver")) for _, m in factor_lines]
    if factor_lines and all(feats) and feature not in feats:
        i, m = max(zip(factor_lines, feats), key=lambda item: versions.feature_key(item[1]))[0]
        old_feat = _feature_of(m.group("fver"))
        body = textio.line_body(lines[i])
        factor = m.group("factor")[: -len(m.group("fver"))] + _factor(feature, m.group("fver"))
        dep = _dep_for(m.group("dep"), old_feat, feature, next_feature)
        if dep is not None:
            insert.append((i, body, f"{m.group('lead')}{factor}: {dep}"))
    return replace, insert


def _dep_for(dep: str, old: str, new: str, nxt: str) -> str | None:
    """``Django>=3.2,<3.3`` written for 3.2 -> the same for ``new`` (``Django>=4.0,<4.1``)."""
    from upgrader.pins.specs import default_next_feature

    old_next = default_next_feature(old)
    out = dep.replace(f"<{old_next}", f"<{nxt}").replace(old, new)
    return out if out != dep else None


def matrix_edits(text: str, feature: str) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]]]:
    """GitHub Actions: flow lists replaced, block lists get a new item line."""
    lines = textio.split_lines(text)
    replace, insert = [], []
    i = 0
    while i < len(lines):
        body = textio.line_body(lines[i])
        m = MATRIX_KEY.match(body)
        if not m:
            i += 1
            continue
        rest = m.group("rest").strip()
        if rest.startswith("["):
            inner = rest[1:rest.find("]")] if "]" in rest else ""
            items = [x.strip() for x in inner.split(",") if x.strip()]
            feats = [_feature_of(x) for x in items]
            if items and all(feats) and feature not in feats:
                last = items[-1]
                quote = last[0] if last[0] in "'\"" else ""
                new_inner = inner.rstrip() + f", {quote}{feature}{quote}"
                replace.append((i, body, body.replace("[" + inner + "]", "[" + new_inner + "]", 1)))
        elif rest == "":
            j = i + 1
            items = []
            while j < len(lines):
                item = re.match(r"^(?P<lead>\s*)-\s*(?P<val>\S+)\s*$", textio.line_body(lines[j]))
                if not item:
                    break
                items.append((j, item))
                j += 1
            feats = [_feature_of(it.group("val")) for _, it in items]
            if items and all(feats) and feature not in feats:
                j, last = items[-1]
                val = last.group("val")
                quote = val[0] if val[0] in "'\"" else ""
                insert.append((j, textio.line_body(lines[j]), f"{last.group('lead')}- {quote}{feature}{quote}"))
        i += 1
    return replace, insert


def _apply(path: Path, text: str, replace, insert, root: Path) -> tuple[str, list[PinChange]]:
    lines = textio.split_lines(text)
    rel = textio.relpath(path, root)
    changes = []
    for i, old, new in replace:
        ending = lines[i][len(textio.line_body(lines[i])):]
        lines[i] = new + ending
        changes.append(PinChange(path, i + 1, old.strip(), new.strip(), source=f"{rel}:{i + 1}"))
    for i, old, new in sorted(insert, reverse=True):
        ending = lines[i][len(textio.line_body(lines[i])):] or "\n"
        if not lines[i].endswith(("\n", "\r")):
            lines[i] = lines[i] + ending
        lines.insert(i + 1, new + ending)
        changes.append(PinChange(path, i + 2, "", new.strip(), source=f"{rel}:{i + 2}", note="added"))
    return "".join(lines), changes


class ClassifierFormat(PinFormat):
    """The ``Framework :: Django :: X.Y`` classifiers of setup.py, setup.cfg and pyproject.toml: a
    library's Django bump adds the new release after the newest one listed."""

    name = "classifiers"
    role = "support"

    def find(self, root: Path) -> list[Path]:
        return existing(root, "setup.py", "setup.cfg", "pyproject.toml")

    def read(self, path: Path, ctx) -> list:
        return []

    def bump(self, path: Path, text: str, name: str, new_version: str, ctx) -> tuple[str, list[PinChange]]:
        ins = classifier_edits(text, versions.feature(new_version))
        return _apply(path, text, [], ins, ctx.root) if ins else (text, [])


class GithubMatrixFormat(PinFormat):
    """GitHub Actions workflows whose matrix names Django versions: a library's bump appends the new one."""

    name = "github-matrix"
    role = "support"

    def find(self, root: Path) -> list[Path]:
        workflows = root / ".github" / "workflows"
        if not workflows.is_dir():
            return []
        return sorted(listdir(workflows, "*.yml") + listdir(workflows, "*.yaml"))

    def read(self, path: Path, ctx) -> list:
        return []

    def bump(self, path: Path, text: str, name: str, new_version: str, ctx) -> tuple[str, list[PinChange]]:
        rep, ins = matrix_edits(text, versions.feature(new_version))
        return _apply(path, text, rep, ins, ctx.root) if rep or ins else (text, [])
