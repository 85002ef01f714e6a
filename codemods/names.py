"""How a codemod may write a name it introduces into a module.

    text, needs = name_for(index, "django.http.HttpResponse", aliases=("django.http.response.HttpResponse",))
    # ("HttpResponse", ("django.http", "HttpResponse")): write HttpResponse, add that import
    # ("Resp", None): already imported as Resp
    # None: the name is taken by something else (report and leave the code alone)
"""

from __future__ import annotations

from codemods.imports import ImportIndex


def name_for(index: ImportIndex, qualname: str, aliases: tuple[str, ...] = ()) -> tuple[str, tuple[str, str] | None] | None:
    mod, _, name = qualname.rpartition(".")
    quals = (qualname, *aliases)
    found = index.bindings.get(name) or []
    if found:
        if len(found) == 1 and found[0].qualname in quals and not index.unsure_reason(name):
            return name, None
        return None
    for q in quals:
        for local in index.locals_for(q):
            if not index.unsure_reason(local):
                return local, None
    if name in index.other_bound:
        return None
    return name, (mod, name)
