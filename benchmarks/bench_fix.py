#!/usr/bin/env python3
"""Benchmark ``django-upgrade-assistant fix`` against django-upgrade (the peer) in the same run.

    python benchmarks/bench_fix.py [--compare django,old,big,commit] [--modes write,diff] [--repeat 3]
                                   [--target 4.2] [--jobs N] [--big-mb 5] [--commit-files 40] [--tool-rev REV]
                                   [--manifest-out F.json] [--check-manifest F.json]

Four comparisons, each tool on its own fresh copy of the same ``.py`` files:

* ``django``: Django 4.2's own source (``pip install --no-deps --target``; few files change);
* ``old``: old application code, ~2,900 files of pinned 1.11-3.2-era app distributions
  (``benchmarks/_oldcorpus.py``; many files change);
* ``big``: one generated module of ``--big-mb`` MB full of 2.x/3.x APIs (``gen_big_module.py``);
* ``commit``: what a pre-commit hook costs: ``--commit-files`` files of the old-code corpus (every
  n-th by path), each given alone to a fresh process of each tool, as a hook does for a commit that
  touched one file. Ours has the catalogue's metadata cached (any earlier run leaves it) but has never
  seen the file (cold) or has (warm). The wall time is the sum over the files, the memory the largest
  run's (not in the default ``--compare``).

Each tool runs from a venv of its own, as a user installs it: the peer's holds django-upgrade, ours
holds its dependencies (the tool's packages come from ``PYTHONPATH``), so neither start-up loads what
the bench's interpreter happens to have (other packages' ``.pth`` files).

Modes: ``write`` (``fix``: rewrites the files) and ``diff`` (``fix --diff``). The peer has no diff
output: it is run in its (write) mode for both. Ours runs cold (empty cache) and warm (the cache of
the cold run, on a fresh copy at the same path). Every figure is the median of ``--repeat`` runs;
the machine's load average is printed with each row, since only the ratios of one run mean much on
a shared machine. Peak memory is the largest sum of the resident set sizes of the whole process tree
(the tool and its worker processes), sampled from /proc every 50 ms; the sum of the PSS (pages
shared by forked workers counted once) is printed next to it. "rewritten": files whose
content the tool changed (write mode) or that its diff names (diff mode).

``--tool-rev REV`` measures the tool as committed at REV (``git archive``) instead of the work
tree; ``--manifest-out`` records, per comparison, the SHA-256 of every file ours rewrote in write
mode, and ``--check-manifest`` compares a run with such a record (the fix results must not regress).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import ROOT, copy_tree, installed_tree, tool_venv  # noqa: E402

PACKAGES = ("core", "upgrader", "codemods", "release_data")


# -- measuring ---------------------------------------------------------------------------------------

def _tree_memory(session: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes of the processes of ``session`` (the tool and its workers).
    RSS counts the pages a forked worker shares with its parent once per process; PSS splits them."""
    rss = pss = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            if int(fields[3]) != session:  # (state, ppid, pgrp, session, ...)
                continue
            with open(f"/proc/{entry}/statm", "rb") as fh:
                rss += int(fh.read().split()[1]) * page
            with open(f"/proc/{entry}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
        except (OSError, IndexError, ValueError):
            continue
    return rss, pss


def timed(cmd: list[str], env=None, timeout=None, cwd=None):
    """(wall seconds, (peak RSS, peak PSS) of the process tree in bytes, CompletedProcess or None on a
    timeout).
    On a timeout the whole session is killed (workers left running would slow every later run)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
                            start_new_session=True)
    peak = [0, 0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            rss, pss = _tree_memory(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
        result = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        result = None
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, tuple(peak), result


def digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*.py"))}


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


# -- corpora -------------------------------------------------------------------------------------------

def make_django(dest: Path) -> Path:
    copy_tree(installed_tree("django==4.2.30", "django"), dest / "django")
    for p in dest.rglob("*"):  # the .py files only: both tools get exactly the same files
        if p.is_file() and p.suffix != ".py":
            p.unlink()
    return dest


def make_old(dest: Path) -> Path:
    from benchmarks._oldcorpus import make_old_corpus

    return make_old_corpus(dest)


def make_commit(dest: Path, count: int) -> Path:
    """Every n-th ``.py`` file (by path) of the old-code corpus, ``count`` of them, at their own paths."""
    whole = make_old(dest.parent / f"{dest.name}-corpus")
    files = sorted(whole.rglob("*.py"))
    for p in files[::max(1, len(files) // count)][:count]:
        target = dest / p.relative_to(whole)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(p, target)
    shutil.rmtree(whole)
    return dest


def make_big(dest: Path, mb: float) -> Path:
    from benchmarks.gen_big_module import generate

    dest.mkdir(parents=True, exist_ok=True)
    (dest / "big_module.py").write_text(generate(int(mb * 1024 * 1024)), encoding="utf-8")
    return dest


# -- the runs ------------------------------------------------------------------------------------------

def snapshot_tool(dest: Path, rev: str | None) -> Path:
    """A frozen copy of the tool (the work tree, or the commit ``rev``), byte-compiled like an install."""
    dest.mkdir(parents=True)
    if rev:
        top = subprocess.run(["git", "ls-tree", "--name-only", rev], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
        packages = [p for p in PACKAGES if p in top]  # (an older revision may predate a package, e.g. core/)
        archive = subprocess.run(["git", "archive", rev, *packages], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    else:
        for pkg in PACKAGES:
            shutil.copytree(ROOT / pkg, dest / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest)], check=True)  # (the venv's Python)
    return dest


def fresh_copy(master: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(master, dest)
    return dest


def ours_python() -> str:
    """The interpreter ours runs with: a venv holding only its dependencies (as a user installs it, and
    as the peer runs, in a venv of its own), so what the bench's own interpreter loads at start-up
    (other packages' .pth files) is counted for neither; this interpreter when that venv cannot be made."""
    try:
        import tomllib
    except ImportError:  # (Python < 3.11)
        import tomlkit as tomllib
    with open(ROOT / "pyproject.toml", "rb") as fh:
        deps = tomllib.loads(fh.read().decode("utf-8"))["project"]["dependencies"]
    venv = tool_venv("ours-deps", list(deps))
    return str(venv / "bin" / "python") if venv is not None else sys.executable


def one_by_one(run_one, tree: Path):
    """``run_one(file)`` for every ``.py`` file of ``tree``, each in a process of its own (a pre-commit
    hook's runs): (the sum of the wall times, the largest (RSS, PSS), files rewritten)."""
    total, peak, changed = 0.0, (0, 0), 0
    for path in sorted(tree.rglob("*.py")):
        secs, rss, n = run_one(path)[:3]
        if n is None:
            return total + secs, peak, None
        total, peak, changed = total + secs, (max(peak[0], rss[0]), max(peak[1], rss[1])), changed + n
    return total, peak, changed


def run_ours(args, tool: Path, tree: Path, mode: str, cache: Path):
    env = dict(os.environ, DJANGO_UPGRADE_CACHE_DIR=str(cache), CI="1", PYTHONPATH=str(tool))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [args.python, "-m", "upgrader", "fix", "--target", args.target, "--jobs", str(args.jobs), str(tree)]
    if mode == "diff":
        cmd.insert(4, "--diff")
    root = tree.parent if tree.is_file() else tree
    before = digests(root) if mode == "write" else None
    secs, rss, proc = timed(cmd, env, timeout=args.timeout, cwd=tool)
    if proc is None:
        return secs, rss, None, {}
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ours failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    if mode == "write":
        after = digests(root)
        changed = {p: h for p, h in after.items() if before.get(p) != h}
        return secs, rss, len(changed), changed
    return secs, rss, proc.stdout.count("\n--- a/") + proc.stdout.startswith("--- a/"), {}


def metadata_cached(args, tool: Path, cache: Path) -> None:
    """The catalogue's metadata in ``cache``, as any earlier run of the tool leaves it."""
    env = dict(os.environ, DJANGO_UPGRADE_CACHE_DIR=str(cache), PYTHONPATH=str(tool))
    subprocess.run([args.python, "-c", "from codemods import registry; registry.entries()"], env=env, cwd=tool,
                   check=True)


def run_peer(args, venv: Path, tree: Path):
    files = [str(tree)] if tree.is_file() else sorted(str(p) for p in tree.rglob("*.py"))
    root = tree.parent if tree.is_file() else tree
    before = digests(root)
    secs, rss, proc = timed([str(venv / "bin" / "django-upgrade"), "--target-version", args.target, *files],
                            timeout=args.timeout)
    if proc is None:
        return secs, rss, None
    after = digests(root)
    return secs, rss, sum(1 for p, h in after.items() if before.get(p) != h)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="fix vs django-upgrade: Django tree, old-code corpus, one big module")
    parser.add_argument("--compare", default="django,old,big", help="comma-separated: django, old, big, commit")
    parser.add_argument("--commit-files", type=int, default=40, help="files of the commit comparison")
    parser.add_argument("--modes", default="write,diff", help="comma-separated: write, diff")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--target", default="4.2")
    parser.add_argument("--big-mb", type=float, default=5.0)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run (a run over it counts as missing)")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm (cached) runs")
    parser.add_argument("--tool-rev", help="measure the tool as committed at this git revision")
    parser.add_argument("--manifest-out", type=Path)
    parser.add_argument("--check-manifest", type=Path)
    args = parser.parse_args(argv)
    compares = [c for c in args.compare.split(",") if c]
    modes = [m for m in args.modes.split(",") if m]

    venv = tool_venv("django-upgrade", ["django-upgrade"])
    if venv is None:
        raise SystemExit("cannot install django-upgrade (the peer)")
    args.python = ours_python()
    peer_version = subprocess.run([str(venv / "bin" / "django-upgrade"), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{os.cpu_count()} CPUs; --jobs {args.jobs}; target {args.target}; median of {args.repeat}; "
          f"peer: django-upgrade {peer_version}; tool: {args.tool_rev or 'work tree'}, run by {args.python}")
    rows, manifests = [], {}
    with tempfile.TemporaryDirectory(prefix="dua-bench-") as tmp:
        tmp = Path(tmp)
        tool = snapshot_tool(tmp / "tool", args.tool_rev)
        for name in compares:
            master = {"django": lambda d: make_django(d), "old": lambda d: make_old(d),
                      "big": lambda d: make_big(d, args.big_mb),
                      "commit": lambda d: make_commit(d, args.commit_files)}[name](tmp / f"master-{name}")
            alone = name == "commit"  # (each file in a process of its own)
            n_files = sum(1 for _ in master.rglob("*.py"))
            size = sum(p.stat().st_size for p in master.rglob("*.py"))
            print(f"\n== {name}: {n_files} .py files, {size / 1e6:.1f} MB (load {load()})", flush=True)
            for mode in modes:
                cold, warm, peer = [], [], []
                for k in range(args.repeat):
                    cache = tmp / f"cache-{name}-{mode}-{k}"
                    work = fresh_copy(master, tmp / "work" / "ours")
                    if alone:
                        metadata_cached(args, tool, cache)
                        secs, rss, changed = one_by_one(lambda f: run_ours(args, tool, f, mode, cache), work)
                        rewritten = {}
                    else:
                        secs, rss, changed, rewritten = run_ours(args, tool, work, mode, cache)
                    cold.append((secs, rss, changed, load()))
                    if mode == "write" and k == 0 and not alone:
                        manifests[name] = rewritten
                    if not args.no_warm:
                        work = fresh_copy(master, tmp / "work" / "ours")
                        if alone:
                            secs, rss, changed = one_by_one(lambda f: run_ours(args, tool, f, mode, cache), work)
                        else:
                            secs, rss, changed, _ = run_ours(args, tool, work, mode, cache)
                        warm.append((secs, rss, changed, load()))
                    work = fresh_copy(master, tmp / "work" / "peer")
                    secs, rss, changed = one_by_one(lambda f: run_peer(args, venv, f), work) if alone \
                        else run_peer(args, venv, work)
                    peer.append((secs, rss, changed, load()))
                    print(f"   {mode} run {k + 1}: ours cold {cold[-1][0]:.1f}s {cold[-1][1][0] / 2**20:.0f} MB; "
                          f"peer {peer[-1][0]:.1f}s {peer[-1][1][0] / 2**20:.0f} MB (load {load()})", flush=True)
                rows.append((name, mode, cold, warm, peer))
    print()
    print(f"{'corpus':<7} {'mode':<6} {'tool':<14} {'wall s':>8} {'RSS MB':>7} {'PSS MB':>7} {'rewritten':>9}  "
          f"{'x peer time':>11} {'x peer RSS':>10} {'x peer PSS':>10}  load average (per run)")
    for name, mode, cold, warm, peer in rows:
        p_secs = median([r[0] for r in peer])
        p_rss, p_pss = median([r[1][0] for r in peer]), median([r[1][1] for r in peer])
        for label, runs in (("ours cold", cold), ("ours warm", warm), ("django-upgrade", peer)):
            if not runs:
                continue
            secs = median([r[0] for r in runs if r[2] is not None])
            rss, pss = median([r[1][0] for r in runs]), median([r[1][1] for r in runs])
            changed = runs[0][2]
            ratio_t = f"{secs / p_secs:.2f}" if secs and p_secs else "-"
            ratio_m = f"{rss / p_rss:.2f}" if rss and p_rss else "-"
            ratio_p = f"{pss / p_pss:.2f}" if pss and p_pss else "-"
            secs_s = f"{secs:8.2f}" if secs is not None else "   (t/o)"
            print(f"{name:<7} {mode:<6} {label:<14} {secs_s} {rss / 2**20:7.0f} {pss / 2**20:7.0f} {str(changed):>9}  "
                  f"{ratio_t:>11} {ratio_m:>10} {ratio_p:>10}  {', '.join(r[3] for r in runs)}")
    if args.manifest_out:
        args.manifest_out.write_text(json.dumps(manifests, indent=1, sort_keys=True))
    if args.check_manifest:
        old = json.loads(args.check_manifest.read_text())
        for name, now in manifests.items():
            before = old.get(name)
            if before is None:
                continue
            same = [p for p in now if before.get(p) == now[p]]
            differ = sorted(p for p in now if p in before and before[p] != now[p])
            new_files = sorted(set(now) - set(before))
            lost = sorted(set(before) - set(now))
            print(f"\nfix results on {name} vs {args.check_manifest}: {len(same)} identical, {len(differ)} different, "
                  f"{len(new_files)} newly rewritten, {len(lost)} no longer rewritten")
            for p in (differ + lost)[:20]:
                print(f"   {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
