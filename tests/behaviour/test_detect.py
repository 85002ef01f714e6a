"""Behaviour changes found statically: the custom detectors and ``plan``'s "will behave differently"."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

import release_data
from upgrader import behaviour
from upgrader.cli import cli


@pytest.fixture(scope="module")
def data():
    return release_data.load(use_refreshed=False)


def lines(src: str) -> list[int]:
    return behaviour.unsaved_related_manager_lines(textwrap.dedent(src))


def test_unsaved_instance_related_manager():
    assert lines("""\
        def f():
            order = Order(number=1)
            order.line_set.count()
            order.lines.all()
            order.save()
            order.lines.all()
        """) == [3, 4]


def test_saved_or_created_instances_are_not_found():
    assert lines("""\
        def f():
            order = Order.objects.create(number=1)
            order.lines.all()
            other = Order(number=2)
            other.save()
            other.lines.count()
            name = "x"
            name.strip().upper()
            order = make()
            order.lines.all()
        """) == []


def test_model_form_instance():
    assert lines("""\
        from django import forms

        class OrderForm(forms.ModelForm):
            def clean(self):
                if self.instance.lines.exists():
                    raise forms.ValidationError("x")

        class Other(forms.Form):
            def clean(self):
                self.instance.lines.exists()
        """) == [5]


def _project(tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "__init__.py").write_text("")
    (tmp_path / "shop" / "views.py").write_text(textwrap.dedent("""\
        from django.views.generic import DeleteView

        class OrderDelete(DeleteView):
            def delete(self, request, *args, **kwargs):
                return super().delete(request, *args, **kwargs)
        """))
    (tmp_path / "shop" / "tests.py").write_text(textwrap.dedent("""\
        from shop.models import Order

        def test_new():
            order = Order()
            assert order.line_set.count() == 0
        """))
    (tmp_path / "settings.py").write_text('SECRET_KEY = "x"\nINSTALLED_APPS = ["shop"]\nCSRF_TRUSTED_ORIGINS = ["example.com"]\n')
    (tmp_path / "requirements.txt").write_text("Django==3.2.25\n")
    return tmp_path


def test_find(tmp_path, data):
    root = _project(tmp_path)
    found = behaviour.find(root, behaviour.between(data, "3.2", "5.0"))
    where = {cid: [str(f) for f in fs] for cid, fs in found.items()}
    assert where["4.0-deleteview-form-mixin"] == ["shop/views.py:4"]
    assert where["4.0-csrf-trusted-origins-scheme"] == ["settings.py:3"]
    assert where["4.1-unsaved-reverse-fk"] == ["shop/tests.py:5"]
    assert "5.0-use-tz-default" in where  # USE_TZ never set


def test_plan_lists_behaviour_changes_per_step(tmp_path):
    root = _project(tmp_path)
    r = CliRunner().invoke(cli, ["plan", str(root), "--from", "3.2.25", "--to", "4.1", "--python-version", "3.10",
                                  "--format", "json"])
    assert r.exit_code in (0, 1), r.output
    doc = json.loads(r.stdout if hasattr(r, "stdout") else r.output)
    steps = {s["feature_release"]: s for s in doc["steps"]}
    inc40 = {i["id"]: i for i in steps["4.0"]["incompatible"]}
    dv = inc40["4.0-deleteview-form-mixin"]
    assert dv["detected"] and dv["fix"]["codemod"] == "delete_view_form_valid"
    # also a removal of the step (deleteview-custom-delete): its lines are listed there, once
    assert dv["occurrences"] == [] and dv["listed_as_removal"] == "deleteview-custom-delete"
    removed = {rc["id"]: rc for rc in steps["4.0"]["removed"]}
    assert [(o["file"], o["line"]) for o in removed["deleteview-custom-delete"]["occurrences"]] == [("shop/views.py", 4)]
    assert inc40["4.0-csrf-trusted-origins-scheme"]["listed_as_removal"] == "csrf-trusted-origins"
    inc41 = {i["id"]: i for i in steps["4.1"]["incompatible"]}
    assert [o["line"] for o in inc41["4.1-unsaved-reverse-fk"]["occurrences"]] == [5]
    assert "4.1-unsaved-reverse-fk" not in inc40
    text = CliRunner().invoke(cli, ["plan", str(root), "--from", "3.2.25", "--to", "4.1", "--python-version", "3.10"])
    assert "will behave differently here" in text.output and "shop/tests.py:5" in text.output
    assert text.output.count("shop/views.py:4") == 1


# -- the text check before the parse, and the walk ------------------------------------------------

@pytest.mark.parametrize("built", [
    "order = Order(number=1)",
    "order=shop.models . Order(number=1)",
    "order = (  # a comment\n        Order)(number=1)",
    "order = \\\n        Order(number=1)",
    "order = (models\n        .Order)(number=1)",
    "order = Ñandú(number=1)",
])
def test_unusual_spellings_of_a_new_instance_are_found(built):
    """``may_build_instances`` is a necessary condition: each spelling passes it, and the walk finds
    the use after it."""
    src = f"def f():\n    {built}\n    order.line_set.count()\n"
    assert behaviour.may_build_instances(src)
    assert behaviour.unsaved_related_manager_lines(src) == [src.count("\n", 0, src.index("order.line_set")) + 1]


def test_files_that_build_no_instance_are_not_parsed():
    assert not behaviour.may_build_instances("def f(order):\n    order.line_set.count()\n    x = make()\n")
    assert not behaviour.may_build_instances("order = orders.get(pk=1)\norder.line_set.count()\n")
    assert behaviour.may_build_instances("x == Order(1)\n")  # (a comparison passes: the check is loose, never strict)
    assert behaviour.may_build_instances("class F(forms.ModelForm):\n    pass\n")


def test_walk_scopes():
    """A function's events include its nested functions' (which are functions of their own too);
    in a ModelForm only code inside its functions counts, at any depth."""
    assert lines("""\
        def f():
            order = Order()
            def g():
                order.lines.all()
            return g
        """) == [4]
    assert lines("""\
        class OrderForm(forms.ModelForm):
            lines = self.instance.lines.all()
            def clean(self):
                def inner():
                    return self.instance.lines.count()
                return inner()
        """) == [5]


def test_the_text_check_is_necessary_on_real_code():
    """On Django's own source, skipping the files the text check turns away changes no answer."""
    import ast
    from pathlib import Path

    import django

    base = Path(django.__file__).parent
    files = [p for d in ("db", "forms", "contrib/admin", "contrib/auth", "test") for p in (base / d).rglob("*.py")]
    skipped = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert behaviour.unsaved_related_manager_lines(text) == behaviour._unsaved_lines(ast.parse(text)), path
        skipped += not behaviour.may_build_instances(text)
    assert len(files) > 100 and skipped > len(files) // 3


def test_find_keeps_the_custom_findings_per_file_in_the_cache(tmp_path, data, monkeypatch):
    """A warm ``plan`` parses no file for the custom detectors; an edited file is scanned again."""
    import os
    import time

    monkeypatch.setenv("DJANGO_UPGRADE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "p").mkdir()
    root = _project(tmp_path / "p")
    old = time.time() - 60  # (the cache trusts no file changed in the last two seconds)
    for p in root.rglob("*.py"):
        os.utime(p, (old, old))
    items = behaviour.between(data, "4.0", "4.1")
    scanned = []  # (the texts the custom detector was given)
    real = behaviour.CUSTOM["unsaved_related_manager"]
    monkeypatch.setitem(behaviour.CUSTOM, "unsaved_related_manager", lambda text: scanned.append(text) or real(text))
    first = behaviour.find(root, items)
    assert any("order = Order()" in t for t in scanned)
    assert [str(f) for f in first["4.1-unsaved-reverse-fk"]] == ["shop/tests.py:5"]
    scanned.clear()
    assert behaviour.find(root, items) == first and scanned == []
    tests = root / "shop" / "tests.py"
    tests.write_text(tests.read_text().replace("    order = Order()\n", "    order = Order()\n    order.save()\n"))
    os.utime(tests, (old + 1, old + 1))
    assert "4.1-unsaved-reverse-fk" not in behaviour.find(root, items)
    assert len(scanned) == 1 and "order.save()" in scanned[0]
    assert behaviour.find(root, items, use_cache=False) == {k: v for k, v in first.items() if k != "4.1-unsaved-reverse-fk"}


def test_plan_reads_and_parses_each_file_once_for_removals_and_behaviour(tmp_path, data, monkeypatch):
    """``plan`` looks for what its steps remove and for the behaviour changes (declared and custom
    detectors) in one pass: a file holding all three is parsed once, and each is found."""
    import ast

    from upgrader.planner import build_plan

    monkeypatch.setenv("DJANGO_UPGRADE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "p").mkdir()
    root = _project(tmp_path / "p")
    # (pytz: removed in 5.0, no codemod, so the codemods' own check does not parse the file again;
    # 4.0 changed the default time zones; 4.1 refuses the related manager of an unsaved instance)
    (root / "shop" / "utils.py").write_text(textwrap.dedent("""\
        import pytz
        from shop.models import Order


        def make():
            order = Order()
            return order.line_set.count(), pytz.utc
        """))
    parsed = []
    real = ast.parse
    monkeypatch.setattr(ast, "parse", lambda src, *a, **k: parsed.append(src) or real(src, *a, **k))
    plan = build_plan(root, "3.2.25", "5.0", data=data)
    steps = {s.feature_release: s for s in plan.steps}
    assert [str(o) for rc in steps["5.0"].removed if rc.id == "pytz" for o in rc.occurrences] == \
        ["shop/utils.py:1", "shop/utils.py:7"]
    assert [(o["file"], o["line"]) for i in steps["4.0"].incompatible if i["id"] == "4.0-zoneinfo-default"
            for o in i["occurrences"]] == [("shop/utils.py", 1), ("shop/utils.py", 7)]
    assert [(o["file"], o["line"]) for i in steps["4.1"].incompatible if i["id"] == "4.1-unsaved-reverse-fk"
            for o in i["occurrences"]] == [("shop/tests.py", 5), ("shop/utils.py", 7)]
    assert sum("import pytz" in str(src) for src in parsed) == 1


def test_a_deep_tree_is_walked_and_an_unparsable_one_skipped():
    """A long chain of ``+`` is a tree as deep as the chain is long: the walk has no recursion (it
    used to raise RecursionError); what Python itself cannot parse is skipped like a syntax error."""
    for terms, found in ((990, [4]), (5000, [])):
        src = "def f():\n    x = Order()\n    y = " + " + ".join(["1"] * terms) + "\n    x.line_set.count()\n"
        assert lines(src) == found


def test_a_behaviour_change_with_a_removals_id_gets_a_pass_of_its_own(tmp_path, data):
    """One pass cannot tell two things of one id apart: then the removals' scan leaves the behaviour
    changes alone (``result.behaviour`` is None, and ``annotate_plan`` scans for them itself)."""
    from upgrader.plan.findings import scan_project

    root = _project(tmp_path)
    (root / "shop" / "utils.py").write_text("import pytz\n")
    change = next(c for c in data.changes if c.id == "pytz")
    clash = behaviour.Scan([], [{"id": "pytz", "detect": [{"import": "pytz"}]}], {}, "")
    result = scan_project(root, [change], verify=False, behaviour=clash)
    assert result.behaviour is None and [str(o) for o in result.found["pytz"]] == ["shop/utils.py:1"]
    other = behaviour.Scan([], [{"id": "not-pytz", "detect": [{"import": "pytz"}]}], {}, "")
    result = scan_project(root, [change], verify=False, behaviour=other)
    assert [str(f) for f in result.behaviour["not-pytz"]] == ["shop/utils.py:1"]
    assert [str(o) for o in result.found["pytz"]] == ["shop/utils.py:1"]


def test_a_cache_handler_that_instruments_caches_is_found(tmp_path, data):
    """django-debug-toolbar 2.2's cache panel: a CacheHandler subclass overriding __getitem__, swapped in
    for django.core.cache.caches. On 3.2 ``cache`` keeps the original handler and the panel sees nothing."""
    (tmp_path / "panels").mkdir()
    (tmp_path / "panels" / "cache.py").write_text(textwrap.dedent("""\
        from django.core.cache import CacheHandler, caches as original_caches
        from django.middleware import cache as middleware_cache


        class CacheHandlerPatch(CacheHandler):
            def __getitem__(self, alias):
                return Tracker(super().__getitem__(alias))


        class Other(CacheHandler):
            def all(self):
                return []


        middleware_cache.caches = CacheHandlerPatch()
        """))
    found = behaviour.find(tmp_path, behaviour.between(data, "3.1", "3.2"))
    assert [str(f) for f in found["3.2-cache-handler-connection-proxy"]] == ["panels/cache.py:6"]
    assert "3.2-cache-handler-connection-proxy" not in behaviour.find(tmp_path, behaviour.between(data, "3.2", "4.0"))
