#!/usr/bin/env python3
"""Corpus check: every codemod at the newest target over real code, offline after the first run.

    python benchmarks/corpus_check.py [--jobs N] [--keep DIR] [--target X.Y] [--no-peer] [--no-old]

Corpus: the source trees of Django 2.2, 3.2, 4.2 and 5.2 and of djangorestframework, wagtail,
django-cms, django-allauth and django-extensions (``pip install --no-deps --target``), plus the
unpacked sdists of Django apps of the 1.11 / 2.x era (``OLD_SDISTS``: ``pip download --no-binary``,
tests and example projects included). Each tree is copied to a scratch directory and fixed in write
mode. Checks:

* 0 crashes (no "codemod failed" finding, no exception out of the engine);
* every changed Python file re-parses (ast and libcst) - the engine re-parses too, and a file whose
  codemod output does not parse is counted as a failure here;
* a second run changes nothing.

Prints the number of files changed per codemod and corpus for review; exits 1 when a check fails.
With the peer (``pip install django-upgrade`` into its own venv, ``--no-peer`` to skip) it also
counts the Python files the peer changes on another copy at the same ``--target-version``.
The same is run by ``tests/codemods/test_engine_corpus.py`` (marked ``slow`` and ``integration``).
"""

from __future__ import annotations

import argparse
import ast
import collections
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import libcst as cst  # noqa: E402

from benchmarks._corpus import copy_tree, installed_tree, sdist_tree, tool_venv  # noqa: E402
from codemods import engine, registry  # noqa: E402
from release_data import load  # noqa: E402

CORPUS = [
    ("django==2.2.28", "django"),
    ("django==3.2.25", "django"),
    ("django==4.2.30", "django"),
    ("django==5.2.19", "django"),
    ("djangorestframework", "rest_framework"),
    ("wagtail", "wagtail"),
    ("django-cms", "cms"),
    ("django-allauth", "allauth"),
    ("django-extensions", "django_extensions"),
]

#: Django apps as they were in the Django 1.11 - 2.2 era (sdists: the packages, their tests and demo
#: projects): the code legacy projects and their vendored apps look like.
OLD_SDISTS = [
    "django-cms==3.4.7", "wagtail==1.13.4", "djangorestframework==3.7.7", "django-allauth==0.36.0",
    "django-extensions==2.0.7", "django-filter==1.1.0", "django-guardian==1.4.9", "django-reversion==2.0.13",
    "django-mptt==0.9.1", "django-taggit==0.23.0", "django-oscar==1.6.4", "django-crispy-forms==1.7.2",
    "django-debug-toolbar==1.11", "django-haystack==2.8.1", "django-tables2==1.21.2",
    "django-import-export==1.0.1", "django-simple-history==2.5.1", "django-model-utils==3.1.2",
    "django-polymorphic==2.0.3", "easy-thumbnails==2.5", "django-compressor==2.2", "django-braces==1.13.0",
    "django-celery-beat==1.1.1", "django-modeltranslation==0.12.2", "django-registration-redux==2.4",
    "django-userena-ce==4.1.1", "django-el-pagination==3.2.4", "django-autocomplete-light==3.2.10",
]


def newest_target() -> str:
    data = load()
    return [r.version for r in data.releases if r.released][-1]


def _trees(corpus, sdists, out):
    for requirement, package in corpus:
        yield requirement.replace("==", "-"), installed_tree(requirement, package), package
    for requirement in sdists:
        src = sdist_tree(requirement)
        if src is None:
            out(f"# skipped {requirement}: no sdist")
            continue
        yield "sdist:" + requirement.replace("==", "-"), src, src.name


def _py_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if p.is_file() and not p.is_symlink())


def peer_changed(src: Path, copy: Path, target: str, peer_bin: Path) -> tuple[int, float]:
    """Python files the peer (adamchainz/django-upgrade) changes in ``copy`` (a copy of ``src``)."""
    import subprocess

    files = _py_files(copy)
    start = time.perf_counter()
    for i in range(0, len(files), 200):
        subprocess.run([str(peer_bin), "--target-version", target, "--exit-zero-even-if-changed",
                        *map(str, files[i:i + 200])], capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    changed = 0
    for f in files:
        orig = src / f.relative_to(copy)
        try:
            if orig.read_bytes() != f.read_bytes():
                changed += 1
        except OSError:
            continue
    return changed, elapsed


def check(jobs: int | None = None, keep: Path | None = None, corpus=CORPUS, out=print, sdists=OLD_SDISTS,
          target: str | None = None, peer: bool = True) -> dict:
    target = target or newest_target()
    codemods = registry.select(target=target)
    peer_bin = None
    if peer:
        venv = tool_venv("django-upgrade", ["django-upgrade"])
        peer_bin = venv / "bin" / "django-upgrade" if venv else None
    failures: list[str] = []
    per_codemod: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    totals = collections.Counter()
    with tempfile.TemporaryDirectory(prefix="dua-corpus-") as tmp:
        work = keep or Path(tmp)
        for name, src, package in _trees(corpus, sdists, out):
            tree = copy_tree(src, work / name.replace(":", "_") / package)
            start = time.perf_counter()
            first = engine.run([tree], codemods, target=target, mode="write", jobs=jobs, use_cache=False)
            elapsed = time.perf_counter() - start
            totals["files"] += len(first.files)
            totals["changed"] += len(first.changed)
            for f in first.files:
                for finding in f.findings:
                    if "codemod failed" in finding.message:
                        failures.append(f"{name}: crash: {f.path}: {finding.message}")
                if f.error and "does not parse" in f.error:
                    failures.append(f"{name}: output does not parse: {f.path}: {f.error}")
                for applied in f.applied:
                    per_codemod[applied][name] += 1
            for f in first.changed:
                if f.path.endswith(".py"):
                    text = Path(f.path).read_text(encoding="utf-8-sig")
                    try:
                        with warnings.catch_warnings():
                            warnings.simplefilter("ignore")
                            ast.parse(text)
                        cst.parse_module(text)
                    except Exception as exc:  # noqa: BLE001
                        failures.append(f"{name}: {f.path} does not re-parse: {exc}")
            second = engine.run([tree], codemods, target=target, mode="check", jobs=jobs, use_cache=False)
            for f in second.changed:
                failures.append(f"{name}: second run changes {f.path} ({', '.join(f.applied)})")
            unparsable = sum(1 for f in first.files if f.error and "cannot parse" in f.error)
            ours_py = sum(1 for f in first.changed if f.path.endswith(".py"))
            totals["changed_py"] += ours_py
            totals["crashes"] += sum(1 for f in first.files for x in f.findings if "codemod failed" in x.message)
            peer_text = ""
            if peer_bin is not None:
                theirs, peer_elapsed = peer_changed(src, copy_tree(src, work / "peer" / name.replace(":", "_") / package),
                                                    target, peer_bin)
                totals["peer_changed_py"] += theirs
                peer_text = f"  peer {theirs:>4} .py changed {peer_elapsed:6.1f}s"
            out(f"{name:<40} {len(first.files):>5} files  {len(first.changed):>4} changed ({ours_py} .py)  "
                f"{len(first.findings):>4} findings  {unparsable:>3} unparsable originals  {elapsed:6.2f}s{peer_text}")
    out("")
    out(f"files changed per codemod (target {target}):")
    for codemod in sorted(per_codemod):
        counts = per_codemod[codemod]
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        out(f"  {codemod:<32} {sum(counts.values()):>5}  ({detail})")
    out(f"total: {totals['files']} files, {totals['changed']} changed ({totals['changed_py']} .py), "
        f"{len(failures)} failures (crashes {totals['crashes']}); target {target}")
    if peer_bin is not None:
        out(f"peer django-upgrade at --target-version {target}: {totals['peer_changed_py']} .py files changed")
    for failure in failures:
        out(f"FAIL {failure}")
    return {"failures": failures, "per_codemod": {k: dict(v) for k, v in per_codemod.items()}, **totals}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="keep the fixed copies here")
    parser.add_argument("--target", default=None, help="target Django (default: the newest released)")
    parser.add_argument("--no-peer", action="store_true", help="do not run the peer django-upgrade")
    parser.add_argument("--no-old", action="store_true", help="only the installed trees, not the old-era sdists")
    args = parser.parse_args(argv)
    result = check(args.jobs, args.keep, target=args.target, peer=not args.no_peer,
                   sdists=() if args.no_old else OLD_SDISTS)
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
