#!/usr/bin/env python3
"""Benchmark ``django-upgrade fix --diff`` against the peers on the same real files.

    python benchmarks/bench_fix.py [--corpus django|apps] [--jobs N] [--target 5.2] [--no-peers] [--djcodemod-timeout S]

Corpus (offline after the first run): the source tree of Django 3.2 (``pip install --no-deps``,
~1,000 files) plus ``examples/legacy_shop``. Each tool gets its own copy of the same files and runs as
a user would run it, through its console script:

* ours: ``django-upgrade fix --diff --target T --jobs N`` (``python -m upgrader`` on a frozen copy of
  the tool, so both runs measure the same code) with an empty cache (cold), then again (warm);
* django-upgrade (``pip install django-upgrade`` into a scratch venv): ``django-upgrade
  --target-version T --check FILES...`` (it takes files, not directories; no cache, so cold == warm);
* django-codemod (``djcodemod run --removed-in 4.0 DIR``, when it installs; it rewrites in place).

Prints wall times, files/s and the ratios. Goal on 2 cores: cold at least as fast as django-upgrade,
warm at least 5x faster.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpus import ROOT, copy_tree, installed_tree, tool_venv  # noqa: E402


def timed(cmd: list[str], env=None, timeout=None, cwd=None) -> tuple[float, subprocess.CompletedProcess | None]:
    """Wall time of ``cmd``; on a timeout the whole process group is killed (a tool's worker
    processes left running would slow down every later measurement)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        elapsed = time.perf_counter() - start
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        return elapsed, None
    return time.perf_counter() - start, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


# Two corpora: Django's own source (it defines the deprecated APIs: many files change, the worst
# case for a libcst tool) and third-party apps that USE Django (few files change, as in real projects).
CORPORA = {
    "django": ("Django 3.2.25 source + examples/legacy_shop", [("django==3.2.25", "django")]),
    "apps": ("djangorestframework 3.14, django-allauth 0.61, django-extensions 3.2, wagtail 5.2 + examples/legacy_shop",
             [("djangorestframework==3.14.0", "rest_framework"), ("django-allauth==0.61.1", "allauth"),
              ("django-extensions==3.2.3", "django_extensions"), ("wagtail==5.2.8", "wagtail")]),
}
CORPUS = "django"


def make_corpus(dest: Path) -> Path:
    for requirement, package in CORPORA[CORPUS][1]:
        copy_tree(installed_tree(requirement, package), dest / package)
    copy_tree(ROOT / "examples" / "legacy_shop", dest / "legacy_shop")
    return dest


def py_files(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*.py"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="fix --diff vs django-upgrade vs django-codemod")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--target", default="5.2")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--skip", action="append", default=[], metavar="NAME", help="passed to fix --skip")
    parser.add_argument("--djcodemod-timeout", type=float, default=900)
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="django")
    args = parser.parse_args(argv)
    global CORPUS
    CORPUS = args.corpus

    rows = []
    with tempfile.TemporaryDirectory(prefix="dua-bench-") as tmp:
        tmp = Path(tmp)
        ours = make_corpus(tmp / "ours")
        n_py = len(py_files(ours))
        n_all = sum(1 for p in ours.rglob("*") if p.is_file() and p.suffix in (".py", ".html", ".txt"))
        print(f"corpus: {CORPORA[CORPUS][0]}: {n_py} .py files ({n_all} incl. templates); "
              f"{os.cpu_count()} CPUs; --jobs {args.jobs}; target {args.target}")

        env = dict(os.environ, DJANGO_UPGRADE_CACHE_DIR=str(tmp / "cache"), CI="1")
        # a frozen copy of the tool, so both runs measure the same code even while it is being edited
        snapshot = tmp / "tool"
        for pkg in ("upgrader", "codemods", "release_data"):
            shutil.copytree(ROOT / pkg, snapshot / pkg, ignore=shutil.ignore_patterns("__pycache__"))
        env["PYTHONPATH"] = str(snapshot)
        # An installed tool has its bytecode compiled (pip does it on install); measure that, not
        # the compilation of the tool's own sources on every run (PYTHONDONTWRITEBYTECODE may be set).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(snapshot)], check=True)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cmd = [sys.executable, "-m", "upgrader", "fix", "--diff", "--target", args.target, "--jobs", str(args.jobs), str(ours)]
        for name in args.skip:
            cmd[-1:-1] = ["--skip", name]
        cold, proc = timed(cmd, env, cwd=snapshot)
        assert proc is not None and proc.returncode in (0, 1), proc.stderr[-2000:]
        changed = proc.stdout.count("\n--- a/") + proc.stdout.startswith("--- a/")
        rows.append(("django-upgrade-assistant fix --diff (cold)", cold, n_py, f"{changed} files with changes"))
        warm, proc2 = timed(cmd, env, cwd=snapshot)
        assert proc2 is not None
        if proc2.stdout != proc.stdout:
            import difflib

            delta = list(difflib.unified_diff(proc.stdout.splitlines(), proc2.stdout.splitlines(), "cold", "warm", lineterm=""))
            print("WARNING: warm output differs from cold output:\n" + "\n".join(delta[:40]), file=sys.stderr)
        rows.append(("django-upgrade-assistant fix --diff (warm)", warm, n_py, "cached"))

        peer = None
        if not args.no_peers:
            venv = tool_venv("django-upgrade", ["django-upgrade"])
            if venv:
                theirs = make_corpus(tmp / "django-upgrade")
                files = py_files(theirs)
                tool = [str(venv / "bin" / "django-upgrade"), "--target-version", args.target, "--check"]
                t1, p1 = timed([*tool, *files])
                version = subprocess.run([str(venv / "bin" / "django-upgrade"), "--version"], capture_output=True, text=True).stdout.strip()
                changed_theirs = len([line for line in (p1.stdout + p1.stderr).splitlines() if "ewrit" in line]) if p1 else "?"
                rows.append((f"django-upgrade {version} --check", t1, len(files), f"{changed_theirs} files with changes"))
                t2, _ = timed([*tool, *files])
                rows.append((f"django-upgrade {version} --check (again)", t2, len(files), "no cache"))
                peer = min(t1, t2)
            venv = tool_venv("django-codemod", ["django-codemod"])
            if venv:
                theirs = make_corpus(tmp / "django-codemod")
                t3, p3 = timed([str(venv / "bin" / "djcodemod"), "run", "--removed-in", "4.0", str(theirs)],
                               env=dict(os.environ, TERM="dumb"), timeout=args.djcodemod_timeout)
                note = "timed out" if p3 is None else f"exit {p3.returncode}"
                rows.append(("django-codemod run --removed-in 4.0", t3, len(py_files(theirs)), note))

    print()
    print(f"{'tool':<48} {'wall s':>8} {'files':>6} {'files/s':>9}  note")
    for name, secs, n, note in rows:
        print(f"{name:<48} {secs:8.2f} {n:>6} {n / secs:9.0f}  {note}")
    if peer:
        print()
        print(f"cold: {peer / cold:.2f}x django-upgrade's speed (goal >= 1.0); "
              f"warm: {peer / warm:.2f}x (goal >= 5.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
