"""Every codemod in the catalogue is documented, has valid metadata and a mirrored test module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import release_data
from codemods import registry
from codemods.base import Codemod
from core import versions

TESTS = Path(__file__).resolve().parent / "catalogue"
CODEMODS = registry.all_codemods()
IDS = [c.name for c in CODEMODS]


def test_catalogue_is_not_empty():
    assert {"force_text", "load_staticfiles", "ifequal", "length_is"} <= set(IDS)


@pytest.mark.parametrize("codemod", CODEMODS, ids=IDS)
def test_docstring(codemod):
    doc = codemod.doc()
    assert doc and codemod.summary().strip(), "first line must be a one-sentence summary"
    assert "Example" in doc, "the docstring needs an Example:: section (before/after)"
    for section in ("What it does:", "Why:", "Django versions:"):
        assert section in doc, f"docstring lacks {section!r}"


@pytest.mark.parametrize("codemod", CODEMODS, ids=IDS)
def test_metadata(codemod):
    data = release_data.load()
    known = {c.id for c in data.changes}
    if codemod.modernize:  # an opt-in modernisation fixes no deprecation
        assert not codemod.changes and codemod.triggers and codemod.available_from
        return
    assert codemod.changes, "a codemod names the release_data changes it fixes"
    assert set(codemod.changes) <= known, f"unknown change ids: {set(codemod.changes) - known}"
    assert codemod.triggers and all(isinstance(t, str) and t for t in codemod.triggers)
    assert codemod.kinds and codemod.kinds <= {"python", "settings", "template"}
    assert codemod.removed_in, "removed_in is required"
    assert versions.feature_key(versions.feature(codemod.available_from)) <= versions.feature_key(versions.feature(codemod.removed_in))
    if codemod.changes_model_state:
        assert not codemod.migrations, "a codemod that changes model state must not run on historical migrations"
    assert codemod.__module__ == f"codemods.catalogue.{codemod.name}", "module is named after the codemod"


def _test_functions(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            cases = 1
            for deco in node.decorator_list:  # @pytest.mark.parametrize("x", [...]) counts each case
                if isinstance(deco, ast.Call) and getattr(deco.func, "attr", "") == "parametrize" and len(deco.args) > 1 \
                        and isinstance(deco.args[1], (ast.List, ast.Tuple)):
                    cases = len(deco.args[1].elts)
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            yield node.name, cases, "check_noop" in names


@pytest.mark.parametrize("codemod", CODEMODS, ids=IDS)
def test_mirrored_tests(codemod):
    path = TESTS / f"test_{codemod.name}.py"
    assert path.exists(), f"missing {path.relative_to(TESTS.parent.parent.parent)}"
    funcs = list(_test_functions(ast.parse(path.read_text())))
    total = sum(c for _, c, _ in funcs)
    noop = sum(c for _, c, is_noop in funcs if is_noop)
    assert total >= 10, f"{total} test cases, need >= 10"
    assert noop * 3 >= total, f"{noop} of {total} cases use check_noop, need at least a third"


def test_catalogue_metadata_cache(tmp_path, monkeypatch):
    """``registry.entries()`` (what ``fix`` selects from without importing the codemods) is kept in
    the cache directory, equals the classes' metadata, and survives a damaged cache file."""
    from codemods.cache import sources_digest

    import json

    from codemods.detect.spec import codemod_items

    monkeypatch.setenv("DJANGO_UPGRADE_CACHE_DIR", str(tmp_path))
    expected = [(c.name, tuple(c.changes), c.available_from, c.removed_in, tuple(sorted(c.kinds)), c.__module__,
                 tuple(c.triggers), c.migrations, c.prefilter is not Codemod.prefilter, codemod_items(c))
                for c in registry.all_codemods()]
    assert any(e[8] for e in expected) and not all(e[8] for e in expected)  # (own prefilters and not)
    assert sum(bool(e[9]) for e in expected) > 40  # (tables the detection reads from the metadata)

    def fresh():
        registry.entries.cache_clear()
        return [(e.name, e.changes, e.available_from, e.removed_in, e.kinds, e.module, e.triggers, e.migrations,
                 e.own_prefilter, codemod_items(e)) for e in registry.entries()]

    try:
        assert fresh() == expected
        stored = tmp_path / "catalogue" / f"{sources_digest()}.json"
        assert stored.is_file()
        assert fresh() == expected  # read back from the file
        stored.write_text("{not json")
        assert fresh() == expected  # rebuilt from the classes
        # written by a version that kept less (no triggers: every codemod would be gated out)
        stored.write_text(json.dumps([{k: v for k, v in d.items() if k not in ("triggers", "module")}
                                      for d in json.loads(stored.read_text())]))
        assert fresh() == expected
        assert [e.load() for e in registry.entries()] == registry.all_codemods()
    finally:
        registry.entries.cache_clear()
