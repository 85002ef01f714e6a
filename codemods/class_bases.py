"""Whether a class derives from one of a set of library classes: directly (through the file's
imports) or through a class of the same module already known to (``known``, filled as the module's
classes are left, in order).

Shared by the codemods that rewrite a method of, say, every ``LogoutView`` subclass
(``logoutview_get_next_page``, ``middlewaremixin_get_response``, ``delete_view_form_valid``).
``ast_bases_may_match`` is the same question on the ``ast`` tree, as a ``confirm`` asks it: it may
say yes where the transform then finds no match, never the other way round.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable

import libcst as cst

from codemods.calls import ast_dotted, may_resolve_to
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


def ast_bases_may_match(cls: ast.ClassDef, targets, qualnames, named: Callable[[str], bool] = lambda _: False) -> bool:
    """Whether a base of ``cls`` may be one of the library classes ``qualnames``: it resolves to one
    through the imports (``targets``: ``calls.ast_import_targets(tree)``), or ``named`` accepts its
    dotted name (a last name, a suffix, a class of the module known to be one)."""
    for base in cls.bases:
        if isinstance(base, ast.Starred):
            base = base.value
        chain = ast_dotted(base)
        if chain and (named(chain) or may_resolve_to(chain, *targets, qualnames)):
            return True
    return False
