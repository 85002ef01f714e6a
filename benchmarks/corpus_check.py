#!/usr/bin/env python3
"""Corpus check: every codemod at the newest target over real code, offline after the first run.

    python benchmarks/corpus_check.py [--jobs N] [--keep DIR]

Corpus: the source trees of Django 2.2, 3.2, 4.2 and 5.2 and of djangorestframework, wagtail,
django-cms, django-allauth and django-extensions (``pip install --no-deps --target``). Each tree is
copied to a scratch directory and fixed in write mode. Checks:

* 0 crashes (no "codemod failed" finding, no exception out of the engine);
* every changed Python file re-parses (ast and libcst) - the engine re-parses too, and a file whose
  codemod output does not parse is counted as a failure here;
* a second run changes nothing.

Prints the number of files changed per codemod and corpus for review; exits 1 when a check fails.
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

from benchmarks._corpus import copy_tree, installed_tree  # noqa: E402
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


def newest_target() -> str:
    data = load()
    return [r.version for r in data.releases if r.released][-1]


def check(jobs: int | None = None, keep: Path | None = None, corpus=CORPUS, out=print) -> dict:
    target = newest_target()
    codemods = registry.select(target=target)
    failures: list[str] = []
    per_codemod: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    totals = collections.Counter()
    with tempfile.TemporaryDirectory(prefix="dua-corpus-") as tmp:
        work = keep or Path(tmp)
        for requirement, package in corpus:
            src = installed_tree(requirement, package)
            name = requirement.replace("==", "-")
            tree = copy_tree(src, work / name / package)
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
            out(f"{name:<28} {len(first.files):>5} files  {len(first.changed):>4} changed  "
                f"{len(first.findings):>4} findings  {unparsable:>3} unparsable originals  {elapsed:6.2f}s")
    out("")
    out(f"files changed per codemod (target {target}):")
    for codemod in sorted(per_codemod):
        counts = per_codemod[codemod]
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        out(f"  {codemod:<32} {sum(counts.values()):>5}  ({detail})")
    out(f"total: {totals['files']} files, {totals['changed']} changed, {len(failures)} failures")
    for failure in failures:
        out(f"FAIL {failure}")
    return {"failures": failures, "per_codemod": {k: dict(v) for k, v in per_codemod.items()}, **totals}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="keep the fixed copies here")
    args = parser.parse_args(argv)
    result = check(args.jobs, args.keep)
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
