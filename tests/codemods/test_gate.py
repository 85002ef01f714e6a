"""``codemods.gate``: only the codemods with one of their triggers in a text are asked their prefilter.

That is exact only while every prefilter keeps the contract of ``Codemod.triggers``: it passes no
text without one of them. Checked here for every codemod of the catalogue on real code (Django's
source, the example project), on every source text of the codemod tests and on the codemods' own
examples."""

from __future__ import annotations

import ast
import textwrap
import warnings
from pathlib import Path

import pytest

from codemods import registry
from codemods.base import Codemod
from codemods.gate import Gate, gate_for
from codemods.scanned_text import _BLOB_FROM, scanned

ROOT = Path(__file__).resolve().parents[2]


def _texts() -> list[str]:
    django = pytest.importorskip("django")
    files = sorted((ROOT / "examples" / "legacy_shop").rglob("*.py"))
    files += sorted(Path(django.__file__).parent.rglob("*.py"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    for p in sorted((ROOT / "tests").rglob("*.py")):  # the before/after texts of the codemod tests
        try:
            tree = ast.parse(p.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        texts += [textwrap.dedent(n.value) for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str) and len(n.value) > 8]
    return texts + [cls.doc() for cls in registry.all_codemods()]  # (their before/after examples)


def _violations(classes, texts) -> tuple[dict[str, str], set[str]]:
    """({codemod: a text its prefilter passes that holds none of its triggers}, the codemods whose
    prefilter passed some text)."""
    bad, passed = {}, set()
    for cls in classes:
        codemod = cls()
        for text in texts:
            try:
                ok = codemod.prefilter(text)
            except Exception:  # noqa: BLE001 - (a prefilter given an odd test string)
                continue
            if ok:
                passed.add(cls.name)
                if not any(t in text for t in cls.triggers):
                    bad.setdefault(cls.name, text[:200])
    return bad, passed


@pytest.fixture(scope="module")
def texts():
    warnings.simplefilter("ignore")
    got = _texts()
    assert len(got) > 3000
    return got


def test_every_prefilter_passes_only_texts_holding_a_trigger(texts):
    classes = registry.all_codemods()
    bad, passed = _violations(classes, texts)
    assert not bad, bad
    assert all(cls.triggers for cls in classes)
    # not vacuous: every prefilter passed texts here (its own tests' cases at least)
    assert {cls.name for cls in classes} - passed == set()


def test_a_prefilter_breaking_the_contract_is_caught():
    class Broken(Codemod):
        name = "broken"
        triggers = ("force_text",)

        def prefilter(self, text):
            return "smart_text" in text  # (not one of its triggers)

    bad, passed = _violations([Broken], ["x = smart_text(y)\n", "x = force_text(y)\n"])
    assert bad == {"broken": "x = smart_text(y)\n"} and passed == {"broken"}


def test_the_gate_lets_through_exactly_the_codemods_with_a_trigger_in_the_text(texts):
    classes = registry.select(target="6.1")
    gate = gate_for(classes)
    assert gate_for([c() for c in classes]) is gate  # (made once per list of classes)
    long_seen = short_seen = False
    for text in texts[::7]:
        expected = [i for i, c in enumerate(classes) if any(t in text for t in c.triggers)]
        assert gate.positions(text) == expected
        st = scanned(text)
        assert gate.positions(st) == expected and gate.positions(st) == expected  # (the second from the memo)
        long_seen |= len(text) >= _BLOB_FROM
        short_seen |= len(text) < _BLOB_FROM
    assert long_seen and short_seen


def test_holding_answers_as_in_does_and_remembers():
    text = scanned("from django.utils.encoding import force_text\n" + "x = 1\n" * 1000 + "ugettext_lazy('a')\n")
    assert len(text) >= _BLOB_FROM
    asked = ("force_text", "force_str", "gettext", "ugettext_lazy('", "encoding import", "", "x = 1", "nothere(")
    assert text.holding(asked) == [s for s in asked if s in str(text)]
    assert text._seen == {s: s in str(text) for s in asked}
    assert text.holding(("force_str", "force_text")) == ["force_text"]  # (answered from the memo)
    short = scanned("force_text(x)\n")
    assert short.holding(asked) == [s for s in asked if s in "force_text(x)\n"]


def test_codemods_without_triggers_are_always_asked():
    class NoTrigger(Codemod):
        name = "no_trigger"

    class One(Codemod):
        name = "one"
        triggers = ("abc",)

    gate = Gate((One, NoTrigger))
    assert gate.positions("x = 1\n") == [1] and gate.positions("abc\n") == [0, 1]


def test_the_engines_codemods_object_is_not_gone_over_again_for_each_file():
    classes = registry.select(target="4.2")
    codemods = [c() for c in classes]
    gate = gate_for(codemods)

    class Counting(list):
        iterations = 0

        def __iter__(self):
            Counting.iterations += 1
            return super().__iter__()

    counted = Counting(codemods)
    assert gate_for(counted) is gate and Counting.iterations == 1
    for _ in range(50):
        assert gate_for(counted) is gate
    assert Counting.iterations == 1  # (the same object: answered from the last one)
    counted.append(codemods[0])  # (a list grown in place is gone over again)
    assert gate_for(counted).classes == (*classes, classes[0]) and Counting.iterations == 2
