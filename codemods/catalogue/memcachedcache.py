"""Codemod: CACHES BACKEND MemcachedCache (python-memcached) -> PyMemcacheCache (pymemcache)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import libcst as cst

from codemods.base import FileContext, walk
from codemods.settings_helpers import SettingsCodemod

OLD = "django.core.cache.backends.memcached.MemcachedCache"
NEW = "django.core.cache.backends.memcached.PyMemcacheCache"
_CACHES_OPTIONS = re.compile(r"^[ \t]*CACHES\b[^\n=]*OPTIONS", re.M)  # CACHES["default"]["OPTIONS"] = / .update(OPTIONS=
_OPTIONS_ADVICE = (
    "python-memcached's Client arguments (server_max_value_length, socket_timeout, dead_retry, pickleProtocol...) "
    "are not those of pymemcache's HashClient (connect_timeout, timeout, dead_timeout, no_delay...): "
    f"translate them, then set BACKEND to '{NEW}' by hand"
)


class MemcachedCache(SettingsCodemod):
    """Switch a ``MemcachedCache`` cache to ``PyMemcacheCache`` (python-memcached -> pymemcache).

    What it does: in the project's settings modules, rewrites the ``"BACKEND"`` value
    ``"django.core.cache.backends.memcached.MemcachedCache"`` of a cache dict literal (in
    ``CACHES = {...}``, ``CACHES["x"] = {...}``, ``dict(BACKEND=...)``, or as the default of
    ``os.environ.get()`` / ``os.getenv()`` there) to
    ``"django.core.cache.backends.memcached.PyMemcacheCache"``. ``LOCATION`` stays as it is: both
    backends take ``"ip:port"``, ``"unix:/path"``, a list, or a ``;``/``,`` separated string.

    Left alone and reported: a cache with ``"OPTIONS"`` (they are passed to the client library, and
    python-memcached's ``Client`` arguments - ``server_max_value_length``, ``socket_timeout``,
    ``dead_retry``, ``pickleProtocol``... - are not those of pymemcache's ``HashClient``, which
    fails on unknown ones: translate them by hand); a cache dict built with ``**``; any settings
    module where ``OPTIONS`` is set outside a dict literal (``CACHES["default"]["OPTIONS"] = ...``),
    or another settings file of the same directory that sets cache ``OPTIONS`` (a ``from .base
    import *`` override); the string anywhere else (a variable, a comparison).

    You must install pymemcache (3.4.0 or later, Django's minimum) in place of python-memcached:
    this codemod changes only the settings, not the requirements. Behaviour differences:
    ``cache.get_many()``, ``get_or_set()``, ``has_key()``, ``incr()``... treat a cached ``None``
    as a value (Django 3.2 kept the old "missing key" behaviour for ``MemcachedCache`` only). The
    two clients store text, integers and pickles with the same flags, so entries already in
    memcached stay readable.

    Why: ``MemcachedCache`` was deprecated in Django 3.2 ("MemcachedCache is deprecated in favor
    of PyMemcacheCache and PyLibMCCache.", ``RemovedInDjango41Warning``: python-memcached "has
    some problems and seems to be unmaintained") and removed in Django 4.1.

    Example::

        # before
        CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.memcached.MemcachedCache",
                "LOCATION": "127.0.0.1:11211",
            }
        }

        # after
        CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
                "LOCATION": "127.0.0.1:11211",
            }
        }

    Django versions: ``PyMemcacheCache`` exists from Django 3.2; needed before 4.1. Settings files only.
    """

    name = "memcachedcache"
    changes = ("memcachedcache",)
    available_from = "3.2"
    removed_in = "4.1"
    triggers = ("MemcachedCache",)
    prunable = False  # CACHES[...]["OPTIONS"] set anywhere in the module (no trigger there) decides every rewrite

    def confirm(self, tree, text, ctx) -> bool:
        if tree is None:
            return True
        return any(isinstance(n, ast.Constant) and n.value == OLD for n in walk(tree))

    def transform(self, module: cst.Module, ctx: FileContext) -> cst.Module:
        scan = _Scan()
        module.visit(scan)
        elsewhere = scan.options_elsewhere or _sibling_with_options(ctx.path)
        return module.visit(_Rewrite(scan, elsewhere, ctx))


def _str(node) -> str | None:
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except Exception:  # noqa: BLE001 - an odd literal is not ours
            return None
        return value if isinstance(value, str) else None
    return None


def _backend_string(value) -> cst.SimpleString | None:
    """The OLD literal a BACKEND value is (or defaults to, through os.environ.get/os.getenv)."""
    if _str(value) == OLD:
        return value
    if isinstance(value, cst.Call) and len(value.args) == 2 and _str(value.args[1].value) == OLD:
        func = cst.Module(body=[]).code_for_node(value.func)
        if func in ("os.environ.get", "os.getenv", "environ.get", "getenv"):
            return value.args[1].value
    return None


class _Scan(cst.CSTVisitor):
    """Which OLD literals are a cache dict's BACKEND, and whether that cache can take PyMemcacheCache."""

    def __init__(self):
        self.ok: set[int] = set()  # id() of OLD literals safe to rewrite
        self.blocked: dict[int, str] = {}  # id() of OLD literals -> why not
        self.dict_keys: set[int] = set()  # id() of "OPTIONS" literals that are dict keys
        self.options_elsewhere = ""

    def _decide(self, literal, keys: list[str], splat: bool) -> None:
        if literal is None:
            return
        if "OPTIONS" in keys:
            self.blocked[id(literal)] = f"this cache has OPTIONS: {_OPTIONS_ADVICE}"
        elif splat:
            self.blocked[id(literal)] = ("this cache dict is built with **: its OPTIONS can't be read here; "
                                         f"set BACKEND to '{NEW}' by hand if it has none")
        else:
            self.ok.add(id(literal))

    def visit_Dict(self, node: cst.Dict) -> None:
        keys, splat, literal = [], False, None
        for el in node.elements:
            if isinstance(el, cst.StarredDictElement):
                splat = True
                continue
            key = _str(el.key)
            if key == "OPTIONS":
                self.dict_keys.add(id(el.key))
            keys.append(key)
            if key == "BACKEND":
                literal = _backend_string(el.value) or literal
        self._decide(literal, keys, splat)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "dict":
            keys = [a.keyword.value for a in node.args if a.keyword is not None]
            splat = any(a.star for a in node.args) or any(a.keyword is None for a in node.args)
            literal = next((_backend_string(a.value) for a in node.args
                            if a.keyword is not None and a.keyword.value == "BACKEND"), None)
            self._decide(literal, keys, splat)
            return
        if _root(node.func) == "CACHES" and any(  # CACHES["x"].update(OPTIONS=...) / .setdefault("OPTIONS", ...)
                (a.keyword is not None and a.keyword.value == "OPTIONS") or _str(a.value) == "OPTIONS"
                for a in node.args):
            self.options_elsewhere = self.options_elsewhere or "a CACHES entry gets OPTIONS through a call"

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if _root(node) == "CACHES" and any(
                isinstance(s.slice, cst.Index) and _str(s.slice.value) == "OPTIONS" for s in node.slice):
            self.options_elsewhere = self.options_elsewhere or "CACHES[...][\"OPTIONS\"] is used outside the dict literal"


def _root(node) -> str | None:
    """The name a chain of subscripts/attributes/calls starts from (``CACHES`` in ``CACHES["x"].update``)."""
    while isinstance(node, (cst.Subscript, cst.Attribute, cst.Call)):
        node = node.func if isinstance(node, cst.Call) else node.value
    return node.value if isinstance(node, cst.Name) else None


def _sibling_with_options(path: str) -> str:
    """Another settings file next to this one that mentions cache OPTIONS (e.g. a prod.py doing
    ``from .base import *`` then ``CACHES["default"]["OPTIONS"] = {...}``)."""
    from core.files import modules_in

    try:
        here = Path(path).resolve()
    except OSError:
        return ""
    siblings = [p for p in modules_in(here.parent) if p != here]
    for sib in siblings[:50]:
        try:
            text = sib.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "import *" in text and _CACHES_OPTIONS.search(text):
            return f"{sib.name} (a settings file that star-imports its base) sets cache OPTIONS"
    return ""


class _Rewrite(cst.CSTTransformer):
    def __init__(self, scan: _Scan, elsewhere: str, ctx: FileContext):
        self.scan, self.elsewhere, self.ctx = scan, elsewhere, ctx

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString):
        if _str(original) != OLD:
            return updated
        key = id(original)
        if key in self.scan.blocked:
            self.ctx.report(original, f"MemcachedCache left alone: {self.scan.blocked[key]}")
            return updated
        if key not in self.scan.ok:
            self.ctx.report(original, "MemcachedCache left alone: not the BACKEND value of a cache dict literal; "
                                      f"set it to '{NEW}' by hand (and translate any OPTIONS)")
            return updated
        if self.elsewhere:
            self.ctx.report(original, f"MemcachedCache left alone: {self.elsewhere}; {_OPTIONS_ADVICE}")
            return updated
        quote = original.quote
        return updated.with_changes(value=f"{original.prefix}{quote}{NEW}{quote}")
