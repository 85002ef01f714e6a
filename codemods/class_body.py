"""The names a class body defines at its top level: its ``def`` statements and the plain names its
assignments (``a = b = ...``, ``a: int = ...``) bind.

Shared by ``path_infos_properties`` and ``where_child_contains_over_clause``."""

from __future__ import annotations

import libcst as cst


def defined_names(body) -> list[tuple[int, str]]:
    """``(index of the statement in body, name)`` for each name, in order (a name may come twice)."""
    found = []
    for i, s in enumerate(body):
        if isinstance(s, cst.FunctionDef):
            found.append((i, s.name.value))
        elif isinstance(s, cst.SimpleStatementLine):
            for small in s.body:
                targets = [t.target for t in getattr(small, "targets", ())] + \
                    ([small.target] if isinstance(small, cst.AnnAssign) else [])
                found.extend((i, t.value) for t in targets if isinstance(t, cst.Name))
    return found
