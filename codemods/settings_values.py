"""The values of settings, for settings codemods: is a value plain enough to move into another
setting, what literal is it, and the source of a new dict value.

    is_plain_value(expr)       # literal / os.environ / os.getenv / int(...)... (not computed)
    literal_value(expr)        # True / 3 / "x" for a simple literal, else ``...``
    dict_source([("BACKEND", "'x'"), ...], indent=0)         # a formatted dict literal
"""

from __future__ import annotations

import json

import libcst as cst

from codemods.dotted_names import dotted

_PLAIN_CALLS = {"int", "str", "bool", "float", "os.environ.get", "os.getenv", "environ.get", "getenv",
                "os.path.join", "os.path.abspath", "os.path.expanduser", "Path"}


def is_plain_value(expr: cst.BaseExpression) -> bool:
    """A literal, a name, ``os.environ[...]``, ``os.environ.get(...)`` / ``os.getenv(...)``, simple
    casts and arithmetic of those. Other calls (a function computing the setting) are not plain."""
    if isinstance(expr, (cst.SimpleString, cst.Integer, cst.Float, cst.Name, cst.ConcatenatedString)):
        return True
    if isinstance(expr, cst.FormattedString):
        return all(is_plain_value(p.expression) for p in expr.parts if isinstance(p, cst.FormattedStringExpression))
    if isinstance(expr, cst.Attribute):
        return dotted(expr) is not None
    if isinstance(expr, cst.UnaryOperation):
        return is_plain_value(expr.expression)
    if isinstance(expr, (cst.BinaryOperation, cst.Comparison, cst.BooleanOperation)):
        if isinstance(expr, cst.Comparison):
            return is_plain_value(expr.left) and all(is_plain_value(c.comparator) for c in expr.comparisons)
        return is_plain_value(expr.left) and is_plain_value(expr.right)
    if isinstance(expr, cst.Subscript):
        return dotted(expr.value) in ("os.environ", "environ") and all(
            isinstance(s.slice, cst.Index) and is_plain_value(s.slice.value) for s in expr.slice)
    if isinstance(expr, cst.Call):
        func = dotted(expr.func)
        if func not in _PLAIN_CALLS:
            return False
        return all(a.star == "" and is_plain_value(a.value) for a in expr.args)
    if isinstance(expr, (cst.Tuple, cst.List)):
        return all(isinstance(e, cst.Element) and is_plain_value(e.value) for e in expr.elements)
    return False


def literal_value(expr: cst.BaseExpression):
    """The Python value of a simple literal (True/False/None, int, str), else a sentinel ``...``."""
    if isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[expr.value]
    if isinstance(expr, cst.Integer):
        try:
            return int(expr.value.replace("_", ""), 0)
        except ValueError:
            return ...
    if isinstance(expr, cst.SimpleString):
        try:
            return expr.evaluated_value
        except Exception:  # noqa: BLE001
            return ...
    return ...


def dict_source(items: list[tuple[str | None, str]], indent: int = 0, step: int = 4) -> str:
    """A multi-line dict literal. ``items`` are (key, value source); a key of None means ``**value``.
    A value may itself be a list of items (a nested dict)."""
    if not items:
        return "{}"
    pad = " " * (indent + step)
    lines = ["{"]
    for key, value in items:
        if isinstance(value, list):
            value = dict_source(value, indent + step, step)
        if key is None:
            lines.append(f"{pad}**{value},")
        else:
            lines.append(f"{pad}{json.dumps(key)}: {value},")
    lines.append(" " * indent + "}")
    return "\n".join(lines)
