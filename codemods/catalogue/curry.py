"""Codemod: django.utils.functional.curry() -> functools.partial / functools.partialmethod."""

from __future__ import annotations

import libcst as cst

from codemods.calls import positional
from codemods.callrewrite import CallRewriteCodemod
from codemods.imports import count_references, dotted, remove_if_unused
from codemods.local_bindings import BindingTargets

OLD = "django.utils.functional.curry"

# where a curry() call sits (decided on the original tree before the rewrite)
METHOD = "method"  # ``name = curry(...)`` directly in a class body
CLASS_BODY = "class body"  # anywhere else in a class body (outside its functions)
SETATTR = "setattr"  # ``setattr(x, name, curry(...))``
ATTR = "attribute"  # ``x.name = curry(...)`` with x other than ``self``
FLOWS = "flows"  # ``name = curry(...)`` where ``name`` then goes into a class (body, setattr, attribute)


class _Rebinds(BindingTargets):
    """Whether a function body binds ``name`` again."""

    def __init__(self, name: str):
        self.name, self.found = name, False

    def bound(self, names):
        if self.name in names:
            self.found = True

    def visit_Global(self, node):
        self.found = self.found or any(n.name.value == self.name for n in node.names)

    def visit_Nonlocal(self, node):
        self.found = self.found or any(n.name.value == self.name for n in node.names)


def _model_class_param(node: cst.FunctionDef) -> str | None:
    """``cls`` of ``def contribute_to_class(self, cls, name, ...)``: Django passes the model class there
    (``Model.add_to_class()``), so an attribute set on it is a class attribute; None if it is rebound."""
    params = [*node.params.posonly_params, *node.params.params]
    if node.name.value != "contribute_to_class" or len(params) < 2:
        return None
    name = params[1].name.value
    rebinds = _Rebinds(name)
    node.body.visit(rebinds)
    return None if rebinds.found else name


class _Places(cst.CSTVisitor):
    """Classify every call in the module by where its value goes (see the constants above)."""

    def __init__(self):
        self.place: dict[int, str] = {}
        self.scopes: list[str] = []  # "class" / "function"
        self.model_cls: list[str | None] = []  # per function: its model-class parameter (contribute_to_class)
        self.named: dict[str, list[int]] = {}  # name -> calls assigned to it outside class bodies
        self.into_class: set[str] = set()  # names used where a value becomes a class attribute

    def _in_class_body(self) -> bool:
        return bool(self.scopes) and self.scopes[-1] == "class"

    def visit_ClassDef(self, node):
        self.scopes.append("class")

    def leave_ClassDef(self, node):
        self.scopes.pop()

    def visit_FunctionDef(self, node):
        self.model_cls.append(_model_class_param(node) if self._in_class_body() else None)
        self.scopes.append("function")

    def leave_FunctionDef(self, node):
        self.scopes.pop()
        self.model_cls.pop()

    def _is_model_class(self, node) -> bool:
        """``node`` is the model-class parameter of the ``contribute_to_class`` we are directly in."""
        return bool(self.scopes) and self.scopes[-1] == "function" and bool(self.model_cls) \
            and self.model_cls[-1] is not None and isinstance(node, cst.Name) and node.value == self.model_cls[-1]

    def visit_Lambda(self, node):
        self.model_cls.append(None)
        self.scopes.append("function")

    def leave_Lambda(self, node):
        self.scopes.pop()
        self.model_cls.pop()

    def visit_Assign(self, node: cst.Assign):
        value = node.value
        if self._in_class_body():
            if isinstance(value, cst.Call) and all(isinstance(t.target, cst.Name) for t in node.targets):
                self.place[id(value)] = METHOD
            elif isinstance(value, cst.Name):
                self.into_class.add(value.value)
            return
        for t in node.targets:
            target = t.target
            if isinstance(target, cst.Attribute) and self._is_model_class(target.value) and isinstance(value, cst.Call):
                self.place[id(value)] = METHOD
            elif isinstance(target, cst.Attribute) and dotted(target.value) != "self":
                if isinstance(value, cst.Call):
                    self.place[id(value)] = ATTR
                elif isinstance(value, cst.Name):
                    self.into_class.add(value.value)
            elif isinstance(target, cst.Name) and isinstance(value, cst.Call):
                self.named.setdefault(target.value, []).append(id(value))

    def visit_AnnAssign(self, node: cst.AnnAssign):
        if self._in_class_body() and isinstance(node.value, cst.Call) and isinstance(node.target, cst.Name):
            self.place[id(node.value)] = METHOD
        elif self._in_class_body() and isinstance(node.value, cst.Name):
            self.into_class.add(node.value.value)

    def visit_Call(self, node: cst.Call):
        if self._in_class_body():
            self.place.setdefault(id(node), CLASS_BODY)
        if dotted(node.func) == "setattr" and len(node.args) >= 3:
            value = node.args[2].value
            target = node.args[0].value
            if dotted(target) == "self":
                return  # an instance attribute, as ``self.name = ...``: partial
            if isinstance(value, cst.Name):
                self.into_class.add(value.value)
            else:
                self.place[id(value)] = METHOD if self._is_model_class(target) else SETATTR

    def finish(self) -> dict[int, str]:
        for name in self.into_class:
            for call in self.named.get(name, ()):
                self.place[call] = FLOWS
        return self.place


class Curry(CallRewriteCodemod):
    """Replace ``curry()`` with ``functools.partial`` (``functools.partialmethod`` for a method).

    What it does: ``curry(f, *args, **kwargs)`` becomes ``partial(f, *args, **kwargs)`` (same call:
    the curried arguments first, then the caller's; the caller's keywords win), importing it from
    ``functools`` and dropping the old import once unused. ``name = curry(f, key=value)`` directly in
    a class body - where the function ``curry`` returned became a method - becomes
    ``name = partialmethod(f, key=value)``: with keyword arguments only, both call
    ``f(instance, ..., key=value)`` (and ``f(...)`` through the class). The same holds for
    ``setattr(cls, name, curry(...))`` / ``cls.name = curry(...)`` in a field's
    ``contribute_to_class(self, cls, name)``, where Django passes the model class as ``cls`` (the
    ``get_FOO_display`` pattern, which Django itself moved to ``partialmethod``).

    Left alone and reported: in a class body, ``curry`` with positional arguments (the old method
    received the instance AFTER them, ``partialmethod`` passes it first: reorder ``f``'s parameters
    by hand, as Django did for ``method_get_order``) or ``*args``, or inside another expression;
    other ``setattr(x, name, curry(...))`` and ``x.name = curry(...)`` (``x`` other than ``self``), where
    ``x`` may be a class (``partialmethod``) or an instance (``partial``); a name assigned from
    ``curry(...)`` that then goes into a class that way; names taken by something else.

    Why: Django 3.0 removed ``django.utils.functional.curry`` without a deprecation period
    (``ImportError``); the release notes say to use ``functools.partial`` or ``partialmethod``.

    A ``partial`` object is not a function: it is not a descriptor (stored on a class later - out of
    this file's sight, e.g. returned from a function - it does not receive ``self``), has no
    ``__name__``, and pickles (``curry``'s closure did not).

    Example::

        # before
        from django.utils.functional import curry
        get_label = curry(format_label, prefix="#")

        class Ticket(models.Model):
            get_status_display = curry(_display, field="status")

        # after
        from functools import partial, partialmethod
        get_label = partial(format_label, prefix="#")

        class Ticket(models.Model):
            get_status_display = partialmethod(_display, field="status")

    Django versions: ``functools`` works on every Django; needed before 3.0.
    """

    local_statements = False  # (its own transform: not audited for statement elision)

    name = "curry"
    changes = ("curry",)
    available_from = "1.11"
    removed_in = "3.0"
    triggers = ("curry",)
    kinds = frozenset({"python"})
    migrations = True
    callables = (OLD,)
    prunable = False  # where a curried value goes (a class body, setattr) is read from the whole module

    def transform(self, module, ctx):
        places = _Places()
        module.visit(places)
        self._places = places.finish()
        return super().transform(module, ctx)

    def rewrite(self, call, qual, ctx, edit):
        place = self._places.get(id(edit.at), "")
        if not call.args or call.args[0].star or call.args[0].keyword is not None:
            edit.report("curry() without a function first: use functools.partial by hand")
            return None
        if place in (CLASS_BODY, SETATTR, ATTR, FLOWS):
            edit.report(_REASONS[place])
            return None
        if place == METHOD:
            if len(positional(call)) > 1 or any(a.star == "*" for a in call.args):
                edit.report("curry() with positional arguments as a method: the old method received the instance "
                            "after them, partialmethod passes it first; reorder the function's parameters by hand")
                return None
            if any(a.keyword is not None and a.keyword.value in ("func", "self") for a in call.args):
                edit.report("curry() with a 'func'/'self' keyword as a method: use functools.partialmethod by hand")
                return None
            new = edit.name_for("functools.partialmethod")
        else:
            new = edit.name_for("functools.partial")
        if new is None:
            edit.report("the names partial/partialmethod are taken here: use functools.partial by hand")
            return None
        return call.with_changes(func=cst.parse_expression(new))

    def after(self, module, index, ctx):
        for local in index.locals_for(OLD):
            module = remove_if_unused(module, "django.utils.functional", "curry", local)
            if count_references(module, local) and not any(f.codemod == self.name for f in ctx.findings):
                ctx.report(local, f"'{local}' (django.utils.functional.curry) is still used: replace the rest by hand")
        return module


_REASONS = {
    CLASS_BODY: "curry() inside a class body expression: the result was a method; use functools.partialmethod "
                "(or partial) by hand",
    SETATTR: "setattr(x, name, curry(...)): use functools.partialmethod if x is a class, functools.partial if "
             "it is an instance (by hand)",
    ATTR: "x.name = curry(...): use functools.partialmethod if x is a class, functools.partial if it is an "
          "instance (by hand)",
    FLOWS: "this curry() value is later stored on a class (class body, setattr or attribute): use "
           "functools.partialmethod or partial by hand",
}
