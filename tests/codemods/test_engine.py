"""The engine: modes, parallel == serial, cache, safe writes and the bad files it must not touch."""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from codemods import apply as apply_module
from codemods import rewrite as rewrite_module
from codemods import engine
from codemods.migration_blockers import migration_blockers
from codemods.catalogue.force_text import ForceText
from codemods.catalogue.ifequal import IfEqual
from codemods.catalogue.load_staticfiles import LoadStaticfiles

CODEMODS = [ForceText, IfEqual, LoadStaticfiles]
OLD = "from django.utils.encoding import force_text\n\n\ndef label(v):\n    return force_text(v)\n"
NEW = "from django.utils.encoding import force_str\n\n\ndef label(v):\n    return force_str(v)\n"
CLEAN = "def label(v):\n    return str(v)\n"
TEMPLATE = "{% load staticfiles %}{% ifequal a b %}x{% endifequal %}\n"
TEMPLATE_NEW = "{% load static %}{% if a == b %}x{% endif %}\n"


def _age(path: Path, seconds: int = 3600) -> None:
    """Make a file's mtime old, so the stat cache trusts it (recent mtimes are 'racy')."""
    t = time.time() - seconds
    os.utime(path, (t, t))


def make_tree(root: Path, n_clean: int = 30, n_old: int = 6) -> Path:
    (root / "app" / "templates" / "app").mkdir(parents=True)
    for i in range(n_clean):
        (root / "app" / f"clean_{i}.py").write_text(CLEAN + f"# {i}\n" + ("# force_text is mentioned\n" if i % 3 == 0 else ""))
    for i in range(n_old):
        (root / "app" / f"old_{i}.py").write_text(OLD)
    (root / "app" / "templates" / "app" / "page.html").write_text(TEMPLATE)
    (root / "app" / "templates" / "app" / "clean.html").write_text("{% load static %}{{ x }}\n")
    for p in root.rglob("*"):
        if p.is_file():
            _age(p)
    return root


def test_write_mode_rewrites_and_second_run_changes_nothing(tmp_path):
    root = make_tree(tmp_path / "proj", n_clean=3, n_old=2)
    first = engine.run([root], CODEMODS, target="5.2", mode="write", jobs=1)
    assert first.exit_code == 1
    assert sorted(Path(f.path).name for f in first.changed) == ["old_0.py", "old_1.py", "page.html"]
    assert all(f.written for f in first.changed)
    assert (root / "app" / "old_0.py").read_text() == NEW
    assert (root / "app" / "templates" / "app" / "page.html").read_text() == TEMPLATE_NEW
    second = engine.run([root], CODEMODS, target="5.2", mode="write", jobs=1)
    assert second.exit_code == 0 and not second.changed


def test_diff_and_check_write_nothing(tmp_path):
    root = make_tree(tmp_path / "proj", n_clean=2, n_old=1)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    diff = engine.run([root], CODEMODS, target="5.2", mode="diff", jobs=1, use_cache=False)
    check = engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1, use_cache=False)
    assert {p: p.read_bytes() for p in before} == before
    assert diff.exit_code == check.exit_code == 1
    old = next(f for f in diff.changed if f.path.endswith("old_0.py"))
    assert "-from django.utils.encoding import force_text" in old.diff
    assert "+    return force_str(v)" in old.diff
    rel = old.path.lstrip("/")
    assert old.diff.startswith(f"--- a/{rel}\n+++ b/{rel}\n")
    assert all(not f.diff and not f.written for f in check.changed)


def test_parallel_equals_serial(tmp_path):
    root = make_tree(tmp_path / "proj", n_clean=40, n_old=12)
    serial = engine.run([root], CODEMODS, target="5.2", mode="diff", jobs=1, use_cache=False)
    parallel = engine.run([root], CODEMODS, target="5.2", mode="diff", jobs=2, use_cache=False)
    assert not serial.parallel and parallel.parallel
    assert [f.as_dict() for f in serial.files] == [f.as_dict() for f in parallel.files]
    assert len(parallel.changed) == 13


def test_parallel_write_equals_serial_write(tmp_path):
    a = make_tree(tmp_path / "a", n_clean=30, n_old=10)
    b = tmp_path / "b"
    shutil.copytree(a, b)
    engine.run([a], CODEMODS, target="5.2", jobs=1, use_cache=False)
    engine.run([b], CODEMODS, target="5.2", jobs=2, use_cache=False)
    for p in a.rglob("*"):
        if p.is_file():
            assert p.read_bytes() == (b / p.relative_to(a)).read_bytes(), p


def test_cache_second_run_does_not_process_unchanged_files(tmp_path, monkeypatch):
    root = make_tree(tmp_path / "proj", n_clean=20, n_old=3)
    first = engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1)
    assert first.cache.result_hits == 0 and first.cache.stored == 25

    calls = []
    real = apply_module.apply_source
    monkeypatch.setattr(apply_module, "apply_source", lambda text, path, *a, **k: calls.append(path) or real(text, path, *a, **k))
    second = engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1)
    # no file goes through the codemods again; in check mode every file costs a stat only
    assert calls == []
    assert second.cache.result_hits == 25
    assert [f.as_dict() for f in second.files] == [f.as_dict() for f in first.files]
    assert sum(f.cached for f in second.files) == 25


def test_cache_warm_diff_and_write_use_the_cached_rewrite(tmp_path, monkeypatch):
    root = make_tree(tmp_path / "proj", n_clean=5, n_old=2)
    crlf = root / "app" / "crlf.py"
    crlf.write_bytes(OLD.replace("\n", "\r\n").encode())
    _age(crlf)
    cold = engine.run([root], CODEMODS, target="5.2", mode="diff", jobs=1)
    calls = []
    real = apply_module.apply_source
    monkeypatch.setattr(apply_module, "apply_source", lambda text, path, *a, **k: calls.append(path) or real(text, path, *a, **k))
    warm = engine.run([root], CODEMODS, target="5.2", mode="diff", jobs=1)
    assert calls == []
    assert [f.as_dict() for f in warm.files] == [f.as_dict() for f in cold.files]
    engine.run([root], CODEMODS, target="5.2", mode="write", jobs=1)
    assert calls == []
    assert (root / "app" / "old_0.py").read_text() == NEW
    assert crlf.read_bytes() == NEW.replace("\n", "\r\n").encode()
    assert (root / "app" / "templates" / "app" / "page.html").read_text() == TEMPLATE_NEW


def test_a_warm_diff_takes_its_hunks_from_the_cache_and_names_the_file_as_asked(tmp_path, monkeypatch):
    from codemods import diff

    root = make_tree(tmp_path / "proj", n_clean=2, n_old=1)
    cold = engine.run([root], CODEMODS, target="5.2", mode="diff", jobs=1)
    calls = []
    real = diff.hunks
    monkeypatch.setattr(diff, "hunks", lambda *a: calls.append(a) or real(*a))
    monkeypatch.chdir(tmp_path)
    warm = engine.run([Path("proj")], CODEMODS, target="5.2", mode="diff", jobs=1)
    assert calls == []  # (no diff computed again)
    cold_diffs = {os.path.relpath(f.path, tmp_path): f.diff for f in cold.files if f.diff}
    warm_diffs = {f.path: f.diff for f in warm.files if f.diff}
    assert set(warm_diffs) == set(cold_diffs) == {"proj/app/old_0.py", "proj/app/templates/app/page.html"}
    for path, text in warm_diffs.items():
        assert text.startswith(f"--- a/{path}\n+++ b/{path}\n@@ ")
        assert text.split("\n", 2)[2] == cold_diffs[path].split("\n", 2)[2]


# ``python -c IMPORTED_BY_FIX fix ...``: the CLI, then (last line of stderr) the modules of note it imported
IMPORTED_BY_FIX = (
    "import json, sys\n"
    "from upgrader.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(json.dumps(sorted(m for m in sys.modules if m in ('libcst', 'ctypes') or m.startswith('codemods.catalogue.'))),"
    " file=sys.stderr)\n"
)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_fresh_copy_of_a_cached_tree_is_answered_without_importing_the_codemods(tmp_path, jobs):
    """A fresh checkout of a tree the cache has seen (new mtimes, same contents) is answered by the
    files' contents: neither the codemods nor libcst are imported (not even in the pool's parent),
    nor ``ctypes`` (``core.heap`` loads it once a file was parsed), and the output is the cold run's."""
    import json
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_UPGRADE_CACHE_DIR": str(tmp_path / "cache"), "CI": "1"}
    root = tmp_path / "proj"

    def run():
        proc = subprocess.run([sys.executable, "-c", IMPORTED_BY_FIX, "fix", "--diff", "--target", "5.2", "--jobs", str(jobs),
                               "--only", "force_text", "--only", "ifequal", "--only", "load_staticfiles", str(root)],
                              capture_output=True, text=True, env=env, cwd=tmp_path)
        return proc.stdout, json.loads(proc.stderr.strip().splitlines()[-1])

    make_tree(root, n_clean=40, n_old=6)  # (over the pool's threshold with two jobs)
    cold_out, cold_imported = run()
    assert "libcst" in cold_imported and "ctypes" in cold_imported and "--- a/" in cold_out
    shutil.rmtree(root)
    make_tree(root, n_clean=40, n_old=6)  # the same files, written again: no stat matches
    warm_out, warm_imported = run()
    assert warm_imported == [] and warm_out == cold_out


def test_a_few_files_import_only_the_codemods_whose_triggers_they_hold(tmp_path):
    """A pre-commit hook passes ``fix`` the few files a commit touched, each seen for the first time.
    A file that holds no codemod's trigger is done without importing a codemod or libcst (what is left
    in it is still found); one that holds force_text's imports the codemods whose triggers it holds,
    and no other. With the whole catalogue selected, in a fresh interpreter, on a cold cache."""
    import json

    from codemods import registry

    env = {**os.environ, "DJANGO_UPGRADE_CACHE_DIR": str(tmp_path / "cache"), "CI": "1"}
    subprocess.run([sys.executable, "-c", "from codemods import registry; registry.entries()"], check=True, env=env)
    (tmp_path / "views.py").write_text("from django.conf import settings\n\n\ndef f():\n    return settings.USE_L10N\n")
    (tmp_path / "utils.py").write_text("def label(v):\n    return str(v)\n")
    (tmp_path / "old.py").write_text(OLD)

    def run(*names):
        proc = subprocess.run([sys.executable, "-c", IMPORTED_BY_FIX, "fix", "--diff", "--target", "5.2",
                               *(str(tmp_path / n) for n in names)], capture_output=True, text=True, env=env, cwd=tmp_path)
        return proc.stdout, proc.stderr, json.loads(proc.stderr.strip().splitlines()[-1])

    out, err, imported = run("views.py", "utils.py")
    assert imported == [] and out == ""
    assert "views.py:5: [use-l10n] left by hand" in err  # (the detection ran, on the metadata)
    out, err, imported = run("old.py", "utils.py")
    assert "+from django.utils.encoding import force_str" in out
    holding = {e.module for e in registry.select_entries(target="5.2") if any(t in OLD for t in e.triggers)}
    assert "codemods.catalogue.force_text" in imported and "libcst" in imported
    assert set(imported) - {"libcst", "ctypes"} <= holding and len(holding) < 10


def test_cache_hit_does_not_open_the_file(tmp_path, monkeypatch):
    root = make_tree(tmp_path / "proj", n_clean=5, n_old=0)
    engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1)
    opened = []
    real_open = open

    def spy(file, *a, **k):
        if str(file).startswith(str(root)):
            opened.append(file)
        return real_open(file, *a, **k)

    monkeypatch.setattr("builtins.open", spy)
    summary = engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1)
    assert summary.cache.result_hits == 7
    assert opened == []


def test_cache_misses_after_edit_and_for_another_target(tmp_path):
    root = make_tree(tmp_path / "proj", n_clean=4, n_old=0)
    engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1)
    edited = root / "app" / "clean_1.py"
    edited.write_text(OLD)
    _age(edited, 100)
    again = engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1)
    assert [Path(f.path).name for f in again.changed] == ["clean_1.py", "page.html"]
    other = engine.run([root], CODEMODS, target="4.2", mode="check", jobs=1)
    assert other.cache.result_hits == 0


def test_cache_findings_survive_a_cache_hit(tmp_path):
    root = tmp_path / "proj"
    (root / "templates").mkdir(parents=True)
    page = root / "templates" / "p.html"
    page.write_text("{% ifequal a b %}x\n")  # never closed: reported, left alone
    _age(page)
    first = engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1)
    second = engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1)
    assert second.cache.result_hits == 1
    assert [f.as_dict() for f in second.findings] == [f.as_dict() for f in first.findings] != []


def test_no_cache_leaves_no_database(tmp_path):
    root = make_tree(tmp_path / "proj", n_clean=2, n_old=0)
    engine.run([root], CODEMODS, target="5.2", mode="check", jobs=1, use_cache=False, cache_dir=tmp_path / "c")
    assert not (tmp_path / "c").exists()


def test_syntax_error_reported_and_untouched(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.utils.encoding import force_text\ndef (:\n")
    summary = engine.run([bad], CODEMODS, target="5.2", jobs=1)
    (result,) = summary.files
    assert result.error and "cannot parse" in result.error
    assert bad.read_text() == "from django.utils.encoding import force_text\ndef (:\n"
    assert summary.exit_code == 0


def test_a_file_libcst_cannot_print_back_is_left_untouched_when_a_codemod_would_change_it(tmp_path):
    """libcst prints a form feed inside an indented block back differently: such a file is never
    rewritten (untouched code could change), which is said when a codemod would have changed it;
    when its codemods change nothing, the whole-module check is not even made (nothing to say)."""
    import libcst

    odd = "if True:\n    x = 1\n\x0c    y = 2\n"
    assert libcst.parse_module(odd).code != odd  # (the libcst limitation this is about)
    old = tmp_path / "old.py"
    old.write_text(OLD + odd)
    clean = tmp_path / "clean.py"
    clean.write_text("try:\n    from django.utils.encoding import force_text\nexcept ImportError:\n"
                     "    force_text = str\n" + odd)  # (confirmed, then left alone: a compatibility shim)
    summary = engine.run([old, clean], CODEMODS, target="5.2", mode="write", jobs=1)
    by_name = {Path(f.path).name: f for f in summary.files}
    assert "does not print this file back exactly" in by_name["old.py"].error
    assert not by_name["old.py"].applied and old.read_text() == OLD + odd
    assert by_name["clean.py"].error is None and not by_name["clean.py"].changed
    assert [f.line for f in by_name["clean.py"].findings] == [2]  # (what it left, and why, is still said)


def test_non_utf8_reported_and_untouched(tmp_path):
    bad = tmp_path / "latin.py"
    data = "# -*- coding: latin-1 -*-\nfrom django.utils.encoding import force_text\nx = 'caf\xe9'\n".encode("latin-1")
    bad.write_bytes(data)
    (result,) = engine.run([bad], CODEMODS, target="5.2", jobs=1).files
    assert result.error and "not UTF-8" in result.error
    assert bad.read_bytes() == data


def test_bom_kept(tmp_path):
    f = tmp_path / "bom.py"
    f.write_bytes(codecs.BOM_UTF8 + OLD.encode())
    summary = engine.run([f], CODEMODS, target="5.2", jobs=1)
    assert summary.changed
    assert f.read_bytes() == codecs.BOM_UTF8 + NEW.encode()


def test_crlf_kept(tmp_path):
    f = tmp_path / "crlf.py"
    f.write_bytes(OLD.replace("\n", "\r\n").encode())
    t = tmp_path / "templates" / "x.html"
    t.parent.mkdir()
    t.write_bytes(TEMPLATE.replace("\n", "\r\n").encode())
    diff = engine.run([tmp_path], CODEMODS, target="5.2", mode="diff", jobs=1)
    assert "\r" not in "".join(x.diff for x in diff.changed)
    engine.run([tmp_path], CODEMODS, target="5.2", jobs=1)
    assert f.read_bytes() == NEW.replace("\n", "\r\n").encode()
    assert t.read_bytes() == TEMPLATE_NEW.replace("\n", "\r\n").encode()


def test_file_mode_kept(tmp_path):
    f = tmp_path / "script.py"
    f.write_text("#!/usr/bin/env python\n" + OLD)
    f.chmod(0o751)
    engine.run([f], CODEMODS, target="5.2", jobs=1)
    assert stat.S_IMODE(f.stat().st_mode) == 0o751
    assert "force_str" in f.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["script.py"]  # no temp file left behind


def test_read_only_reported_and_untouched(tmp_path):
    f = tmp_path / "ro.py"
    f.write_text(OLD)
    f.chmod(0o444)
    summary = engine.run([f], CODEMODS, target="5.2", jobs=1)
    (result,) = summary.files
    assert result.error and "read-only" in result.error and not result.written
    assert f.read_text() == OLD
    # --check / --diff do not need to write: the pending change is reported normally
    assert engine.run([f], CODEMODS, target="5.2", mode="check", jobs=1).files[0].error is None


def test_symlink_out_of_tree_skipped(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "shared.py"
    target.write_text(OLD)
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "link.py").symlink_to(target)
    (proj / "linkdir").symlink_to(outside, target_is_directory=True)
    (proj / "inside.py").write_text(OLD)
    (proj / "inside_link.py").symlink_to(proj / "inside.py")
    summary = engine.run([proj], CODEMODS, target="5.2", jobs=1)
    assert target.read_text() == OLD
    skipped = dict(summary.skipped)
    assert str(proj / "link.py") in skipped and "outside" in skipped[str(proj / "link.py")]
    assert str(proj / "linkdir") in skipped
    assert (proj / "inside.py").read_text() == NEW
    # an explicit symlink that leads out of its directory is refused too
    explicit = engine.run([proj / "link.py"], CODEMODS, target="5.2", jobs=1)
    assert not explicit.files and explicit.skipped
    assert target.read_text() == OLD


def test_migrations_skip_model_state_codemods(tmp_path):
    from codemods.base import Codemod

    class StateMod(Codemod):
        name = "state_mod_for_test"
        triggers = ("xyz",)
        migrations = False

        def transform(self, module, ctx):
            import libcst as cst
            return cst.parse_module(module.code.replace("xyz", "abc"))

    mig = tmp_path / "app" / "migrations"
    mig.mkdir(parents=True)
    (mig / "0001_initial.py").write_text("xyz = 1\n")
    (tmp_path / "app" / "models.py").write_text("xyz = 1\n")
    summary = engine.run([tmp_path], [StateMod], target="5.2", mode="check", jobs=1, use_cache=False)
    assert [Path(f.path).name for f in summary.changed] == ["models.py"]


def test_migration_blockers(tmp_path):
    mig = tmp_path / "shop" / "migrations"
    mig.mkdir(parents=True)
    (mig / "__init__.py").write_text("")
    (mig / "0001_initial.py").write_text(
        "from django.db import migrations\n\n"
        "class Migration(migrations.Migration):\n"
        "    operations = [\n"
        "        migrations.CreateModel(name='P', fields=[], options={'index_together': {('a', 'b')}}),\n"
        "        migrations.AlterIndexTogether(name='p', index_together={('a',)}),\n"
        "    ]\n"
    )
    (mig / "0002_clean.py").write_text("from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n")
    (tmp_path / "shop" / "notes.py").write_text("index_together = 'mentioned outside migrations'\n")
    found = migration_blockers([tmp_path])
    assert [(Path(f.path).name, f.line) for f in found] == [("0001_initial.py", 5), ("0001_initial.py", 6)]
    assert "RenameIndex" in found[0].message and "squash" in found[0].message
    assert found[0].message.index("index_together_migrations") < found[0].message.index("squash")
    assert found[1].message.startswith("AlterIndexTogether in a historical migration")
    assert found[0].message.startswith("index_together in the model options")


def test_migration_blockers_are_the_changes_own_detector(tmp_path):
    """The same lines plan's index-together detector finds: aliases of the module, an empty set named."""
    mig = tmp_path / "shop" / "migrations"
    mig.mkdir(parents=True)
    (mig / "0003_x.py").write_text(
        "from django.db import migrations as m\n\n"
        "class Migration(m.Migration):\n"
        "    operations = [m.AlterIndexTogether(name='p', index_together=set())]\n"
    )
    found = migration_blockers([tmp_path])
    assert [(f.line, f.message.split(" in a ")[0]) for f in found] == [(4, "AlterIndexTogether (to an empty set)")]


def test_bad_mode():
    with pytest.raises(ValueError):
        engine.run(["."], CODEMODS, mode="bogus")


def test_cache_keeps_a_rewrite_to_an_empty_file(tmp_path):
    from codemods.base import Codemod

    class Emptier(Codemod):
        name = "emptier_for_test"
        triggers = ("drop_me",)

        def transform(self, module, ctx):
            import libcst as cst
            return cst.parse_module("")

    f = tmp_path / "__init__.py"
    f.write_text("drop_me = 1\n")
    _age(f)
    cold = engine.run([tmp_path], [Emptier], mode="diff", jobs=1)
    warm = engine.run([tmp_path], [Emptier], mode="diff", jobs=1)
    assert warm.cache.result_hits == 1
    assert [x.as_dict() for x in warm.files] == [x.as_dict() for x in cold.files]
    assert warm.changed and "-drop_me = 1" in warm.changed[0].diff


def test_a_cached_rewrite_whose_file_changed_unseen_is_redone(tmp_path):
    """A file whose size and mtime match a cached rewrite is only diffed from the cache, and the
    codemods are not even loaded; if its content changed all the same, they run on the new text."""
    from codemods import registry

    root = make_tree(tmp_path / "proj", n_clean=2, n_old=1)
    selected = [e for e in registry.entries() if e.name in ("force_text", "ifequal", "load_staticfiles")]
    engine.run([root], selected, target="5.2", mode="diff", jobs=1)
    target = root / "app" / "old_0.py"
    st = target.stat()
    changed = OLD.replace("label", "title")
    assert len(changed) == len(OLD)
    target.write_text(changed)
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    warm = engine.run([root], selected, target="5.2", mode="diff", jobs=1)
    result = next(f for f in warm.files if f.path.endswith("old_0.py"))
    assert result.changed and not result.cached
    assert "+def title(v):" not in result.diff and " def title(v):" in result.diff
    assert "+    return force_str(v)" in result.diff


def test_many_cached_rewrites_are_written_by_threads_and_one_changed_unseen_is_redone(tmp_path, monkeypatch):
    """In write mode at --jobs 2, the rewrites the cache holds (from KNOWN_WRITES_THREADED files on)
    are written by a few threads, in order; a file whose content changed behind a matching stat gets
    the codemods, in the main thread."""
    import threading

    from codemods import registry

    n = engine.KNOWN_WRITES_THREADED + 4
    master = make_tree(tmp_path / "master", n_clean=2, n_old=n)
    selected = [e for e in registry.entries() if e.name in ("force_text", "ifequal", "load_staticfiles")]
    root = tmp_path / "proj"
    shutil.copytree(master, root)
    engine.run([root], selected, target="5.2", mode="write", jobs=2)
    shutil.rmtree(root)
    shutil.copytree(master, root)  # (the same stats as when the cache saw them: its rewrites are known)
    target = root / "app" / "old_3.py"
    st = target.stat()
    target.write_text(OLD.replace("label", "title"))
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    writers = set()
    real = engine.atomic.write_bytes
    monkeypatch.setattr(engine.atomic, "write_bytes",
                        lambda *a, **k: writers.add(threading.current_thread().name) or real(*a, **k))
    warm = engine.run([root], selected, target="5.2", mode="write", jobs=2)
    assert all((root / "app" / f"old_{i}.py").read_text() == NEW for i in range(n) if i != 3)
    assert target.read_text() == NEW.replace("label", "title")
    redone = next(f for f in warm.files if f.path.endswith("old_3.py"))
    assert redone.written and not redone.cached
    assert sum(1 for f in warm.files if f.written and f.cached) == n  # (n - 1 .py files and the template)
    assert writers - {"MainThread"} and "MainThread" in writers
    assert [f.path for f in warm.files] == sorted(f.path for f in warm.files)


def test_a_file_python_parses_but_libcst_cannot_is_reported_as_libcsts_limit(tmp_path):
    """libcst's parser has limits Python's has not (here 20,000 strings in one implicit
    concatenation): the file is valid, so the message must not call it a syntax error of the user's."""
    text = ("from django.utils.encoding import force_text\nX = force_text(\n"
            + "".join(f"    'part {i} '\n" for i in range(20000)) + ")\n")
    path = tmp_path / "concat.py"
    path.write_text(text)
    (result,) = engine.run([path], CODEMODS, target="5.2", jobs=1, use_cache=False).files
    assert result.error.startswith("libcst cannot parse this file, though Python can (a libcst limitation: Syntax Error @")
    assert "left untouched" in result.error and path.read_text() == text


DEEP = "from django.utils.encoding import force_text\ny = force_text(" + " + ".join(["'a'"] * 6000) + ")\n"


def test_a_file_too_deep_for_pythons_parser_is_reported_and_the_run_goes_on(tmp_path):
    """A sum of 6,000 terms is a tree deeper than CPython builds ("maximum recursion depth exceeded
    during ast construction"): the file is reported as not parsing, as a syntax error is, and the
    other files are fixed (it used to end the whole run with an internal error)."""
    deep, plain = tmp_path / "deep.py", tmp_path / "plain.py"
    deep.write_text(DEEP)
    plain.write_text("from django.utils.encoding import force_text\nx = force_text(1)\n")
    summary = engine.run([tmp_path], CODEMODS, target="5.2", mode="write", jobs=1, use_cache=False)
    by_name = {Path(f.path).name: f for f in summary.files}
    assert by_name["deep.py"].error.startswith("cannot parse: RecursionError: maximum recursion depth exceeded")
    assert deep.read_text() == DEEP
    assert by_name["plain.py"].written and "force_str(1)" in plain.read_text()


def test_fix_and_plan_report_a_file_too_deep_to_parse_in_one_line(tmp_path):
    """The commands: one line for the file on stderr, not an internal error (exit 70)."""
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "deep.py").write_text("import pytz\n" + DEEP)
    (root / "app" / "views.py").write_text("from django.utils.encoding import force_text\n")
    (root / "requirements.txt").write_text("Django==3.2.25\n")
    fix = subprocess.run([sys.executable, "-m", "upgrader", "fix", "--diff", "--target", "4.2", str(root)],
                         capture_output=True, text=True, timeout=300)
    assert fix.returncode == 1, fix.stderr  # (a change pending: views.py)
    assert "deep.py: cannot parse: RecursionError" in fix.stderr and "internal error" not in fix.stderr
    assert "+from django.utils.encoding import force_str" in fix.stdout
    plan = subprocess.run([sys.executable, "-m", "upgrader", "plan", str(root), "--to", "5.0", "--python-version",
                           "3.11", "--no-check-deps"], capture_output=True, text=True, timeout=300)
    assert plan.returncode in (0, 1), plan.stderr
    assert "could not scan app/deep.py: cannot parse" in plan.stdout + plan.stderr


def _nested(kind: str, depth: int) -> str:
    inner = {"sum": " + ".join(["'a'"] * depth), "attr": "a" + ".b" * depth, "not": "not " * depth + "1"}[kind]
    return f"from django.utils.encoding import force_text\n\n\ndef f():\n    return force_text({inner})\n"


@pytest.mark.parametrize("kind,depth", [("sum", 900), ("sum", 2500), ("attr", 2900), ("not", 1500)])
def test_deeply_nested_code_python_parses_is_rewritten(tmp_path, kind, depth):
    """What CPython parses may nest ~3,000 levels deep, past Python's 1,000 frames that libcst's
    recursive visitors and code generation need: the libcst stages run with a higher limit
    (``LIBCST_RECURSION_LIMIT``), so such a file is rewritten (a 900-term sum used to end the run with
    an internal error, an attribute chain to make every codemod "fail and be skipped")."""
    path = tmp_path / "deep.py"
    path.write_text(_nested(kind, depth))
    limit = sys.getrecursionlimit()
    (result,) = engine.run([path], CODEMODS, target="5.2", mode="write", jobs=1, use_cache=False).files
    assert result.error is None and result.written and not result.findings, (result.error, result.findings)
    assert path.read_text() == _nested(kind, depth).replace("force_text", "force_str")
    assert sys.getrecursionlimit() == limit < rewrite_module.LIBCST_RECURSION_LIMIT  # (restored)


def test_nesting_past_the_libcst_limit_is_reported_and_the_file_left(tmp_path, monkeypatch):
    """A file libcst would need more frames for than it is given is left untouched, in one line saying
    so, and the run goes on."""
    monkeypatch.setattr(rewrite_module, "LIBCST_RECURSION_LIMIT", 1000)
    deep, plain = tmp_path / "deep.py", tmp_path / "plain.py"
    deep.write_text(_nested("sum", 900))
    plain.write_text("from django.utils.encoding import force_text\nx = force_text(1)\n")
    limit = sys.getrecursionlimit()
    summary = engine.run([tmp_path], CODEMODS, target="5.2", mode="write", jobs=1, use_cache=False)
    by_name = {Path(f.path).name: f for f in summary.files}
    assert by_name["deep.py"].error == rewrite_module.TOO_DEEP and deep.read_text() == _nested("sum", 900)
    assert by_name["plain.py"].written and sys.getrecursionlimit() == limit


def test_fix_says_when_a_file_may_use_the_syntax_of_the_projects_newer_python(tmp_path):
    """A project on a newer Python than the tool's may use syntax the tool's parser cannot read (3.12's
    f-strings nesting the same quotes): the file is reported as not parsing, and one line says why
    and what to do. The project's interpreter is a real newer one, found at run time."""
    from core.interpreter import pyenv_interpreters

    ours = sys.version_info[:2]
    newer = sorted((tuple(map(int, v.split("."))), path) for v, path in pyenv_interpreters().items()
                   if tuple(map(int, v.split("."))) > ours)
    if not newer:
        pytest.skip(f"no Python newer than {ours} on this machine")
    version, python = newer[-1]
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "views.py").write_text(
        'from django.utils.encoding import force_text\nx = {"a": 1}\ny = force_text(f"{x["a"]}")\n')
    (root / "requirements.txt").write_text("Django==4.2.16\n")
    run = subprocess.run([sys.executable, "-m", "upgrader", "fix", "--diff", "--target", "5.0", "--python", python,
                          str(root)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "views.py: cannot parse: SyntaxError" in run.stderr
    assert (f"1 file did not parse with the Python django-upgrade runs on ({ours[0]}.{ours[1]}), older than the "
            f"project's ({version[0]}.{version[1]})") in run.stderr
    same = subprocess.run([sys.executable, "-m", "upgrader", "fix", "--diff", "--target", "5.0", "--python",
                           sys.executable, str(root)], capture_output=True, text=True, timeout=300)
    assert "cannot parse: SyntaxError" in same.stderr and "did not parse with the Python" not in same.stderr


def test_fix_and_plan_go_through_a_project_with_deeply_nested_code(tmp_path):
    """A project with a module of a 900-term sum (valid Python; it ended ``fix`` with an internal
    error): ``fix`` rewrites it and the project's other module, ``plan`` scans it."""
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "generated.py").write_text(_nested("sum", 900))
    (root / "app" / "views.py").write_text("from django.utils.encoding import force_text\n")
    (root / "requirements.txt").write_text("Django==3.2.25\n")
    fix = subprocess.run([sys.executable, "-m", "upgrader", "fix", "--target", "4.2", str(root)],
                         capture_output=True, text=True, timeout=300)
    assert fix.returncode == 1 and "internal error" not in fix.stderr, fix.stderr
    assert (root / "app" / "generated.py").read_text() == _nested("sum", 900).replace("force_text", "force_str")
    assert "force_str" in (root / "app" / "views.py").read_text()
    plan = subprocess.run([sys.executable, "-m", "upgrader", "plan", str(root), "--to", "4.2", "--python-version",
                           "3.11", "--no-check-deps"], capture_output=True, text=True, timeout=300)
    assert plan.returncode in (0, 1) and "could not scan" not in plan.stdout + plan.stderr, plan.stderr


def test_fix_reads_a_large_module_parsed_in_pieces_with_its_own_line_numbers(tmp_path):
    """A module over 64 KB is parsed in pieces (``core.pysource.in_pieces``); cuts may fall inside its
    strings at column 0, between a decorator and its function, before an ``else``. Through ``fix`` on
    a project: the module is rewritten exactly, and what is left by hand is reported at its own line,
    in the last piece as in the first."""
    block = ('\n\n@decorator\ndef view_{i}(request):\n    """Docs\nat column 0\n"""\n    if request:\n'
             '        return force_text(request)\nelse_{i} = """\nelse:\ndef not_code():\n"""\n')
    body = "".join(block.format(i=i) for i in range(900))
    text = ("from django.conf import settings\nfrom django.utils.encoding import force_text\n\n"
            "early = settings.USE_L10N\n" + body + "late = settings.USE_L10N\n")
    assert len(text) > 2 * 64 * 1024  # (in four pieces or more)
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "generated.py").write_text(text)
    (root / "requirements.txt").write_text("Django==3.2.25\n")
    fix = subprocess.run([sys.executable, "-m", "upgrader", "fix", "--target", "4.2", str(root)],
                         capture_output=True, text=True, timeout=300)
    assert fix.returncode == 1 and "internal error" not in fix.stderr, fix.stderr
    assert (root / "app" / "generated.py").read_text() == text.replace("force_text", "force_str")
    lines = text.splitlines()
    early, late = lines.index("early = settings.USE_L10N") + 1, lines.index("late = settings.USE_L10N") + 1
    said = fix.stdout + fix.stderr
    assert f"generated.py:{early}: [use-l10n]" in said and f"generated.py:{late}: [use-l10n]" in said, said
