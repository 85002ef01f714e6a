"""``PyFile`` with needles (codemods.detect.pyfile): the module's and class bodies' statements that
hold none of the items' triggers are not walked, and every item finds exactly the lines it finds
when every statement is walked - on tricky cases and on real code."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

import release_data
from codemods.detect.after import LeftRequest, changes_at
from codemods.detect.match import python_lines
from codemods.detect.pyfile import PyFile

ROOT = Path(__file__).resolve().parents[2]


def _items():
    plan = LeftRequest(changes_at(release_data.load().changes, "6.1", None, fixed_by=None), ROOT).plan
    items = [it for _d, it, _t in plan.items_of("python")]
    items += [it for _n, _cm, _ids, derived in plan.indexes("python")[1] for it, _t, _r in derived]
    return [it for it in items if it.triggers()]


def _differences(text: str, rel: str, items) -> list:
    tree = ast.parse(text)
    whole = PyFile(tree, text)
    out = []
    for item in items:
        if not any(t in text for t in item.triggers()):
            continue  # (as find_in_text: an item whose triggers are absent is not asked)
        for settings in (False, True):
            want = sorted(python_lines(whole, item, rel, settings, "migrations" in rel))
            got = sorted(python_lines(PyFile(tree, text, item.triggers()), item, rel, settings, "migrations" in rel))
            if got != want:
                out.append((rel, item.form, item.value, want, got))
    return out


TRICKY = textwrap.dedent('''\
    import django.utils.six as sx
    from django.utils.six import with_metaclass
    from django.conf.urls import url as u
    from email.mime.text import MIMEText
    from cx_Oracle import CLOB
    from django.conf import settings

    if True:
        from django.core.mail import send_mail


    class Base(with_metaclass(type, object)):
        input_size = CLOB

        def send(self):
            MIMEText.__init__(self, "x")


    class Plain(object):
        x = 1

        def method(self):
            return sx.moves.range(3)


    def routes():
        import django.contrib.auth.views
        return [u(r"^a/$", view)]


    def shadowed(url):
        url = 3
        return url


    value = settings.MIDDLEWARE_CLASSES
    ''')


def test_tricky_cases_find_what_a_whole_walk_finds():
    assert not _differences(TRICKY, "app/mod.py", _items())


def test_statements_without_a_needle_are_not_walked():
    tree = ast.parse(TRICKY)
    some = PyFile(tree, TRICKY, ("CLOB",))
    whole = PyFile(tree, TRICKY)
    assert len(some.attributes) < len(whole.attributes) and not any(a.attr == "moves" for a in some.attributes)
    assert sorted(some.imports) == sorted(whole.imports)  # (every import is seen: ``file_imports``)


def test_real_code_finds_what_a_whole_walk_finds():
    django = pytest.importorskip("django")
    base = Path(django.__file__).parent
    files = sorted((ROOT / "examples" / "legacy_shop").rglob("*.py"))
    for sub in ("contrib/admin", "contrib/auth", "core", "db/models", "forms", "test", "utils"):
        files += sorted((base / sub).rglob("*.py"))
    items = _items()
    differences = []
    for path in files:
        differences += _differences(path.read_text(encoding="utf-8"), path.relative_to(path.parents[2]).as_posix(), items)
    assert len(files) > 300 and not differences, differences[:5]


def test_an_import_inside_a_match_case_resolves_its_names():
    """The statements of a ``match`` case are statements of the module: an import there binds the name
    for the uses below it (the module collection went through ``if``/``try`` blocks but not cases)."""
    text = textwrap.dedent('''\
        match mode:
            case "old":
                from django.utils.encoding import force_text
            case _:
                pass

        value = force_text(b"x")
        ''')
    pf = PyFile(ast.parse(text), text)
    assert pf.module_aliases["force_text"] == "django.utils.encoding.force_text"
    assert (7, "django.utils.encoding.force_text") in pf.refs
