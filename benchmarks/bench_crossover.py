#!/usr/bin/env python3
"""Where a process pool starts to pay for ``fix``: wall time of ``fix --diff --no-cache`` with
``--jobs 1`` and ``--jobs 2`` over the first N files of the old-code corpus (median of --repeat).

    python benchmarks/bench_crossover.py [--sizes 8,16,32,64,128] [--repeat 3] [--target 4.2]

The engine goes parallel from ``codemods.pool.SERIAL_THRESHOLD`` files to process (fewer run in
the main process whatever ``--jobs`` says): pick it where the two curves cross.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import ROOT  # noqa: E402
from benchmarks._oldcorpus import make_old_corpus  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="8,16,32,64,128")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--target", default="4.2")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dua-cross-") as tmp:
        tmp = Path(tmp)
        corpus = make_old_corpus(tmp / "corpus")
        files = sorted(corpus.rglob("*.py"))[::7]  # spread over the distributions
        env = dict(os.environ, DJANGO_UPGRADE_SERIAL_THRESHOLD="1", CI="1")
        print(f"{'files':>6} {'jobs=1 s':>9} {'jobs=2 s':>9}  ratio  load")
        for n in (int(x) for x in args.sizes.split(",")):
            subset = tmp / f"n{n}"
            for f in files[:n]:
                dest = subset / f.relative_to(corpus)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(f, dest)
            times = {1: [], 2: []}
            for _ in range(args.repeat):
                for jobs in (1, 2):
                    cmd = [sys.executable, "-m", "upgrader", "fix", "--diff", "--no-cache", "--target", args.target,
                           "--jobs", str(jobs), str(subset)]
                    start = time.perf_counter()
                    subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True)
                    times[jobs].append(time.perf_counter() - start)
            one, two = statistics.median(times[1]), statistics.median(times[2])
            load = "/".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"{n:>6} {one:9.2f} {two:9.2f}  {two / one:5.2f}  {load}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
