"""codemods/pool.py: the chunks the workers take are a small part of all the bytes."""

import pytest

from codemods.pool import next_chunk


@pytest.mark.parametrize("sizes, start, end, budget, most, stop", [
    ([100, 10, 10, 10], 0, 4, 50, 16, 1),  # a file over the budget is a chunk of its own
    ([100, 10, 10, 10], 1, 4, 50, 16, 4),  # small files together
    ([100, 20, 20, 20], 1, 4, 50, 16, 3),  # up to the budget
    ([5] * 40, 0, 40, 1000, 16, 16),  # at most ``most`` files
    ([5] * 40, 30, 35, 1000, 16, 35),  # not past ``end`` (this process takes files from the back)
    ([0] * 5, 0, 5, 1, 16, 5),  # empty files
])
def test_next_chunk(sizes, start, end, budget, most, stop):
    assert next_chunk(sizes, start, end, budget, most) == stop


def test_a_run_shares_the_largest_files_in_small_chunks(tmp_path):
    """The pool's run gives the same results as a serial run (the chunks change only who does what)."""
    from codemods import engine
    from codemods.catalogue.force_text import ForceText

    for i in range(60):
        (tmp_path / f"m{i}.py").write_text("from django.utils.encoding import force_text\n"
                                           + "x = 1\n" * (i * 30) + "y = force_text(x)\n", encoding="utf-8")
    serial = engine.run([str(tmp_path)], [ForceText], target="4.2", mode="diff", jobs=1, use_cache=False)
    pooled = engine.run([str(tmp_path)], [ForceText], target="4.2", mode="diff", jobs=2, use_cache=False)
    assert pooled.parallel
    assert [(f.path, f.diff) for f in pooled.files] == [(f.path, f.diff) for f in serial.files]
    assert sum(1 for f in pooled.files if f.changed) == 60


def test_map_files_runs_every_item_once_in_forked_workers():
    """``map_files``: every item's result comes back once, the workers' as well as this process's."""
    import os

    from codemods.pool import map_files

    got = {}
    items = list(range(100))
    map_files(lambda i: (i * i, os.getpid()), items, [i % 7 for i in items], got.__setitem__, jobs=2)
    assert sorted(got) == items and all(got[i][0] == i * i for i in items)
    assert {pid for _, pid in got.values()} - {os.getpid()}, "no item was done by a worker"
    alone = {}
    map_files(lambda i: os.getpid(), items, [1] * 100, alone.__setitem__, jobs=1)
    assert set(alone.values()) == {os.getpid()}


def test_map_files_raises_a_workers_error():
    from codemods.pool import map_files

    def one(i):
        if i == 77:
            raise ValueError("seventy-seven")
        return i

    with pytest.raises(ValueError, match="seventy-seven"):
        map_files(one, list(range(100)), [1] * 100, lambda item, result: None, jobs=2)


def test_map_files_stays_in_this_process_where_processes_are_not_forked(monkeypatch):
    """macOS and Windows start worker processes afresh (spawn): the function to run is not theirs to
    inherit, so the work stays here, with the same results."""
    import multiprocessing
    import os

    from codemods import pool

    monkeypatch.setattr(pool, "pool_context", lambda: multiprocessing.get_context("spawn"))
    got = {}
    pool.map_files(lambda i: (i + 1, os.getpid()), list(range(100)), [1] * 100, got.__setitem__, jobs=2)
    assert sorted(got) == list(range(100)) and {pid for _, pid in got.values()} == {os.getpid()}
    assert all(got[i][0] == i + 1 for i in range(100))


def test_the_engine_stays_in_this_process_where_processes_are_not_forked(tmp_path, monkeypatch):
    """Regression: on macOS and Windows the pool spawns its workers, which do not inherit the
    engine's ``process_file`` (``W``): ``fix`` over 24 files or more raised KeyError: 'process'. The
    work now stays in this process there, with the same results."""
    import multiprocessing

    from codemods import engine, pool
    from codemods.catalogue.force_text import ForceText

    for i in range(30):
        (tmp_path / f"m{i}.py").write_text(f"from django.utils.encoding import force_text\nx = force_text({i})\n")
    forked = engine.run([str(tmp_path)], [ForceText], target="4.2", mode="diff", jobs=2, use_cache=False)
    monkeypatch.setattr(pool, "pool_context", lambda: multiprocessing.get_context("spawn"))
    spawned = engine.run([str(tmp_path)], [ForceText], target="4.2", mode="diff", jobs=2, use_cache=False)
    assert forked.parallel and not spawned.parallel
    assert [(f.path, f.diff) for f in spawned.files] == [(f.path, f.diff) for f in forked.files]
    assert len(spawned.changed) == 30
