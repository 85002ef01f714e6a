"""``codemods.registry``: the catalogue's metadata, and ``Deferred``, which answers from it and imports a
codemod only when a file needs more of it (its own prefilter, ``confirm``, ``transform``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemods import registry
from codemods.base import Codemod

ROOT = Path(__file__).resolve().parents[2]


def _texts() -> list[str]:
    """Every codemod's documented before/after, and the example project's modules."""
    texts = [cls.doc() for cls in registry.all_codemods()]
    return texts + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "legacy_shop").rglob("*.py"))]


def _fresh(code: str, tmp_path: Path) -> dict:
    """Run ``code`` in a fresh interpreter (nothing imported yet, the catalogue's metadata in the cache,
    as after the first run); it prints one JSON line last."""
    env = {**os.environ, "DJANGO_UPGRADE_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", "from codemods import registry; registry.entries()"], check=True, env=env,
                   cwd=ROOT)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


IMPORTED = "sorted(m for m in sys.modules if m == 'libcst' or m.startswith('codemods.catalogue.'))"


def test_a_deferred_prefilter_is_its_codemods_on_every_text():
    texts = _texts()
    for entry in registry.entries():
        codemod = entry.load()()
        stand_in = registry.Deferred(entry)
        assert (stand_in.name, stand_in.kinds, stand_in.migrations, stand_in.triggers) == \
            (codemod.name, codemod.kinds, codemod.migrations, tuple(codemod.triggers))
        assert [stand_in.prefilter(t) for t in texts] == [codemod.prefilter(t) for t in texts], entry.name
        assert stand_in.loaded == entry.own_prefilter  # (the base class's prefilter: answered from the triggers)


def test_a_deferred_is_its_codemod_once_asked_more():
    entry = next(e for e in registry.entries() if e.name == "force_text")
    stand_in = registry.deferred(entry)
    assert isinstance(stand_in, registry.Deferred) and not stand_in.loaded
    assert stand_in.available_from == "2.0" and stand_in.loaded  # (anything else: the codemod's own)
    assert type(stand_in.codemod) is entry.load() and stand_in.codemod is stand_in.codemod
    assert stand_in.confirm.__self__ is stand_in.codemod
    assert registry.deferred(entry.load()).__class__ is entry.load()  # (a class: an instance)
    codemod = entry.load()()
    assert registry.deferred(codemod) is codemod


def test_metadata_and_the_default_prefilter_import_no_codemod(tmp_path):
    """In a fresh interpreter: the metadata, the gate and the prefilters that are the base class's are
    answered without importing a codemod (nor libcst); ``confirm`` imports that codemod's module alone."""
    got = _fresh(f"""
        import json, sys
        from codemods import registry
        from codemods.gate import gate_for
        stand_ins = [registry.Deferred(e) for e in registry.entries()]
        text = "from django.utils.encoding import force_text\\nforce_text(1)\\n"
        [d.prefilter(text) for d in stand_ins if not d.entry.own_prefilter]
        positions = gate_for(stand_ins).positions(text)
        before = {IMPORTED}
        (force_text,) = [d for d in stand_ins if d.name == "force_text"]
        import ast
        from codemods.base import FileContext
        confirmed = force_text.confirm(ast.parse(text), text, FileContext(path="m.py", kind="python"))
        print(json.dumps({{"before": before, "after": {IMPORTED}, "gated": [stand_ins[i].name for i in positions],
                          "confirmed": confirmed}}))
    """, tmp_path)
    assert got["before"] == []
    assert "force_text" in got["gated"] and got["confirmed"] is True
    assert got["after"] == ["codemods.catalogue.force_text", "libcst"]


def test_get_imports_the_codemods_module_alone(tmp_path):
    got = _fresh(f"""
        import json, sys
        from codemods import registry
        cls = registry.get("ifequal")
        print(json.dumps({{"name": cls.name, "imported": [m for m in {IMPORTED} if m != "libcst"]}}))
    """, tmp_path)
    assert got == {"name": "ifequal", "imported": ["codemods.catalogue.ifequal"]}


def test_an_unknown_name_is_a_key_error():
    with pytest.raises(KeyError):
        registry.get("no_such_codemod")


def test_a_codemod_without_its_own_prefilter_is_one_whose_triggers_decide():
    own = {e.name for e in registry.entries() if e.own_prefilter}
    for cls in registry.all_codemods():
        assert (cls.name in own) == (cls.prefilter is not Codemod.prefilter)
