"""Modernisation (opt-in): admin.site.register(Model, ModelAdmin) -> @admin.register(Model)."""

from __future__ import annotations

import ast

import libcst as cst

from codemods.base import Codemod, FileContext, nodes_of
from codemods.confirmed_needles import NeedlesFromConfirm
from codemods.imports import ImportIndex, dotted


def _register_call(stmt) -> cst.Call | None:
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Expr):
        call = stmt.body[0].value
        if isinstance(call, cst.Call) and dotted(call.func) and dotted(call.func).endswith(".site.register"):
            return call
    return None


class _Names(cst.CSTVisitor):
    def __init__(self):
        self.counts: dict[str, int] = {}

    def visit_Name(self, node):
        self.counts[node.value] = self.counts.get(node.value, 0) + 1


class AdminRegisterDecorator(NeedlesFromConfirm, Codemod):
    """(opt-in, ``fix --modernize``) Register ModelAdmins with the ``@admin.register`` decorator.

    What it does: a module-level ``admin.site.register(Model, ModelAdmin)`` whose admin class is
    defined earlier in the same module (at top level, without decorators, and used nowhere else)
    is deleted and the class gets ``@admin.register(Model)`` (several models: ``@admin.register(A,
    B)``). ``admin`` must be ``django.contrib.admin``. Left alone: custom admin sites, keyword
    arguments, registrations inside ``if`` / ``try`` / functions, admin classes registered twice or
    referenced elsewhere, and models defined later in the module than the admin class (the decorator
    runs when the class is created).

    Why: not a deprecation - the decorator (Django 1.7+) keeps the registration next to the class;
    users of the peer tool expect this rewrite. Never applied by ``step``.

    Example::

        # before
        class BookAdmin(admin.ModelAdmin):
            list_display = ["title"]

        admin.site.register(Book, BookAdmin)

        # after
        @admin.register(Book)
        class BookAdmin(admin.ModelAdmin):
            list_display = ["title"]

    Django versions: ``admin.register`` exists on every release the tool knows.
    """

    name = "admin_register_decorator"
    changes = ()
    available_from = "1.11"
    removed_in = ""
    triggers = ("site.register(",)
    kinds = frozenset({"python"})
    migrations = False
    modernize = True
    # prune needles (NeedlesFromConfirm): the admin class (and the model) a register() call names are defined
    # elsewhere in the file, without the trigger: the names the calls pass (``_names``, read by confirm()) keep
    # their definitions and every other use in view

    def confirm(self, tree, text, ctx) -> bool:
        self._names = None
        if tree is None:
            return True
        calls = [s.value for s in tree.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                 and isinstance(s.value.func, ast.Attribute) and s.value.func.attr == "register" and len(s.value.args) == 2]
        names = set()
        for call in calls:
            for arg in call.args:
                while isinstance(arg, ast.Attribute):
                    arg = arg.value
                if isinstance(arg, ast.Name):
                    names.add(arg.id)
        if calls:
            self._names = tuple(sorted(names))
        return bool(calls)

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        index = ImportIndex.build(module)
        admin_local = next((local for local in index.locals_for("django.contrib.admin")
                            if not index.unsure_reason(local)), None)
        if admin_local is None:
            return module
        names = _Names()
        module.visit(names)
        body = list(module.body)
        classes = {s.name.value: i for i, s in enumerate(body) if isinstance(s, cst.ClassDef)}
        defined_at = {}
        for i, s in enumerate(body):
            if isinstance(s, cst.ClassDef):
                defined_at.setdefault(s.name.value, i)
            elif isinstance(s, cst.SimpleStatementLine):
                for small in s.body:
                    if isinstance(small, cst.Assign):
                        for t in small.targets:
                            if isinstance(t.target, cst.Name):
                                defined_at.setdefault(t.target.value, i)
        plans: dict[str, list] = {}
        for i, stmt in enumerate(body):
            call = _register_call(stmt)
            if call is None or dotted(call.func) != f"{admin_local}.site.register":
                continue
            if len(call.args) != 2 or any(a.keyword is not None or a.star for a in call.args):
                continue
            model, admin_cls = call.args[0].value, call.args[1].value
            if not isinstance(admin_cls, cst.Name) or admin_cls.value not in classes:
                continue
            plans.setdefault(admin_cls.value, []).append((i, model))
        drop, decorate = set(), {}
        for cls_name, regs in plans.items():
            ci = classes[cls_name]
            cls = body[ci]
            if len(regs) != 1 or cls.decorators or names.counts.get(cls_name, 0) != 2:
                continue  # the definition + the one register() argument, nothing else
            i, model = regs[0]
            if i < ci:
                continue
            head = (dotted(model) or "").split(".")[0]
            if not head or defined_at.get(head, -1) > ci:
                continue
            drop.add(i)
            decorate[ci] = model
        if not drop:
            return module
        new_body = []
        carried = None  # the blank lines above a deleted register() go to the next statement
        for i, stmt in enumerate(body):
            if i in drop:
                carried = carried if carried is not None else stmt.leading_lines
                continue
            if carried is not None and not stmt.leading_lines:
                stmt = stmt.with_changes(leading_lines=carried)
            carried = None
            if i in decorate:
                deco = cst.Decorator(decorator=cst.Call(func=cst.parse_expression(f"{admin_local}.register"),
                                                        args=[cst.Arg(decorate[i])]))
                stmt = stmt.with_changes(decorators=[deco])
            new_body.append(stmt)
        return module.with_changes(body=new_body)
