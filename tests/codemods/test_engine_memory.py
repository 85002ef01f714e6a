"""Memory bounds of the engine: a large file is processed alone, after the pool; results and the
cache do not hold every rewritten text; nothing of a file outlives its run."""

from __future__ import annotations

import ast
import os
from pathlib import Path

from codemods import apply as apply_module
from codemods import rewrite as rewrite_module
from codemods import engine, imports
from codemods.cache import ResultCache, fingerprint
from tests.codemods.test_engine import CODEMODS, NEW, OLD, make_tree


def test_a_file_over_the_size_limit_is_processed_alone_after_the_pool(tmp_path, monkeypatch):
    import multiprocessing

    root = make_tree(tmp_path / "proj", n_clean=30, n_old=6)
    big = root / "app" / "big.py"
    big.write_text(OLD + "".join(f"\n\ndef f{i}(v):\n    return force_text(v)\n" for i in range(200)))
    monkeypatch.setenv("DJANGO_UPGRADE_LARGE_FILE", str(big.stat().st_size - 1))
    log = tmp_path / "processed.log"  # (path, pid) of every file, from this process and the forked workers
    original = engine.process_file

    def recording(path, *args, **kwargs):
        with open(log, "a") as fh:
            fh.write(f"{path}\t{os.getpid()}\t{len(multiprocessing.active_children())}\n")
        return original(path, *args, **kwargs)

    monkeypatch.setattr(engine, "process_file", recording)
    serial = engine.run([root], CODEMODS, target="5.2", mode="diff", jobs=1, use_cache=False)
    log.unlink()
    parallel = engine.run([root], CODEMODS, target="5.2", mode="diff", jobs=2, use_cache=False)
    assert parallel.parallel
    rows = [line.split("\t") for line in log.read_text().splitlines()]
    mine = [(path, int(children)) for path, pid, children in rows if int(pid) == os.getpid()]
    assert mine[-1] == (str(big), 0) and [p for p, _ in mine].count(str(big)) == 1  # last, alone, no pool left
    # jobs=2: this process and ONE worker share the other files (a process fewer than a pool of two)
    assert len({pid for _, pid, _ in rows}) == 2 and len(mine) > 1
    assert sorted(p for p, _, _ in rows) == sorted(f.path for f in serial.files)  # each file once
    assert [f.as_dict() for f in serial.files] == [f.as_dict() for f in parallel.files]
    assert "+    return force_str(v)" in next(f for f in parallel.files if f.path == str(big)).diff


def test_written_results_hold_no_text_and_the_cache_keeps_rewrites_on_disk(tmp_path):
    root = make_tree(tmp_path / "proj", n_clean=2, n_old=3)
    summary = engine.run([root], CODEMODS, target="5.2", mode="write", jobs=1, cache_dir=tmp_path / "cache")
    assert summary.changed and all(f.written and f.new_text is None for f in summary.changed)
    assert (root / "app" / "old_0.py").read_text() == NEW
    cache = ResultCache(fingerprint(summary.codemods, "5.2"), tmp_path / "cache")
    assert any(d.get("new") == NEW for d in cache.by_hash().values())  # stored (for a warm --diff)
    assert not cache._stored  # a fresh cache object holds nothing of its own yet
    cache.close()


def test_nothing_of_a_file_outlives_its_run():
    codemods = [c() for c in CODEMODS]
    result = apply_module.apply_source(OLD + "\n" * 3 + "x = force_text(1)\n", "m.py", codemods, target="5.2")
    assert result.applied
    assert not imports._MEMO and not imports._TREE_HINT
    from codemods import base

    assert not hasattr(base, "_WALK")  # the walk of a tree is kept on the tree, nowhere else


def test_the_walk_of_a_tree_goes_with_the_tree():
    import ast
    import gc
    import weakref

    from codemods.base import nodes_of, walk

    tree = ast.parse("import os\nx = os.path\n")
    every = tuple(n for n in ast.walk(tree) if not isinstance(n, ast.expr_context))
    assert walk(tree) == walk(tree) == every  # one walk per tree, shared by every check
    del every
    assert [type(n) for n in nodes_of(tree, ast.Import)] == [ast.Import]
    other = ast.parse("y = 1\n")
    assert nodes_of(other, ast.Import) == [] and nodes_of(tree, ast.Import)  # two trees, two memos
    ref = weakref.ref(tree)
    gc.disable()  # (the engine pauses the cyclic collector while a file is processed)
    try:
        del tree
        assert ref() is None  # no cycle through the memo: freed at once
    finally:
        gc.enable()



def test_no_older_tree_is_kept_once_a_codemod_changed_the_file():
    """While the next codemods run, neither the first text's ast tree nor the import helpers' memos
    of the replaced libcst module stay alive (on a large file each is hundreds of MB); an unchanged
    file hands its tree on (to the leftover detection), a changed one the tree of its new text."""
    import gc
    import weakref

    from codemods.base import Codemod
    from codemods.imports import ImportIndex

    first_tree, alive = [], []

    class Watch(Codemod):
        name = "watch"
        triggers = ("force_",)

        def confirm(self, tree, text, ctx):
            first_tree.append(weakref.ref(tree))
            return True

        def transform(self, module, ctx):
            gc.collect()
            alive.append(first_tree[0]() is not None)
            alive.append(any(entry[0] is not module for entry in imports._MEMO._dict().values()))
            ImportIndex.build(module)
            return module

    codemods = [CODEMODS[0](), Watch()]
    result = apply_module.apply_source(OLD, "m.py", codemods, target="5.2")
    assert result.applied == [codemods[0].name]
    assert alive == [False, False]
    # the tree handed on (to the leftover detection) is the rewritten text's, never the first one
    assert first_tree[0]() is None and result.tree is not None
    assert ast.dump(result.tree) == ast.dump(ast.parse(result.new))
    unchanged = apply_module.apply_source(NEW, "m.py", [CODEMODS[0](), Watch()], target="5.2")
    assert not unchanged.applied and unchanged.tree is not None


def test_the_cyclic_garbage_collector_is_paused_while_a_file_is_processed(tmp_path):
    import gc

    from codemods.base import Codemod

    states = []

    class Watch(Codemod):
        name = "watch"
        triggers = ("force_",)

        def transform(self, module, ctx):
            states.append(gc.isenabled())
            return module

    path = tmp_path / "m.py"
    path.write_text(OLD)
    assert gc.isenabled()
    apply_module.apply_source(OLD, "m.py", [Watch()], target="5.2")
    engine.process_file(str(path), [Watch()], "5.2", "diff", detect=lambda *a: states.append(gc.isenabled()))
    assert states == [False, False, False]
    assert gc.isenabled()


def test_diff_and_check_results_hold_no_text_when_the_workers_found_what_is_left(tmp_path):
    """With a ``LeftRequest`` the leftover lines come from the workers (mapped back to the file on
    disk there): the results keep no rewritten text, and what is left is the same as a scan of the
    kept texts afterwards (``leftovers`` without a request)."""
    import release_data
    from codemods import registry
    from codemods.detect.after import LeftRequest, changes_at, leftovers

    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    # the six import goes: the pytz lines below it move up one (lines on disk: 2 and 9)
    (root / "app" / "times.py").write_text(
        "from django.utils import six\nimport pytz\n\n\ndef f(v):\n    return isinstance(v, six.string_types)\n"
        "\n\nzone = pytz.timezone('UTC')\n")
    (root / "app" / "labels.py").write_text(OLD + "\nimport pytz\nzone = pytz.timezone('UTC')\n")
    entries = registry.select_entries(target="5.0")
    changes = changes_at(release_data.load().changes, "5.0")
    for mode in ("diff", "check"):
        request = LeftRequest(changes, root)
        slim = engine.run([root], entries, target="5.0", mode=mode, jobs=1, use_cache=False, detect=request)
        assert len(slim.changed) == 2 and all(f.new_text is None for f in slim.files)
        kept = engine.run([root], entries, target="5.0", mode=mode, jobs=1, use_cache=False)
        assert all(f.new_text for f in kept.changed)
        left = leftovers(slim.files, (), root, request=request)
        assert left == leftovers(kept.files, changes, root)
        assert {(x.path, x.line) for x in left if x.change_id == "pytz"} == {
            ("app/times.py", 2), ("app/times.py", 9), ("app/labels.py", 7), ("app/labels.py", 8)}


def _live_probes() -> int:
    """The function definitions alive named ``probe_*`` (the test's own: others' may be alive too)."""
    import gc

    return sum(1 for o in gc.get_objects() if type(o) is ast.FunctionDef and o.name.startswith("probe_"))


def _probes_at_each_call(monkeypatch, module, name: str) -> list[int]:
    """The count of ``_live_probes()`` at each call of ``module.name`` from now on (in a list, filled
    as the calls come)."""
    counts, real = [], getattr(module, name)

    def counting(*args, **kwargs):
        counts.append(_live_probes())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return counts


def test_a_tree_parsed_afresh_is_never_in_memory_with_the_old_one(monkeypatch):
    """When most of a module changed, the next codemod's ``ast`` is parsed afresh; the old tree was
    still held (by the per-statement import index, the line lookup, the aliases), so a large module
    had two trees at once. Counted here at that parse: the live function definitions."""
    from codemods.catalogue.force_text import ForceText
    from codemods.catalogue.is_ajax import IsAjax
    from codemods.catalogue.translation_aliases import TranslationAliases

    # (is_ajax changes one statement: the next tree is the old one with it parsed again, and the
    # import index is kept by statement; force_text then changes most of the module)
    text = ("from django.utils.encoding import force_text\nfrom django.utils.translation import ugettext\n"
            "\n\ndef probe_ajax(request):\n    return request.is_ajax()\n"
            + "".join(f"\n\ndef probe_{i}(v):\n    return force_text(ugettext(v))\n" for i in range(50)))
    counts = _probes_at_each_call(monkeypatch, rewrite_module, "parse_quietly")
    result = apply_module.apply_source(text, "m.py", [IsAjax(), ForceText(), TranslationAliases()], target="5.2")
    assert result.applied == ["is_ajax", "force_text", "translation_aliases"]
    assert "force_str(gettext(v))" in result.new
    assert len(counts) == 1 and counts[0] == 0  # (the one fresh parse: no tree of the file in memory)


def test_a_large_elided_file_lets_its_whole_tree_go_before_the_libcst_pass(monkeypatch):
    """On a large module the ``ast`` of the whole text (kept to hand on to the detection) and that of
    the elided text were in memory together: from ``KEEP_TREE_UNDER`` on, only the hidden
    definitions of the first stay (the elision needs them)."""
    from codemods import cst_parse

    hidden = "".join(f"\n\ndef probe_quiet{i}(v):\n    return str(v)\n" for i in range(40))
    shown = "".join(f"\n\ndef probe_loud{i}(v):\n    return force_text(v)\n" for i in range(10))
    counts = _probes_at_each_call(monkeypatch, cst_parse, "parse_module")
    for keep_under, expected in ((10 ** 9, 40 + 10 + 10), (0, 40 + 10)):  # (40 hidden, 10 shown)
        monkeypatch.setattr(rewrite_module, "KEEP_TREE_UNDER", keep_under)
        counts.clear()
        result = None  # (the last round's final tree goes)
        result = apply_module.apply_source(OLD + hidden + shown, "m.py", [c() for c in CODEMODS], target="5.2")
        assert result.applied == ["force_text"] and counts == [expected]
        assert result.new == NEW + hidden + shown.replace("force_text", "force_str")
        assert result.tree is not None  # (the final text's, parsed to check it)



def test_no_tree_of_a_file_waits_for_the_cyclic_collector(monkeypatch):
    """The pipeline pauses Python's cyclic collector while it works on a file, so whatever a reference
    cycle holds stays in memory until the file is done. A codemod's walk (``codemods.fastvisit``) was
    such a cycle: it kept the visitor, its import index, and through it the hidden definitions of an
    elided file - the first ``ast`` tree's statements - alive at the final parse (on the old apps'
    largest file, 7.6 MB of the 25 MB peak). Counted at each parse: the function definitions still in
    memory, reachable or not."""
    import gc

    from codemods.catalogue.force_text import ForceText

    hidden = "".join(f"\n\ndef probe_quiet{i}(v):\n    return str(v)\n" for i in range(40))
    shown = "".join(f"\n\ndef probe_loud{i}(v):\n    return force_text(v)\n" for i in range(3))
    counts = _probes_at_each_call(monkeypatch, rewrite_module, "parse_python")
    gc.collect()
    result = apply_module.apply_source(OLD + hidden + shown, "m.py", [ForceText()], target="5.2")
    assert result.applied == ["force_text"] and result.new == NEW + hidden + shown.replace("force_text", "force_str")
    assert counts == [0, 0]  # (at the first parse, and at the final one: the first tree is gone, not garbage)


def test_an_elided_run_that_does_not_line_up_is_done_again_with_nothing_of_it_kept(monkeypatch):
    """When an elided run cannot be expanded (a codemod moved a placeholder), the file is done again
    whole. That second run was a call from inside the first, which kept the first run's trees (its
    libcst module, its ast) in memory throughout; and it lost the caller's ``is_settings``."""
    from codemods import cst_parse, elide
    from codemods.base import Codemod

    hidden = "".join(f"\n\ndef probe_quiet{i}(v):\n    return str(v)\n" for i in range(40))
    shown = "".join(f"\n\ndef probe_loud{i}(v):\n    return force_text(v)\n" for i in range(3))
    settings = []
    class Watch(Codemod):  # (asks nothing, changes nothing: it sees what the context says)
        name = "watch"
        triggers = ("force_",)

        def transform(self, module, ctx):
            settings.append(ctx.is_settings)
            return module

    counts = _probes_at_each_call(monkeypatch, cst_parse, "parse_module")
    monkeypatch.setattr(elide.Elision, "expand", lambda self, code: None)  # (never lines up)
    from codemods.catalogue.force_text import ForceText

    result = apply_module.apply_source(OLD + hidden + shown, "m.py", [ForceText(), Watch()], target="5.2",
                                       is_settings=True)
    assert result.new == NEW + hidden + shown.replace("force_text", "force_str")
    # the elided run parsed the 3 shown definitions (and kept the first tree's 43); the whole run then
    # parsed all 43 with nothing of the elided run left
    assert counts == [3 + 43, 43]
    assert settings == [True, True]
