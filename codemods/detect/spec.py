"""The detector spec: the items of a change's ``"detect"`` list, checked and normalised.

An item is a small dict naming ONE thing to look for (see docs/release-data.md for the full list)::

    {"import": "django.utils.encoding.force_text"}     import of it, or a use through an import alias
    {"module": "django.utils.six"}                       import of the module or below, or a use of it
    {"attribute": "django.utils.timezone.utc"}           a resolved attribute access (or its import)
    {"call": "django.db.models.ForeignKey", "missing_keyword": "on_delete", "min_positional": 2}
    {"call": "...StringAgg", "keyword": "delimiter"}     a call passing the keyword
    {"call": "...Signer", "positional_over": 1}          a call with more than N positional arguments
    {"method_call": "is_ajax"}                           x.is_ajax(...) (also with keyword / missing_keyword)
    {"class_base": "...DeleteView", "method": "delete"}  a subclass defining the method
    {"method": "from_db_value", "has_param": "context"}  any class defining it with / without a parameter
    {"class_base": "...Model", "meta_option": "index_together"}   class Meta: index_together = ...
    {"class_attribute": "requires_system_checks", "values": [true, false]}
    {"module_variable": "default_app_config", "filename": "__init__.py"}
    {"setting": "USE_L10N"}   {"setting": "PASSWORD_HASHERS", "value_contains": "SHA1PasswordHasher"}
    {"setting_missing": "USE_TZ"}                        no settings module sets it (reported on the first)
    {"migration_operation": "AlterIndexTogether"}  {"migration_option": "index_together"}
    {"template_tag": "ifequal"}  {"template_filter": "length_is"}  {"template_load": "staticfiles"}
    {"string": "django.core.cache.backends.memcached.MemcachedCache"}
    {"attribute_store": "coord_dim"}                     an assignment ``x.coord_dim = ...``
    {"attribute_name": "rel"}                            any ``x.rel`` read (``"after": "remote_field"``: ``x.remote_field.rel``)
    {"template_regex": "\\{\\{[^}]*\\w\\.\\.\\w"}           a regex over a template (comments blanked)

Call options (``call`` and ``method_call``): ``keyword`` (with ``value_contains``), ``missing_keyword``
(with ``min_positional``), ``positional_over``, ``positional_at_most``, ``no_keywords``,
``positional_none`` (the argument at that index is the constant None), ``first_positional_bool``,
``receiver_calls`` (the receiver chain calls this method: ``qs.prefetch_related(...).iterator()``),
``receiver`` (a list of ``"self"`` / ``"super"``: ``self.save(...)``, ``super().save(...)``),
``inside_class_base`` (the call is inside a class deriving from it).
Every python item may also carry ``"where": "settings" | "migrations" | "not_migrations"``,
``"file_imports": "django.contrib.gis"`` (only in files importing that module or below) and
``"only_confirmed": true`` (only in files that the change's codemod accepts: its prefilter and confirm
decide the file, the item the lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codemods.scanned_text import word_start

#: the key naming an item's form -> the files it is checked in
FORMS = {
    "import": "python", "module": "python", "attribute": "python", "call": "python",
    "method_call": "python", "class_base": "python", "method": "python", "meta_option": "python",
    "class_attribute": "python", "module_variable": "python", "setting": "python",
    "setting_missing": "project", "migration_operation": "python", "migration_option": "python",
    "string": "python", "attribute_store": "python", "attribute_name": "python", "template_regex": "template", "template_tag": "template", "template_filter": "template", "template_load": "template",
}
OPTIONS = {
    "missing_keyword", "min_positional", "keyword", "positional_over", "method", "meta_option",
    "has_param", "missing_param", "value_contains", "values", "filename", "where", "why",
    "positional_at_most", "no_keywords", "positional_none", "receiver_calls", "file_imports", "only_confirmed",
    "inside_class_base", "receiver", "first_positional_bool", "after",
}
WHERE = ("settings", "migrations", "not_migrations")


class SpecError(ValueError):
    """A malformed ``detect`` item (a bug in release data, reported with the change id)."""


@dataclass(frozen=True)
class Item:
    form: str  # the key naming the form ("import", "call", ...); "class_base" items with a meta_option are "meta_option"
    value: str  # its value (a dotted name, a tag, a setting ...)
    opts: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def kind(self) -> str:
        return FORMS[self.form]

    def get(self, key, default=None):
        return self.opts.get(key, default)

    def triggers(self) -> tuple[str, ...]:
        """Substrings one of which occurs in every file this item can match (the text prefilter)."""
        if self.form in ("import", "module", "attribute", "call"):
            return (self.value.rsplit(".", 1)[-1],)
        if self.form == "class_base":
            return (self.opts["method"],) if self.opts.get("method") else (self.value.rsplit(".", 1)[-1],)
        if self.form == "setting_missing":
            return ()
        if self.form == "template_regex":
            return ("{",)
        return (str(self.value),)

    def required(self) -> tuple[str, ...]:
        """Words that ALL occur in every file this item can match, besides one of ``triggers()``:
        a dotted name is reached through an absolute import that names every module above it
        (``django``, ``utils`` and ``datetime_safe`` for ``django.utils.datetime_safe.date``, however it
        is imported or aliased: ``from django.utils import datetime_safe as ds``); a class's base
        is named where the class is; a keyword, a method the receiver calls, the attribute before the one
        read, or a ``Meta`` class is written."""
        out = []
        if self.form in ("import", "attribute", "call") and self.value.count(".") >= 1:
            out.extend(self.value.split(".")[:-1])
        if self.form == "class_base" and self.opts.get("method"):
            out.append(self.value.rsplit(".", 1)[-1])
        if self.form in ("call", "method_call"):
            for opt in ("keyword", "receiver_calls"):  # (a keyword passed; a method called in the receiver)
                if isinstance(self.opts.get(opt), str):
                    out.append(self.opts[opt])
        if self.form == "meta_option":
            out.append("Meta")  # (an option is looked for in a ``class Meta``)
        if self.form == "attribute_name" and isinstance(self.opts.get("after"), str):
            out.append(self.opts["after"])
        return tuple(dict.fromkeys(w for w in out if w.isidentifier()))


# what may stand between two tokens of one expression: spaces, newlines and comments (inside brackets),
# backslash-newlines (a comment is matched to its newline, so the alternatives never overlap: linear)
_GAP = r"(?:[ \t\f\r\n\\]|#[^\n]*\n)*"
_GAP_CLOSE = r"(?:[ \t\f\r\n\\)]|#[^\n]*\n)*"  # (and the end of a parenthesised part)


def item_shapes(item: "Item") -> tuple[str, ...]:
    """Regular expressions ALL of which match every file ``item`` can match (after ``required()``): the
    very tokens a use is written with, across line breaks and comments. Only for the forms whose
    uses are such a sequence: an attribute read after another (``.remote_field.to``), a method
    called (``.iterator(``), a keyword passed (``name=``), a callable called or imported under
    another name (``make_aware(``, ``make_aware as``)."""
    out = []
    value, after, keyword = item.value, item.opts.get("after"), item.opts.get("keyword")
    if item.form == "attribute_name" and isinstance(after, str) and after.isidentifier() and value.isidentifier():
        out.append(rf"{word_start(after)}{_GAP_CLOSE}\.{_GAP}{value}\b")
    if item.form == "method_call" and value.isidentifier():
        out.append(rf"\.{_GAP}{value}{_GAP_CLOSE}\(")
    if item.form in ("call", "method_call") and isinstance(keyword, str) and keyword.isidentifier():
        out.append(rf"{word_start(keyword)}{_GAP}=(?!=)")
    last = value.rsplit(".", 1)[-1]
    if item.form == "call" and last.isidentifier():
        # called by its name (``cached_property(``, ``functional.cached_property(``) or imported under
        # another (``cached_property as cp``): not a file that only uses ``@cached_property``
        out.append(rf"{last}(?:{_GAP_CLOSE}\(|{_GAP}as\b)")
    return tuple(out)


def parse_item(raw, owner: str = "?") -> Item:
    if not isinstance(raw, dict):
        raise SpecError(f"{owner}: a detect item must be an object, not {raw!r}")
    forms = [k for k in raw if k in FORMS]
    unknown = [k for k in raw if k not in FORMS and k not in OPTIONS]
    if unknown:
        raise SpecError(f"{owner}: unknown detect key(s) {', '.join(sorted(unknown))} in {raw!r}")
    opts = {k: v for k, v in raw.items() if k in OPTIONS}
    if "class_base" in forms and ("method" in raw or "meta_option" in raw):
        forms = ["class_base"]
        if "meta_option" in raw:
            return Item("meta_option", str(raw["meta_option"]), {**opts, "class_base": raw["class_base"]})
        return Item("class_base", str(raw["class_base"]), opts)
    if "method" in forms and "class_base" not in raw and len(forms) == 1:
        opts.pop("method", None)
        return Item("method", str(raw["method"]), opts)
    forms = [f for f in forms if f not in ("method", "meta_option")] or forms
    if len(forms) != 1:
        raise SpecError(f"{owner}: a detect item names exactly one form, got {raw!r}")
    form = forms[0]
    value = raw[form]
    if not isinstance(value, str) or not value:
        raise SpecError(f"{owner}: {form!r} needs a non-empty string, got {value!r}")
    if form == "class_base" and "method" not in raw:
        raise SpecError(f"{owner}: class_base needs method or meta_option: {raw!r}")
    if opts.get("where") not in (None, *WHERE):
        raise SpecError(f"{owner}: where must be one of {', '.join(WHERE)}: {raw!r}")
    return Item(form, value, opts)


def parse_items(raw_list, owner: str = "?", strict: bool = True) -> tuple[Item, ...]:
    """The items of a ``detect`` list; ``strict=False`` drops malformed items instead of raising
    (the engine never fails a run over one bad entry; the release-data tests are strict)."""
    if raw_list is None:
        return ()
    if not isinstance(raw_list, (list, tuple)):
        if strict:
            raise SpecError(f"{owner}: detect must be a list")
        return ()
    out = []
    for r in raw_list:
        try:
            out.append(parse_item(r, owner))
        except SpecError:
            if strict:
                raise
    return tuple(out)


# -- a codemod's own detector ------------------------------------------------------------------------

def codemod_items(cls) -> tuple[Item, ...]:
    """Line-level items derived from a codemod's declarative metadata (its base class's tables;
    ``cls``: the class, or its ``registry.Entry``, which keeps them as ``table_items`` gives them).

    A file reaches them only after the codemod's own prefilter and confirm accepted it; a codemod
    without declarative tables (or whose items find no line in a confirmed file) is located by the
    lines that carry one of its triggers.
    """
    raws = table_items(cls) if isinstance(cls, type) else cls.tables
    items = []
    for raw in raws:
        try:
            items.append(parse_item(dict(raw), cls.name))
        except SpecError:
            continue
    return tuple(items)


def table_items(cls) -> list[dict]:
    """The raw items (``parse_item``'s input) of a codemod class's tables: what ``codemod_items``
    derives, as data (``codemods.registry`` keeps them in the catalogue's cached metadata, so the
    detection needs no codemod imported to know them)."""
    out: list[dict] = []
    renames = getattr(cls, "renames", None)
    if isinstance(renames, dict):
        out += [{"import": old} for old in renames]
        out += [{"module": m} for m in getattr(cls, "removed_modules", ()) or ()]
    callables, kw = getattr(cls, "callables", None), getattr(cls, "keyword_renames", None)
    if callables and isinstance(kw, dict):
        out += [{"call": c, "keyword": k} for c in callables for k in kw]
    sigs = getattr(cls, "signatures", None)
    if isinstance(sigs, dict):
        for c, spec in sigs.items():
            try:
                out.append({"call": c, "positional_over": int(spec[0])})
            except (TypeError, ValueError, IndexError):
                continue
    setting = getattr(cls, "setting", None)
    if isinstance(setting, str) and setting and "settings" in getattr(cls, "kinds", ()):
        out.append({"setting": setting})
    values = getattr(cls, "values", None)
    if isinstance(values, dict) and "settings" in getattr(cls, "kinds", ()):
        out += [{"string": v} for v in values]
    old_method = getattr(cls, "old_method", None)
    if isinstance(old_method, str) and old_method:
        out.append({"method_call": old_method})
    return out
