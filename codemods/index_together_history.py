"""Historical migrations without ``index_together``: ``migrate`` works on Django 5.1+ with the SAME schema.

    result = rewrite_app(Path("shop/migrations"))          # one app's migrations, read together
    result.changed      # {Path: new text}   (nothing is written; write_app() writes atomically)
    result.reports      # [(path, line, message)] why an app was left alone

Why: Django 5.1 removed ``Meta.index_together``. Historical ``CreateModel(options={"index_together":
...})`` and ``AlterIndexTogether`` still create their indexes, but the model state no longer renders
them, so on SQLite a later table rebuild (``AlterField``, ``AddField`` ... run through
``_remake_table``) silently drops those indexes and the ``RenameIndex(old_fields=...)`` that
``makemigrations`` wrote when the models moved to ``Meta.indexes`` fails with "Found wrong number (0)
of indexes" - ``migrate`` from an empty database (every test run) breaks.

What it does, per app, following the migrations in dependency order and tracking each model's table,
columns and ``index_together`` groups:

* ``CreateModel(options={"index_together": {F, ...}})`` -> the same ``CreateModel`` with
  ``options["indexes"]`` holding ``models.Index(fields=F, name=N_F)``;
* ``AlterIndexTogether(name, index_together=NEW)`` -> ``RemoveIndex(name=N_F)`` for each group it
  drops and ``AddIndex(models.Index(fields=F, name=N_F))`` for each group it adds;
* ``RenameIndex(old_fields=F, new_name=X)`` -> ``RenameIndex(old_name=N_F, new_name=X)``.

``N_F`` is exactly the name Django gives an ``index_together`` index (``<table>_<columns>_<md5
digest>_idx``, ``BaseDatabaseSchemaEditor._create_index_name``), so a database migrated with the old
history - fully or only partly - has the indexes under these very names, and every operation above
does to it what the old one did. A fresh database ends with the same tables, indexes and index names.

Left alone and reported (the whole app): a name longer than 63 characters (PostgreSQL/MySQL would have
truncated it differently), a field of a group renamed, removed or moved to another column, a renamed
model or table with groups, squashed migrations (``replaces``), values that are not literals,
``index_together`` inside ``SeparateDatabaseAndState``. For those, Django's own path applies: squash
the app's migrations on 5.0 (docs/fix.md).

Apply it after ``Meta.index_together`` is gone from the models (the ``index_together`` codemod plus
``makemigrations``) and before the 5.1 step: it needs ``RenameIndex(old_name=...)`` (Django 4.1+).
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from codemods.app_memo import AppMemo
from codemods.imports import ImportIndex, add_from_import
from codemods.index_together_state import (
    AppResult,
    _App,
    _Bail,
    _Model,
    _args,
    _code,
    _column,
    _groups,
    _literal,
    _op_name,
    _option,
    _ordered,
    app_label,
    index_name,
)
from core.files import modules_in

__all__ = ["AppResult", "app_label", "index_name", "rewrite_app", "write_app"]


class _Rewriter:
    """Rewrites one migration module's ``operations`` list, updating the app state."""

    def __init__(self, app: _App, text: str, path: Path):
        self.app, self.path = app, path
        self.module = cst.parse_module(text)
        self.positions = cst.metadata.MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(
            cst.metadata.PositionProvider)
        self.changed = False
        self.needs_models = False

    def line(self, node) -> int:
        pos = self.positions.get(node)
        return pos.start.line if pos else 0

    def run(self) -> str | None:
        new = self.module.visit(_OpsTransformer(self))
        if not self.changed:
            return None
        if self.needs_models:
            index = ImportIndex.build(new)
            b = index.binding("models")
            if b is None:
                new = add_from_import(new, "django.db", "models")
            elif b.qualname != "django.db.models":
                raise _Bail(1, "the name 'models' is not django.db.models in this migration")
        return new.code

    # -- one operation -> its replacement operations (or None to keep it as it is) ------------------
    def operation(self, call: cst.Call, prefix: str) -> list | None:
        op, line = _op_name(call), self.line(call)
        app = self.app
        if op == "CreateModel":
            a = _args(call, ("name", "fields", "options", "bases", "managers"))
            name = _literal(a["name"], line)
            options = a.get("options")
            if options is not None and not isinstance(options, cst.Dict) and "index_together" in _code(options):
                raise _Bail(line, "CreateModel options are not a literal dict")
            table_node, it_node = _option(options, "db_table"), _option(options, "index_together")
            table = _literal(table_node, line) if table_node is not None else None
            m = app.models[name.lower()] = _Model(table or f"{app.label}_{name.lower()}")
            fields = a.get("fields")
            if isinstance(fields, (cst.List, cst.Tuple)):
                for el in fields.elements:
                    if isinstance(el.value, cst.Tuple) and len(el.value.elements) == 2:
                        fname = _literal(el.value.elements[0].value, line)
                        m.columns[fname] = _column(fname, el.value.elements[1].value)
            elif fields is not None:
                raise _Bail(line, "CreateModel fields are not a literal list")
            self._track_indexes(m, options, line)
            groups = _groups(_literal(it_node, line)) if it_node is not None else []
            if not groups:
                return None
            for g in groups:
                m.groups[g] = app.name_for(m, g, line)
            return [self._create_model_without(call, options, m, groups)]
        if op == "AlterIndexTogether":
            a = _args(call, ("name", "index_together"))
            name = _literal(a["name"], line)
            m = app.model(name, line)
            new = set(_groups(_literal(a["index_together"], line)))
            old = set(m.groups)
            model = _code(a["name"]).strip()
            out = []
            for g in sorted(old - new):
                out.append(f"{prefix}RemoveIndex(model_name={model}, name={m.groups.pop(g)!r})")
            for g in sorted(new - old):
                m.groups[g] = app.name_for(m, g, line)
                out.append(f"{prefix}AddIndex(model_name={model}, index=models.Index(fields={list(g)!r}, "
                           f"name={m.groups[g]!r}))")
                self.needs_models = True
            return out
        if op == "RenameIndex":
            a = _args(call, ("model_name", "new_name", "old_name", "old_fields"))
            if "old_fields" not in a or isinstance(a["old_fields"], cst.Name):
                return None
            m = app.model(_literal(a["model_name"], line), line)
            g = tuple(_literal(a["old_fields"], line))
            if g not in m.groups:
                raise _Bail(line, f"RenameIndex(old_fields={g!r}) names no index_together group of the history")
            old_name = m.groups.pop(g)
            return [f"{prefix}RenameIndex(model_name={_code(a['model_name']).strip()}, "
                    f"new_name={_code(a['new_name']).strip()}, old_name={old_name!r})"]
        if op == "AddField":
            a = _args(call, ("model_name", "name", "field"))
            m = app.models.get(_literal(a["model_name"], line).lower())
            if m is not None:
                fname = _literal(a["name"], line)
                m.columns[fname] = _column(fname, a.get("field"))
            return None
        if op in ("RemoveField", "RenameField", "AlterField"):
            keys = {"RemoveField": ("model_name", "name"), "RenameField": ("model_name", "old_name", "new_name"),
                    "AlterField": ("model_name", "name", "field")}[op]
            a = _args(call, keys)
            m = app.models.get(_literal(a["model_name"], line).lower())
            if m is None:
                return None
            fname = _literal(a.get("name") or a["old_name"], line)
            in_group = any(fname in g for g in m.groups)
            if op == "RenameField":
                new = _literal(a["new_name"], line)
                if in_group:
                    raise _Bail(line, f"field {fname!r} of an index_together group is renamed")
                col = m.columns.pop(fname, fname)
                m.columns[new] = new if col == fname else col
            elif op == "RemoveField":
                if in_group:
                    raise _Bail(line, f"field {fname!r} of an index_together group is removed")
                m.columns.pop(fname, None)
            else:
                col = _column(fname, a.get("field"))
                if in_group and col != m.columns.get(fname):
                    raise _Bail(line, f"field {fname!r} of an index_together group moves to another column")
                m.columns[fname] = col
            return None
        if op in ("RenameModel", "AlterModelTable", "DeleteModel"):
            a = _args(call, ("old_name", "new_name") if op == "RenameModel" else ("name", "table"))
            name = _literal(a.get("old_name") or a["name"], line)
            m = app.models.get(name.lower())
            if m is None:
                return None
            if m.groups and op != "DeleteModel":
                raise _Bail(line, f"{op} of a model with index_together groups")
            if op == "DeleteModel":
                del app.models[name.lower()]
            elif op == "RenameModel":
                app.models[_literal(a["new_name"], line).lower()] = app.models.pop(name.lower())
            else:
                m.table = _literal(a["table"], line) or f"{app.label}_{name.lower()}"
            return None
        if op == "AddIndex":
            self._track_add_index(call, line)
            return None
        if op == "RemoveIndex":
            a = _args(call, ("model_name", "name"))
            m = app.models.get(_literal(a["model_name"], line).lower())
            if m is not None:
                gone = _literal(a["name"], line)
                m.groups = {g: n for g, n in m.groups.items() if n != gone}
            return None
        if "index_together" in _code(call) or "IndexTogether" in _code(call):
            raise _Bail(line, f"index_together inside {op or 'an operation'}")
        return None

    def _track_indexes(self, m: _Model, options, line: int) -> None:
        """Indexes of an already rewritten history (named as index_together names them) are groups."""
        if options is None or not isinstance(options, cst.Dict):
            return
        for el in options.elements:
            if isinstance(el, cst.DictElement) and isinstance(el.key, cst.SimpleString) and \
                    el.key.evaluated_value == "indexes" and isinstance(el.value, (cst.List, cst.Tuple)):
                for item in el.value.elements:
                    self._track_index_call(m, item.value, line)

    def _track_add_index(self, call, line: int) -> None:
        a = _args(call, ("model_name", "index"))
        m = self.app.models.get(str(_literal(a["model_name"], line)).lower())
        if m is not None and a.get("index") is not None:
            self._track_index_call(m, a["index"], line)

    def _track_index_call(self, m: _Model, node, line: int) -> None:
        if _op_name(node) != "Index":
            return
        a = _args(node, ())
        if "fields" not in a or "name" not in a or len(a) != 2:
            return
        try:
            g, name = tuple(_literal(a["fields"], line)), _literal(a["name"], line)
        except _Bail:
            return
        if all(f in m.columns for f in g) and name == index_name(m.table, [m.columns[f] for f in g]):
            m.groups[g] = name

    def _create_model_without(self, call: cst.Call, options: cst.Dict, m: _Model, groups) -> cst.Call:
        if not isinstance(options, cst.Dict):
            raise _Bail(self.line(call), "CreateModel options are not a literal dict")
        new_indexes = [f"models.Index(fields={list(g)!r}, name={m.groups[g]!r})" for g in sorted(groups)]
        self.needs_models = True
        elements, had_indexes, removed_comma, between = [], False, None, None
        for el in options.elements:
            if not isinstance(el, cst.DictElement) or not isinstance(el.key, cst.SimpleString):
                raise _Bail(self.line(call), "CreateModel options hold a ** expansion")
            key = el.key.evaluated_value
            if key == "index_together":
                removed_comma = el.comma
                if el is options.elements[-1] and elements:  # the element before it now ends the dict
                    between = elements[-1].comma
                    elements[-1] = elements[-1].with_changes(comma=removed_comma)
                continue
            if key == "indexes":
                if not isinstance(el.value, (cst.List, cst.Tuple)):
                    raise _Bail(self.line(call), "CreateModel options['indexes'] is not a literal list")
                items = [_code(e.value).strip() for e in el.value.elements] + new_indexes
                el = el.with_changes(value=cst.parse_expression("[" + ", ".join(items) + "]"))
                had_indexes = True
            elements.append(el)
        if not had_indexes:
            value = cst.parse_expression("[" + ", ".join(new_indexes) + "]")
            if elements:
                end = elements[-1].comma
                elements[-1] = elements[-1].with_changes(
                    comma=between or cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            else:
                end = removed_comma if removed_comma is not None else cst.MaybeSentinel.DEFAULT
            elements.append(cst.DictElement(key=cst.SimpleString("'indexes'"), value=value, comma=end))
        new_options = options.with_changes(elements=elements)
        return call.with_changes(args=[a.with_changes(value=new_options) if a.value is options else a for a in call.args])


class _OpsTransformer(cst.CSTTransformer):
    def __init__(self, rw: _Rewriter):
        self.rw = rw
        self.depth = 0

    def visit_ClassDef(self, node):
        self.depth += 1

    def leave_ClassDef(self, original, updated):
        self.depth -= 1
        return updated

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign):
        if not (self.depth == 1 and len(original.targets) == 1 and isinstance(original.targets[0].target, cst.Name)
                and original.targets[0].target.value == "operations"):
            return updated
        if not isinstance(original.value, (cst.List, cst.Tuple)):
            if "index_together" in _code(original.value) or "IndexTogether" in _code(original.value):
                raise _Bail(self.rw.line(original), "operations is not a literal list")
            return updated
        new_elements = []
        changed = False
        for el in original.value.elements:
            call = el.value
            prefix = ""
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute):
                prefix = _code(call.func.value).strip() + "."
            repl = self.rw.operation(call, prefix) if isinstance(call, cst.Call) else None
            if repl is None:
                new_elements.append(el)
                continue
            changed = True
            for r in repl:  # each keeps the element's comma (and so its line break and indentation)
                node = cst.parse_expression(r) if isinstance(r, str) else r
                new_elements.append(el.with_changes(value=node))
        if not changed:
            return updated
        self.rw.changed = True
        return updated.with_changes(value=updated.value.with_changes(elements=new_elements))


def rewrite_app(migrations_dir, label: str | None = None, texts: dict | None = None) -> AppResult:
    """The rewritten texts of one app's migrations (nothing is written); see the module docstring.

    ``texts``: ``{path: text}`` to use instead of (or besides) the files on disk.

    The codemod asks this once per migration it is confirmed on, with that migration's text: the
    answer for the same app with the same migrations is remembered (``codemods.app_memo``), so an
    app of 1,500 migrations is read and ordered once, not once per migration that names
    ``index_together``. Treat the result as read-only."""
    d = Path(migrations_dir)
    label = label or app_label(d)
    given = {Path(p): t for p, t in (texts or {}).items()}
    return _MEMO.get(d, label, given, lambda kept: _rewrite_app(d, label, kept))


_MEMO = AppMemo()


def _rewrite_app(d: Path, label: str, given: dict) -> AppResult:
    paths = {p.stem: p for p in modules_in(d) if p.name != "__init__.py"}
    paths.update({p.stem: p for p in given if p.name != "__init__.py"})
    texts = {}
    for stem, p in paths.items():
        if p in given:
            texts[stem] = given[p]
            continue
        try:
            texts[stem] = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    paths = {stem: p for stem, p in paths.items() if stem in texts}
    result = AppResult()
    if not any("index_together" in t or "IndexTogether" in t or "old_fields" in t for t in texts.values()):
        return result
    order, squashed = _ordered(texts, label)
    if squashed:
        result.reports.append((d, 0, "squashed migrations (replaces) in this app: remove the replaced migrations "
                                     "first, then rewrite index_together"))
        return result
    app = _App(label)
    changed = {}
    for stem in order:
        try:
            rw = _Rewriter(app, texts[stem], paths[stem])
            new = rw.run()
        except _Bail as exc:
            result.reports.append((paths[stem], exc.line, f"left this app's migrations alone: {exc.message}; "
                                                          "squash them instead (docs/fix.md)"))
            return result
        except cst.ParserSyntaxError:
            result.reports.append((paths[stem], 0, "cannot parse this migration: app left alone"))
            return result
        if new is not None and new != texts[stem]:
            compile(new, str(paths[stem]), "exec")  # never write a file that does not parse
            changed[paths[stem]] = new
    result.changed = changed
    return result


def write_app(result: AppResult) -> None:
    from core.atomic import write_text

    for path, text in result.changed.items():
        write_text(path, text)
