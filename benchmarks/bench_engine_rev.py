#!/usr/bin/env python3
"""The fix engine now against the engine at a git revision, on the same work.

    python benchmarks/bench_engine_rev.py --rev 72b657a [--compare django,old] [--repeat 3] [--jobs 2]

``bench_fix.py --tool-rev`` compares the whole ``fix`` command of two revisions, which also measures
what was added in between (more codemods, the report of what is left by hand). This tells the
engine's own cost apart: each revision's ``codemods.engine.run`` is given the codemods BOTH
revisions have (those of them that apply at ``--target``), in ``diff`` mode, with no result cache
and no leftover detection, on the same corpora as ``bench_fix.py`` (Django's tree, the old-app
corpus). Each run is a fresh process (imports included); wall time and peak memory of the process
tree are the median of ``--repeat`` runs, with the number of files each revision would rewrite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_fix import load, make_django, make_old, median, snapshot_tool, timed  # noqa: E402

_NAMES = "from codemods import registry; import json; print(json.dumps(sorted(registry.names())))"
_DRIVER = """
import json, sys
from pathlib import Path
from codemods import engine, registry
names = set(json.loads(sys.argv[2]))
chosen = [e for e in registry.select_entries(target=sys.argv[3]) if e.name in names]
summary = engine.run([Path(sys.argv[1])], chosen, target=sys.argv[3], mode="diff", jobs=int(sys.argv[4]),
                     use_cache=False)
print(json.dumps({"changed": sum(1 for f in summary.files if f.changed), "codemods": len(chosen)}))
"""


def _env(tool: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tool), CI="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _names(tool: Path) -> set[str]:
    out = subprocess.run([sys.executable, "-c", _NAMES], capture_output=True, text=True, env=_env(tool), cwd=tool,
                         check=True).stdout
    return set(json.loads(out))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="the fix engine now vs at a revision, on the same codemods")
    parser.add_argument("--rev", required=True, help="the git revision to compare with")
    parser.add_argument("--compare", default="django,old", help="comma-separated: django, old")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--target", default="4.2")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="dua-bench-engine-") as tmp:
        tmp = Path(tmp)
        tools = {"now": snapshot_tool(tmp / "now", None), args.rev: snapshot_tool(tmp / "then", args.rev)}
        common = sorted(set.intersection(*(_names(t) for t in tools.values())))
        print(f"{os.cpu_count()} CPUs; --jobs {args.jobs}; target {args.target}; median of {args.repeat}; "
              f"{len(common)} codemods both revisions have; no cache, no leftover detection")
        for name in [c for c in args.compare.split(",") if c]:
            tree = {"django": make_django, "old": make_old}[name](tmp / f"corpus-{name}")
            runs: dict[str, list] = {label: [] for label in tools}
            for k in range(args.repeat):
                for label, tool in tools.items():
                    cmd = [sys.executable, "-c", _DRIVER, str(tree), json.dumps(common), args.target, str(args.jobs)]
                    secs, (rss, pss), proc = timed(cmd, _env(tool), cwd=tool)
                    if proc is None or proc.returncode != 0:
                        raise SystemExit(f"{label} failed: {proc.stderr[-2000:] if proc else 'timeout'}")
                    runs[label].append((secs, rss, pss, json.loads(proc.stdout.splitlines()[-1]), load()))
                print(f"   {name} run {k + 1}: " + "; ".join(f"{label} {r[-1][0]:.2f}s" for label, r in runs.items()),
                      flush=True)
            rows.append((name, runs))
    print(f"\n{'corpus':<7} {'engine':<10} {'wall s':>7} {'RSS MB':>7} {'PSS MB':>7} {'codemods':>8} {'rewritten':>9} "
          f"{'x then':>7}  load average (per run)")
    for name, runs in rows:
        then = median([r[0] for r in runs[args.rev]])
        for label, rs in runs.items():
            secs = median([r[0] for r in rs])
            print(f"{name:<7} {label:<10} {secs:7.2f} {median([r[1] for r in rs]) / 2**20:7.0f} "
                  f"{median([r[2] for r in rs]) / 2**20:7.0f} {rs[0][3]['codemods']:>8} {rs[0][3]['changed']:>9} "
                  f"{secs / then:7.2f}  {', '.join(r[4] for r in rs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
