"""The engine's worker processes: what each runs with, and how the main process shares the work.

    with pool_context().Pool(jobs - 1, initializer=worker_init, initargs=(...)) as pool:
        share(pool, todo, sizes, jobs - 1, collect, bar, here)

The workers are forked after the main process imported the codemods (their pages are shared), take
chunks of the largest files first (each a small part of all the bytes) and send back each file's
result (``engine.process_file``); the main process takes the smallest files, one at a time, between
collecting theirs. ``deferred``: the codemods as stand-ins that import each one when a file first
needs it (not at all when the cache answers every file, or when no file holds its triggers).
"""

from __future__ import annotations

import os
import queue
import sys
import warnings

from codemods import registry
from codemods.base import Codemod
from core import heap
from core.env import env_int

W: dict = {}  # what a worker runs with: set by worker_init; "process" (engine.process_file) and
#              "cache_obj" (its key() only) are set by the engine before the fork and inherited


def worker_init(codemods, target, mode, known, settings=None, detect=None) -> None:
    # (classes, imported before the fork; or metadata when every file is known to the cache by its
    # content: then nothing is imported unless a file changed meanwhile)
    W.update(codemods=deferred(codemods), target=target, mode=mode, known=known,
              settings=settings, detect=detect)
    warnings.simplefilter("ignore")
    heap.forget()  # (its growth is its own: core.heap)


def _worker(path: str):
    cache = W.get("cache_obj")
    key = cache.key if cache is not None else None
    return path, W["process"](path, W["codemods"], W["target"], W["mode"], W["known"], key,
                              W.get("settings"), W.get("detect"))


def _worker_chunk(paths: list[str]) -> list:
    return [_worker(p) for p in paths]


def _one_chunk(items: list) -> list:
    one = W["one"]
    return [(item, one(item)) for item in items]


def _quiet() -> None:
    warnings.simplefilter("ignore")


SERIAL_THRESHOLD = 24  # fewer files than this to process: a pool costs more than it saves


def serial_threshold() -> int:
    """``SERIAL_THRESHOLD``, or ``DJANGO_UPGRADE_SERIAL_THRESHOLD`` (for measuring the crossover)."""
    return env_int("DJANGO_UPGRADE_SERIAL_THRESHOLD", SERIAL_THRESHOLD)


CHUNK_FILES = 16  # files in a chunk at most (a worker's round trip costs little, but not nothing)
CHUNK_PARTS = 32  # per process: a chunk holds about 1/(32 x processes) of all the bytes at most


def next_chunk(sizes: list[int], start: int, end: int, budget: int, most: int = CHUNK_FILES) -> int:
    """Where the chunk starting at ``start`` ends: the files up to ``end`` whose sizes add up to
    ``budget`` at most (a larger file is a chunk of its own), ``most`` files at most."""
    stop, weight = start + 1, sizes[start]
    while stop < end and stop - start < most and weight + sizes[stop] <= budget:
        weight += sizes[stop]
        stop += 1
    return stop


def share(pool, todo: list[str], sizes: list[int], workers: int, collect, bar, here, task=_worker_chunk) -> None:
    """Do ``todo`` (largest files first; ``sizes`` in the same order) with the pool's ``workers``
    and this process together: the workers take chunks from the front, a few at a time, and this
    process, between collecting their results, takes files one by one from the back (a process fewer
    than a pool of ``jobs``: its memory is the workers' too). ``here(path)`` processes one file in this
    process. A chunk is a small part of all the bytes, so that when this process runs out of files,
    what the workers still have queued (the largest files are theirs) is little. ``task``: what a
    worker runs on a chunk (the engine's ``_worker_chunk``; ``map_files``' ``_one_chunk``)."""
    results: queue.SimpleQueue = queue.SimpleQueue()
    start, end, in_flight = 0, len(todo), 0
    limit = 2 * workers  # chunks queued per worker: enough to keep it busy, few enough to share the rest
    budget = max(1, sum(sizes) // (CHUNK_PARTS * (workers + 1)))

    def done(outcomes) -> None:
        for p, outcome in outcomes:
            collect(p, outcome)
            if bar:
                bar.update(1)

    while start < end or in_flight:
        while in_flight < limit and start < end:
            stop = next_chunk(sizes, start, end, budget)
            chunk, start = todo[start:stop], stop
            pool.apply_async(task, (chunk,), callback=results.put, error_callback=results.put)
            in_flight += 1
        # what has come back: all of it while this process has files of its own, else one (waiting)
        while in_flight:
            own = start < end
            try:
                got = results.get(block=not own)
            except queue.Empty:
                break
            in_flight -= 1
            if isinstance(got, BaseException):
                raise got
            done(got)
            if not own:
                break
        if start < end:
            end -= 1
            done([(todo[end], here(todo[end]))])


def map_files(one, items: list, sizes: list[int], collect, jobs: int | None = None, before_fork=None) -> None:
    """``collect(item, one(item))`` for every item (a file's path or index; ``sizes``: the bytes each
    stands for), in ``jobs`` processes (default: the CPUs) when there are enough of them: the workers
    are forked, so ``one`` and all it reads are inherited and only the items and their results
    travel; the largest go first and this process takes the smallest, as the engine's pool does
    (``share``). In this process alone where ``forking_context`` says so; ``before_fork()`` is called
    when it forks, before it does (what all the workers would otherwise each do: they share it)."""
    import gc

    jobs = max(1, jobs or os.cpu_count() or 1)
    ctx = forking_context(jobs, len(items))
    if ctx is None:
        for item in items:
            collect(item, one(item))
        return
    if before_fork is not None:
        before_fork()
    order = sorted(range(len(items)), key=sizes.__getitem__, reverse=True)
    W["one"] = one
    gc.freeze()  # (as the engine does: no collection goes over what the fork shares)
    try:
        with ctx.Pool(jobs - 1, initializer=_quiet) as pool:
            share(pool, [items[i] for i in order], [sizes[i] for i in order], jobs - 1, collect, None, one,
                  task=_one_chunk)
    finally:
        gc.unfreeze()
        W.pop("one", None)


def forking_context(jobs: int, count: int):
    """The context to fork ``jobs - 1`` workers with for ``count`` files, or None when the work stays
    in this process: one job, fewer files than the crossover (``serial_threshold``), or a platform
    whose pools start their workers afresh (macOS and Windows spawn them): what the workers run
    (``W``: the engine's ``process_file`` and cache, ``map_files``' function) is inherited by the
    fork, never sent."""
    if jobs <= 1 or count < serial_threshold():
        return None
    ctx = pool_context()
    return ctx if ctx.get_start_method() == "fork" else None


def pool_context():
    import multiprocessing  # (only a run that forks needs it: not a warm one)

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def instances(codemods) -> tuple[list[Codemod], list[type[Codemod]]]:
    """The codemods (classes, instances or ``registry.Entry``s) as instances, every one imported
    now, and their classes."""
    instances, classes = [], []
    for c in codemods:
        if isinstance(c, registry.Entry):
            c = c.load()
        if isinstance(c, type):
            classes.append(c)
            instances.append(c())
        else:
            classes.append(type(c))
            instances.append(c)
    return instances, classes


def deferred(codemods) -> list:
    """The codemods as instances, an ``Entry`` as a ``registry.Deferred`` (imported when a file
    first needs more of it than its metadata)."""
    return [registry.deferred(c) for c in codemods]
