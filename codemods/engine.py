"""Run codemods over files: discovery, cache, process pool, safe writes.

    summary = run(["src"], registry.select(target="4.2"), target="4.2", mode="diff")
    summary.changed        # [FileResult, ...] files that change (or would, in diff/check mode)
    summary.exit_code      # 0 nothing to change, 1 changes (written or pending)

``mode``: ``write`` rewrites the files; ``diff`` fills ``FileResult.diff`` and writes nothing;
``check`` only says which files would change.

Per file (``process_file``): read bytes -> strip a UTF-8 BOM -> decode UTF-8 strictly (else
reported, untouched) -> CRLF files are normalised to ``\\n`` for the codemods and converted back ->
``codemods.apply.apply_source`` (prefilter, ast confirmation, one libcst pass, re-parse) -> atomic
write (temp file in the same directory + ``os.replace``, keeping the file mode) unless read-only.

Speed: an unchanged file that needed no change last time costs one ``os.stat`` (see
``codemods.cache``); the rest are shared by this process and ``jobs - 1`` workers (``codemods.pool``;
``jobs=1``, or a handful of files, runs in this process alone).

The results: ``codemods.results`` (``FileResult``, ``RunSummary``).
"""

from __future__ import annotations

import codecs
import gc
import os
import stat as _stat
import sys
from pathlib import Path

from codemods import pool as pool_mod
from codemods.base import Codemod, Finding
from codemods.cache import ResultCache, content_hash, fingerprint
from codemods.scanned_text import scanned
from codemods.results import FileResult, RunSummary
from core.env import env_int
from core.files import discover, real_path, size_of
from core import atomic, heap

MODES = ("write", "diff", "check")
KNOWN_WRITES_THREADED = 16  # cached rewrites to write: from this many, by a few threads
# A file larger than this (bytes) is processed alone, after the pool has finished, so no two large
# libcst trees are ever in memory at once; ``DJANGO_UPGRADE_LARGE_FILE`` (bytes) overrides it.
LARGE_FILE_BYTES = 512 * 1024


def large_file_limit() -> int:
    return env_int("DJANGO_UPGRADE_LARGE_FILE", LARGE_FILE_BYTES)


# -- one file --------------------------------------------------------------------------------------

def _decode(data: bytes) -> tuple[str | None, bool, str | None]:
    """(text, has_bom, error)."""
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), bom, None
    except UnicodeDecodeError as exc:
        return None, bom, f"not UTF-8 ({exc.reason} at byte {exc.start}); left untouched"


def _encode(text: str, bom: bool, crlf: bool) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data


def _unified_diff(path: str, old: str, new: str, data: dict) -> str:
    """The file's diff; its hunks are kept in the cache entry ``data`` (a warm ``--diff`` reads them)."""
    from codemods.diff import hunks, with_header  # near-linear on large files (difflib's is quadratic)

    body = data.get("hunks")
    if body is None:
        body = data["hunks"] = hunks(old, new)
    return with_header(path, body)


def process_file(path: str, codemods: list[Codemod] | None, target: str | None, mode: str,
                 known: dict | None = None, cache_key=None, settings=None, detect=None) -> tuple[FileResult, dict | None]:
    """``_process_file``, with Python's cyclic garbage collector paused (see ``apply.apply_source``)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _process_file(path, codemods, target, mode, known, cache_key, settings, detect)
    finally:
        if collecting:
            gc.enable()


def _process_file(path: str, codemods: list[Codemod] | None, target: str | None, mode: str,
                  known: dict | None = None, cache_key=None, settings=None, detect=None) -> tuple[FileResult, dict | None] | None:
    """Run the codemods over one file. Returns the result and cache info (or None).
    ``codemods=None``: only what the cache (``known``) holds; None when it holds nothing for the file.

    ``detect``: called as ``detect(path, old, new, tree)`` on the file as the codemods leave it (``tree``:
    the ``ast`` of ``new``, or of ``old`` when unchanged, if one was parsed); what it returns is the
    result's ``left`` (and is cached with it)."""
    try:
        st = os.stat(path)
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return FileResult(path, error=f"cannot read: {exc.strerror or exc}", left=_nothing_left(detect)), None
    chash = content_hash(data)
    info = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "hash": chash, "data": None}
    cached = None
    if known is not None and cache_key is not None:
        cached = known.get(cache_key(os.path.abspath(path), chash))
    if cached is not None and cached.get("new") is None:
        info["data"] = cached
        return result_from_cache(path, cached), info
    if cached is None and codemods is None:  # (changed since the cache lookup: the caller runs the codemods)
        return None
    text, bom, error = _decode(data)
    if error:
        result = FileResult(path, error=error, left=_nothing_left(detect))
        info["data"] = cache_data(result)
        return result, info
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    work = scanned(text.replace("\r\n", "\n") if crlf else text)  # (each trigger searched for once)
    tree = None
    if cached is not None:  # a known change: no need to run the codemods again
        result, new = result_from_cache(path, cached), cached["new"]
        info["data"] = cached
    else:
        from codemods.apply import apply_source  # (libcst: imported only when a file needs the codemods)

        is_settings = None if settings is None else real_path(path) in settings
        src = apply_source(work, path, codemods, target=target, is_settings=is_settings)
        result = FileResult(path, applied=list(src.applied), findings=list(src.findings), error=src.error)
        new = src.new if (src.changed and not src.error) else None
        info["data"] = cache_data(result, new)
        tree = src.tree
    if detect is not None and result.left is None:
        result.left = info["data"]["left"] = detect(path, work, new, tree)
    if cached is None:  # (the parsers ran: what they freed goes back to the system, see core.heap)
        tree = src = None
        heap.settle()
    if new is None:
        return result, info
    result.changed = True
    # the rewrite stays in the result only for a caller that scans it afterwards (``leftovers``
    # without a request): with ``detect`` what is left was found here, and results of a --diff or
    # --check run over a large tree hold no file texts (the cache has them, on disk)
    result.new_text = new if detect is None else None
    if mode == "diff":
        result.diff = _unified_diff(path, work, new, info["data"])
    elif mode == "write":
        if not os.access(path, os.W_OK) or not st.st_mode & _stat.S_IWUSR:
            result.error = "read-only file; changes not written"
            return result, info
        try:
            atomic.write_bytes(path, _encode(new, bom, crlf), mode=st.st_mode)
            result.written = True
            result.new_text = None  # on disk now: results of a large run hold no file texts
        except OSError as exc:
            result.error = f"cannot write: {exc.strerror or exc}; file left unchanged"
    return result, info


def _nothing_left(detect) -> dict | None:
    """The ``left`` of a file the codemods cannot read (so ``leftovers`` gathers, scanning nothing)."""
    return {"rows": [], "error": None, "sets": None} if detect is not None else None


def cache_data(result: FileResult, new: str | None = None) -> dict:
    data = {
        "applied": list(result.applied),
        "error": result.error,
        "findings": [[f.codemod, f.line, f.message] for f in result.findings],
    }
    if new is not None:
        data["new"] = new  # the rewritten text (\n line endings), so a warm --diff needs no libcst
    if result.left is not None:
        data["left"] = result.left
    return data


def result_from_cache(path: str, data: dict) -> FileResult:
    return FileResult(
        path,
        applied=list(data.get("applied") or []),
        error=data.get("error"),
        findings=[Finding(c, path, line, msg) for c, line, msg in data.get("findings") or []],
        changed=data.get("new") is not None,
        cached=True,
        new_text=data.get("new"),
        left=data.get("left"),
    )


# -- the pool ----------------------------------------------------------------------------------------

def _known_changes(paths: list[str], target, mode: str, jobs: int, known, key, settings, detect):
    """(path, outcome) of the files whose rewrite the cache holds, in order; the outcome is None for a
    file that changed since the cache lookup (the caller then runs the codemods on it, in this thread).
    Written by a few threads when there are many: a write waits on the disk (``fsync``), not on Python."""
    def one(p: str):
        return process_file(p, None, target, mode, known, key, settings, detect)

    if mode != "write" or jobs < 2 or len(paths) < KNOWN_WRITES_THREADED:
        for p in paths:
            yield p, one(p)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(4, 2 * jobs)) as ex:
        yield from zip(paths, ex.map(one, paths))


def _cache_knows_all(todo: list[str], known: dict, key) -> bool:
    """Whether the cache knows the content of every file of ``todo`` (reading stops at the first
    one it does not know)."""
    for p in todo:
        try:
            with open(p, "rb") as fh:
                chash = content_hash(fh.read())
        except OSError:
            return False
        if key(os.path.abspath(p), chash) not in known:
            return False
    return True


def run(paths, codemods, target: str | None = None, mode: str = "write", jobs: int | None = None,
        use_cache: bool = True, progress: bool = False, cache_dir: Path | None = None,
        settings_files=None, detect=None, found=None) -> RunSummary:
    """Run ``codemods`` (classes, instances or ``registry.Entry``s) over ``paths`` (files and
    directories). The codemods are imported only when some file is not answered by the cache.

    ``settings_files``: the project's settings files (``core.files.ProjectFiles.settings_files()``);
    settings codemods run on those and no other file. None: decided per file from its name and text.
    ``detect``: what to find in each file after the codemods (``codemods.detect.after.LeftRequest``),
    run in the same worker on the same text; each result's ``left``.
    ``found``: ``discover(paths)`` when the caller has it already (``ProjectFiles.discovery_as``)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    codemods = list(codemods)
    jobs = max(1, jobs or os.cpu_count() or 1)
    summary = RunSummary(mode=mode, target=target, codemods=[c.name for c in codemods], jobs=jobs)
    found = discover(paths) if found is None else found
    summary.skipped = list(found.skipped)
    paths_str = [str(p) for p in found.files]

    settings = None if settings_files is None else frozenset(os.path.realpath(p) for p in settings_files)
    fp_names = summary.codemods if settings is None else [*summary.codemods, *(f"settings={p}" for p in sorted(settings))]
    if detect is not None:
        fp_names = [*fp_names, f"detect={detect.fingerprint}"]
    cache = ResultCache(fingerprint(fp_names, target), cache_dir) if use_cache else None
    results: dict[str, FileResult] = {}
    todo: list[str] = []  # files the codemods must see
    known_changes: list[str] = []  # unchanged files whose rewrite is cached: only read, diff or write
    for p in paths_str:
        if cache is not None:
            try:
                st = os.stat(p)
            except OSError:
                todo.append(p)
                continue
            hit = cache.lookup(os.path.abspath(p), st)
            if hit is not None and (hit.get("new") is None or mode == "check"):
                results[p] = result_from_cache(p, hit)
                if detect is not None:
                    results[p].new_text = None  # (as above: what is left came with the hit)
                continue
            if hit is not None:
                known_changes.append(p)
                continue
        todo.append(p)
    if cache is not None:
        cache.stats.misses = len(todo) + len(known_changes)

    def collect(p: str, outcome) -> None:
        result, info = outcome
        results[p] = result
        if cache is not None and info is not None:
            cache.record(os.path.abspath(p), info["size"], info["mtime_ns"], info["hash"], info["data"])

    known = cache.by_hash() if cache is not None else None
    key = cache.key if cache is not None else None
    # a warm cache whose stats no longer match (a fresh checkout or copy, touched files) knows most
    # files by their content: when it knows every file to do, the codemods (and libcst) are not imported
    need_codemods = bool(todo) and not (known and _cache_knows_all(todo, known, key))
    ctx = pool_mod.forking_context(jobs, len(todo))
    # forking workers: every codemod is imported first, once, and the workers share it; else each is
    # imported when a file first holds its triggers (``registry.Deferred``): a few files, as a
    # pre-commit hook passes, may need none of them, nor libcst
    if need_codemods and ctx is not None:
        instances, classes = pool_mod.instances(codemods)
    else:
        instances, classes = pool_mod.deferred(codemods), list(codemods)
    bar = _progress(len(paths_str), len(paths_str) - len(todo) - len(known_changes)) if progress else None
    try:
        for p, outcome in _known_changes(known_changes, target, mode, jobs, known, key, settings, detect):
            # (None: changed since the cache lookup)
            collect(p, outcome or process_file(p, instances, target, mode, known, key, settings, detect))
            if bar:
                bar.update(1)
        if ctx is None:
            for p in todo:
                collect(p, process_file(p, instances, target, mode, known, key, settings, detect))
                if bar:
                    bar.update(1)
        else:
            # largest files first, in small chunks, so no worker is left with the big ones at the end;
            # a file over the size limit waits until the pool is gone, and is then done alone
            sizes = {p: size_of(p) for p in todo}
            limit = large_file_limit()
            large = [p for p in todo if sizes[p] > limit]
            todo = sorted((p for p in todo if sizes[p] <= limit), key=sizes.__getitem__, reverse=True)
            pool_mod.W["cache_obj"] = cache  # inherited by forked workers; only its key() is used there
            pool_mod.W["process"] = process_file  # (what one file takes; the workers call it too)
            if detect is not None and need_codemods:
                detect.prepare()  # (once here, not once per worker; not at all when the cache knows every file)
            summary.parallel = True
            # what the parent built so far (modules, codemods, release data) is left out of every
            # garbage collection, the workers' included: a collection would otherwise go over it all
            # again in each worker, and touching it copies the pages the fork shares
            gc.freeze()
            try:
                with ctx.Pool(jobs - 1, initializer=pool_mod.worker_init,
                              initargs=(classes, target, mode, known, settings, detect)) as pool:
                    pool_mod.share(pool, todo, [sizes[p] for p in todo], jobs - 1, collect, bar,
                           lambda p: process_file(p, instances, target, mode, known, key, settings, detect))
            finally:
                gc.unfreeze()
            for p in large:
                collect(p, process_file(p, instances, target, mode, known, key, settings, detect))
                if bar:
                    bar.update(1)
    finally:
        pool_mod.W.pop("cache_obj", None)
        pool_mod.W.pop("process", None)
        if bar:
            bar.__exit__(None, None, None)
        if cache is not None:
            cache.close()
            summary.cache = cache.stats
    summary.files = [results[p] for p in paths_str]
    return summary


def _progress(total: int, done: int):
    import click

    bar = click.progressbar(length=total, label="fix", file=sys.stderr, show_pos=True)
    bar.__enter__()
    if done:
        bar.update(done)
    return bar
