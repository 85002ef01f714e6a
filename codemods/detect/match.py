"""Where a detect item matches: lines of a Python file (``python_lines``) or a template (``template_lines``)."""

from __future__ import annotations

import ast
import re

from codemods.detect.pyfile import PyFile, assign_targets, top_statements
from codemods.detect.spec import Item

SETTINGS_CALLS = ("override_settings", "modify_settings", "configure")


def _under(found: str, path: str) -> bool:
    return found == path or found.startswith(path + ".")


def _segment(pf: PyFile, node) -> str:
    try:
        return ast.get_source_segment("\n".join(pf.lines), node) or ""
    except Exception:  # noqa: BLE001
        return ""


def _contains(pf: PyFile, node, needle: str | None) -> bool:
    if not needle:
        return True
    if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and needle in n.value for n in ast.walk(node)):
        return True
    return needle in _segment(pf, node)


def _call_ok(call: ast.Call, item: Item, pf: PyFile | None = None) -> bool:
    kw = {k.arg for k in call.keywords if k.arg}
    if item.get("keyword"):
        value = next((k.value for k in call.keywords if k.arg == item.get("keyword")), None)
        if value is None or (pf is not None and not _contains(pf, value, item.get("value_contains"))):
            return False
    starred = any(isinstance(a, ast.Starred) for a in call.args)
    most = item.get("positional_at_most")
    if most is not None and (len(call.args) > most or starred):
        return False
    if item.get("no_keywords") and call.keywords:
        return False
    none_at = item.get("positional_none")
    if none_at is not None and not (len(call.args) > none_at and isinstance(call.args[none_at], ast.Constant)
                                    and call.args[none_at].value is None):
        return False
    receiver = item.get("receiver_calls")
    if receiver and not _receiver_calls(call, receiver):
        return False
    if item.get("first_positional_bool") and not (call.args and isinstance(call.args[0], ast.Constant)
                                                  and isinstance(call.args[0].value, bool)):
        return False
    wanted = item.get("receiver")
    if wanted and not _receiver_is(call, wanted):
        return False
    missing = item.get("missing_keyword")
    if missing:
        if missing in kw or any(k.arg is None for k in call.keywords):
            return False
        n = item.get("min_positional")
        if n is not None and (len(call.args) >= n or any(isinstance(a, ast.Starred) for a in call.args)):
            return False
    over = item.get("positional_over")
    if over is not None and (len(call.args) <= over or any(isinstance(a, ast.Starred) for a in call.args)):
        return False
    return True


def _call_line(call: ast.Call, item: Item) -> int:
    """The line of the keyword an item looks for (a call spanning lines), else of the call."""
    kw = item.get("keyword")
    if kw:
        for k in call.keywords:
            if k.arg == kw:
                return getattr(k, "lineno", call.lineno)
    return call.lineno


def _receiver_is(call: ast.Call, wanted) -> bool:
    value = call.func.value if isinstance(call.func, ast.Attribute) else None
    if isinstance(value, ast.Name) and value.id == "self":
        return "self" in wanted
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super":
        return "super" in wanted
    return False


def _inside(pf: PyFile, base: str | None) -> set[int] | None:
    """ids of the calls inside classes deriving from ``base`` (None: no such condition)."""
    if not base:
        return None
    return {id(n) for cls, bases in pf.classes if _base_ok(bases, base) for n in ast.walk(cls) if isinstance(n, ast.Call)}


def _receiver_calls(call: ast.Call, method: str) -> bool:
    node = call.func.value if isinstance(call.func, ast.Attribute) else None
    while node is not None:
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr == method:
                return True
            node = node.func
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return False
    return False


def _params(fn) -> set[str]:
    a = fn.args
    names = {x.arg for x in [*a.posonlyargs, *a.args, *a.kwonlyargs]}
    if a.kwarg is not None:
        names.add("**")
    return names


def _method_ok(fn, item: Item) -> bool:
    params = _params(fn)
    if item.get("has_param") and item.get("has_param") not in params:
        return False
    if item.get("missing_param") and (item.get("missing_param") in params or "**" in params):
        return False
    return True


def _base_ok(bases: list[str], wanted: str | None) -> bool:
    if not wanted:
        return True
    last = wanted.rsplit(".", 1)[-1]
    return any(b == wanted or b.rsplit(".", 1)[-1] == last for b in bases)


def python_lines(pf: PyFile, item: Item, rel: str, is_settings: bool, is_migration: bool) -> list[int]:
    where = item.get("where")
    if (where == "settings" and not is_settings) or (where == "migrations" and not is_migration) \
            or (where == "not_migrations" and is_migration):
        return []
    mod = item.get("file_imports")
    if mod and not any(_under(name, mod) for _, name in pf.imports):
        return []
    form, value = item.form, item.value
    out: list[int] = []
    if form in ("import", "module", "attribute"):
        out += [line for line, name in pf.imports if _under(name, value)]
        out += [line for line, name in pf.refs if _under(name, value)]
    elif form == "call":
        inside = _inside(pf, item.get("inside_class_base"))
        out += [_call_line(c, item) for c, callee in pf.calls if callee == value and _call_ok(c, item, pf)
                and (inside is None or id(c) in inside)]
    elif form == "method_call":
        inside = _inside(pf, item.get("inside_class_base"))
        out += [_call_line(c, item) for c, _ in pf.calls
                if isinstance(c.func, ast.Attribute) and c.func.attr == value and _call_ok(c, item, pf)
                and (inside is None or id(c) in inside)]
    elif form in ("class_base", "method"):
        method = item.get("method") if form == "class_base" else value
        base = value if form == "class_base" else None
        for cls, bases in pf.classes:
            if not _base_ok(bases, base):
                continue
            for stmt in cls.body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == method and _method_ok(stmt, item):
                    out.append(stmt.lineno)
                elif not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and not (
                        item.get("has_param") or item.get("missing_param")) and any(
                        isinstance(t, ast.Name) and t.id == method for t in assign_targets(stmt)):
                    out.append(stmt.lineno)  # an attribute overriding it (mime_type = "...")
    elif form == "meta_option":
        # any class's ``class Meta`` (models often derive from the project's own abstract bases, whose
        # ancestry one file does not show; ``class_base`` documents the intent)
        for cls, bases in pf.classes:
            for stmt in cls.body:
                if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
                    for s in stmt.body:
                        if any(isinstance(t, ast.Name) and t.id == value for t in assign_targets(s)):
                            out.append(s.lineno)
    elif form == "class_attribute":
        values = item.get("values")
        for cls, _ in pf.classes:
            for stmt in cls.body:
                if any(isinstance(t, ast.Name) and t.id == value for t in assign_targets(stmt)):
                    v = getattr(stmt, "value", None)
                    if values is None or (isinstance(v, ast.Constant) and any(v.value is x or (
                            type(v.value) is type(x) and v.value == x) for x in values)):
                        out.append(stmt.lineno)
    elif form == "module_variable":
        fname = item.get("filename")
        if fname is None or rel.rsplit("/", 1)[-1] == fname:
            for stmt in top_statements(pf.tree):
                if any(isinstance(t, ast.Name) and t.id == value for t in assign_targets(stmt)):
                    out.append(stmt.lineno)
    elif form == "setting":
        needle = item.get("value_contains")
        if is_settings:
            for stmt in top_statements(pf.tree):
                if any(isinstance(t, ast.Name) and t.id == value for t in assign_targets(stmt)):
                    if stmt.value is not None and _contains(pf, stmt.value, needle):
                        out.append(stmt.lineno)
        if not needle:
            out += [line for line, name in pf.settings_refs if name == value]
        for c, callee in pf.calls:
            name = (callee or "").rsplit(".", 1)[-1] or _callee_last(c)
            if name in SETTINGS_CALLS:
                out += [c.lineno for k in c.keywords if k.arg == value and _contains(pf, k.value, needle)]
    elif form == "migration_operation":
        if is_migration:
            out += [c.lineno for c, _ in pf.calls if _callee_last(c) == value]
    elif form == "migration_option":
        if is_migration:
            for node in ast.walk(pf.tree):
                if isinstance(node, ast.Dict):
                    out += [k.lineno for k in node.keys if isinstance(k, ast.Constant) and k.value == value]
    elif form == "attribute_store":
        for node in pf.attributes:
            if node.attr == value and isinstance(node.ctx, ast.Store):
                out.append(node.lineno)
    elif form == "attribute_name":
        after = item.get("after")
        for node in pf.attributes:
            if node.attr == value and isinstance(node.ctx, ast.Load) and (
                    not after or (isinstance(node.value, ast.Attribute) and node.value.attr == after)):
                out.append(node.lineno)
    elif form == "string":
        out += [s.lineno for s in pf.strings if value in s.value]
    return out


def _callee_last(call: ast.Call) -> str | None:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


# -- templates ---------------------------------------------------------------------------------------
_TAG = re.compile(r"\{%-?\s*(.*?)\s*-?%\}", re.S)
_VAR_OR_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)


def _blank_comments(text: str) -> str:
    """``text`` with its comments blanked (newlines kept); kept on a ``ScannedText`` for the other
    items asked of the same template."""
    memo = getattr(text, "__dict__", None)
    if memo is not None and "_blanked" in memo:
        return memo["_blanked"]
    blanked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text) if "{" in text else text
    if memo is not None:
        memo["_blanked"] = blanked
    return blanked


def _lines_at(text: str, offsets) -> list[int]:
    """The 1-based line of each of ``offsets`` (ascending): each newline is counted once, so a large
    template with thousands of matches costs one pass, not one pass per match."""
    out, line, at = [], 1, 0
    for pos in offsets:
        line += text.count("\n", at, pos)
        at = pos
        out.append(line)
    return out


def template_lines(text: str, item: Item) -> list[int]:
    text = _blank_comments(text)
    if item.form == "template_regex":
        return _lines_at(text, (m.start() for m in re.finditer(item.value, text)))
    if item.form == "template_filter":
        frx = re.compile(r"\|\s*" + re.escape(item.value) + r"\b")
        return _lines_at(text, (m.start() for m in _VAR_OR_TAG.finditer(text) if frx.search(m.group(0))))
    return _lines_at(text, (m.start() for m in _TAG.finditer(text) if _tag_hit(m.group(1).split(), item)))


def _tag_hit(tokens: list[str], item: Item) -> bool:
    if not tokens:
        return False
    if item.form == "template_load" and tokens[0] == "load":
        libs = tokens[1:]
        if "from" in libs:
            libs = libs[libs.index("from") + 1:]
        return item.value in libs
    return item.form == "template_tag" and tokens[0] == item.value


def trigger_lines(text: str, triggers, kind: str) -> list[int]:
    """Lines carrying one of ``triggers`` outside comments (where a codemod has no line-level table)."""
    if kind == "template":
        text = _blank_comments(text)
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        if kind == "python" and line.lstrip().startswith("#"):
            continue
        code = line.split("#", 1)[0] if kind == "python" else line
        if any(t in code for t in triggers):
            out.append(i)
    return out
