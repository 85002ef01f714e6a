"""Editing a module's top-level ``from ... import ...`` lines, keeping its layout:

    module = add_from_import(module, "django.utils.encoding", "force_str")   # merged into an
                                     # existing ``from django.utils.encoding import ...`` when there is one
    module = remove_from_import(module, "django.utils.encoding", "force_text")
    module = remove_if_unused(module, "django.utils.encoding", "force_text")  # only if now unused
    related_insert_index(module, "django.urls")   # where a new import of that module goes
    insert_index(module)                           # after the last import / the docstring
"""

from __future__ import annotations

import libcst as cst

from codemods.dotted_names import dotted, module_name
from codemods.references import count_references


def _is_top_import(stmt) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)


def insert_index(module: cst.Module) -> int:
    """After the last top-level import, else after the docstring / __future__ imports."""
    last_import = None
    for i, stmt in enumerate(module.body):
        if _is_top_import(stmt):
            last_import = i
    if last_import is not None:
        return last_import + 1
    idx = 0
    if module.body and isinstance(module.body[0], cst.SimpleStatementLine) and module.body[0].body and \
            isinstance(module.body[0].body[0], cst.Expr) and isinstance(module.body[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        idx = 1
    return idx


def has_from_import(module: cst.Module, mod: str, name: str) -> bool:
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.ImportFrom) and module_name(small) == mod and not isinstance(small.names, cst.ImportStar):
                if any(dotted(a.name) == name and a.asname is None for a in small.names):
                    return True
    return False


def add_from_import(module: cst.Module, mod: str, name: str) -> cst.Module:
    """Ensure ``from mod import name`` at top level, merging into an existing ``from mod import ...``."""
    if has_from_import(module, mod, name):
        return module
    body = list(module.body)
    for i, stmt in enumerate(body):
        if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
            continue
        small = stmt.body[0]
        if isinstance(small, cst.ImportFrom) and module_name(small) == mod and not isinstance(small.names, cst.ImportStar):
            names = list(small.names)
            last = names[-1]
            trailing = last.comma
            names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            if small.lpar is not None and isinstance(trailing, cst.Comma):
                # parenthesised, one-per-line style: the old last name gets the comma layout that
                # leads to the next name (the indentation after "("), the new one the closing one
                sep: cst.BaseParenthesizableWhitespace = cst.SimpleWhitespace(" ")
                if isinstance(trailing.whitespace_after, cst.ParenthesizedWhitespace):
                    if isinstance(small.lpar.whitespace_after, cst.ParenthesizedWhitespace):
                        sep = small.lpar.whitespace_after
                    elif len(names) >= 2 and isinstance(names[-2].comma, cst.Comma):
                        sep = names[-2].comma.whitespace_after
                names[-1] = last.with_changes(comma=cst.Comma(whitespace_before=trailing.whitespace_before,
                                                              whitespace_after=sep))
                names.append(cst.ImportAlias(name=cst.Name(name), comma=trailing))
            else:
                names.append(cst.ImportAlias(name=cst.Name(name)))
            body[i] = stmt.with_changes(body=[small.with_changes(names=names)])
            return module.with_changes(body=body)
    new_stmt = cst.parse_statement(f"from {mod} import {name}\n")
    body.insert(related_insert_index(module, mod), new_stmt)
    return module.with_changes(body=body)


def _stmt_modules(stmt) -> list[str]:
    mods = []
    if isinstance(stmt, cst.SimpleStatementLine):
        for small in stmt.body:
            if isinstance(small, cst.ImportFrom):
                mods.append(module_name(small))
            elif isinstance(small, cst.Import):
                mods.extend(dotted(a.name) or "" for a in small.names)
    return mods


def related_insert_index(module: cst.Module, mod: str) -> int:
    """Keep import groups tidy: insert after the top-level import that shares the longest dotted
    prefix with ``mod`` (so ``django.urls`` lands among the ``django.*`` imports and sorted within
    them where it can), else after the last import."""
    want = mod.split(".")
    best_i, best_len = None, 0
    for i, stmt in enumerate(module.body):
        for other in _stmt_modules(stmt):
            parts = other.split(".")
            common = 0
            for a, b in zip(want, parts):
                if a != b:
                    break
                common += 1
            if common and (common > best_len or (common == best_len and other <= mod)):
                best_i, best_len = i, common
    if best_i is None:
        return insert_index(module)
    # within the group, move past neighbours that sort before the new module
    i = best_i
    while i + 1 < len(module.body):
        nxt = _stmt_modules(module.body[i + 1])
        if nxt and all(n.split(".")[0] == want[0] and n <= mod for n in nxt):
            i += 1
        else:
            break
    return i + 1


def _strip_leading_blank_lines(lines) -> list:
    """``lines`` (EmptyLine nodes) without the blank ones before the first comment."""
    lines = list(lines)
    while lines and lines[0].comment is None:
        lines.pop(0)
    return lines


def _is_docstring(stmt) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and \
        isinstance(stmt.body[0], cst.Expr) and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))


def remove_from_import(module: cst.Module, mod: str, name: str, asname: str | None = None) -> cst.Module:
    """Remove ``name`` (optionally ``name as asname``) from top-level ``from mod import ...`` lines.

    A line left empty is dropped; comments above it move to the next statement. When the dropped
    line opened the module (or followed its docstring), the blank lines below it go too, so the file
    does not start with blank lines; the spacing above it (after the docstring) is kept.
    """
    body = []
    changed = False
    carry = []
    strip_next = False  # the removed statement opened the module (or followed its docstring)
    for stmt in module.body:
        if carry or strip_next:
            own = list(stmt.leading_lines)
            if strip_next:
                own = _strip_leading_blank_lines(own)
            stmt = stmt.with_changes(leading_lines=[*carry, *own])
            if not body and not module.header:
                stmt = stmt.with_changes(leading_lines=_strip_leading_blank_lines(stmt.leading_lines))
            carry = []
            strip_next = False
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.ImportFrom):
            small = stmt.body[0]
            if module_name(small) == mod and not isinstance(small.names, cst.ImportStar):
                keep = [a for a in small.names if not (dotted(a.name) == name and
                        ((a.asname is None and asname is None) or (a.asname is not None and dotted(a.asname.name) == asname)))]
                if len(keep) != len(small.names):
                    changed = True
                    if not keep:
                        if not body or (len(body) == 1 and _is_docstring(body[0])):
                            # at the top: keep the spacing above the removed line, drop the one below
                            carry = [*carry, *stmt.leading_lines]
                            strip_next = True
                        else:
                            carry = [*carry, *(l for l in stmt.leading_lines if l.comment is not None)]
                        continue
                    last = keep[-1]
                    if small.lpar is None:
                        keep[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    elif keep[-1] is not small.names[-1]:
                        # the old last name went: its comma carries the layout before ")"
                        keep[-1] = last.with_changes(comma=small.names[-1].comma)
                    body.append(stmt.with_changes(body=[small.with_changes(names=keep)]))
                    continue
        body.append(stmt)
    if carry:
        kept = [l for l in carry if l.comment is not None] if strip_next else carry
        module = module.with_changes(footer=[*kept, *module.footer])
    return module.with_changes(body=body) if changed else module


def remove_if_unused(module: cst.Module, mod: str, name: str, local: str | None = None) -> cst.Module:
    """Remove the from-import of ``name`` when the local name is no longer referenced."""
    local = local or name
    if count_references(module, local) == 0:
        return remove_from_import(module, mod, name, asname=None if local == name else local)
    return module
