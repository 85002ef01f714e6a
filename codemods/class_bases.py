"""Whether a class derives from one of a set of library classes: directly (through the file's
imports) or through a class of the same module already known to (``known``, filled as the module's
classes are left, in order).

Shared by the codemods that rewrite a method of, say, every ``LogoutView`` subclass
(``logoutview_get_next_page``, ``middlewaremixin_get_response``, ``delete_view_form_valid``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import libcst as cst

from codemods.imports import ImportIndex, dotted


@dataclass
class BaseMatch:
    found: bool = False  # a base is a class of ``known``, or a library base imported surely
    reasons: list[str] = field(default_factory=list)  # why each library base imported unsurely is unsure, in order
    others: list[str] = field(default_factory=list)  # the other bases' dotted names, in order


def match_bases(cls: cst.ClassDef, index: ImportIndex, known: set[str],
                is_base: Callable[[str | None], bool]) -> BaseMatch:
    """Sort ``cls``'s (non-keyword) bases. ``is_base``: whether a base's resolved qualified name (None
    when not imported) is one of the library classes. Bases that are not a dotted name are skipped."""
    match = BaseMatch()
    for arg in cls.bases:
        name = dotted(arg.value)
        if name is None:
            continue
        if name in known:
            match.found = True
        elif is_base(index.resolve(arg.value)):
            reason = index.unsure_reason(name.split(".")[0])
            if reason:
                match.reasons.append(reason)
            else:
                match.found = True
        else:
            match.others.append(name)
    return match
