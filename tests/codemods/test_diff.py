"""codemods.diff: difflib's unified diff format in near-linear time; exact on small files, and on any
file a diff that applies with ``patch`` and ``git apply``."""

from __future__ import annotations

import difflib
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from codemods import diff
from codemods.apply import apply_source
from codemods import registry

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.gen_big_module import generate  # noqa: E402


def _real_files() -> list[Path]:
    django = pytest.importorskip("django")
    base = Path(django.__file__).parent
    files = sorted((ROOT / "examples" / "legacy_shop").rglob("*.py"))
    files += sorted((base / "db" / "models").rglob("*.py"))[:120]
    return [f for f in files if f.stat().st_size > 200]


def _mutations(lines: list[str], rnd: random.Random, n: int) -> list[str]:
    out = list(lines)
    for _ in range(n):
        k = rnd.randrange(len(out))
        op = rnd.random()
        if op < 0.5:
            out[k] = out[k].replace("self", "this", 1) if "self" in out[k] else "x = 1\n"
        elif op < 0.75:
            out.insert(k, "import foo\n")
        else:
            del out[k]
    return out


def _rebuild(a: list[str], b: list[str]) -> list[str]:
    out = []
    for tag, i1, i2, j1, j2 in diff.opcodes(a, b):
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            out += a[i1:i2]
        else:
            out += b[j1:j2]
    return out


def test_small_files_are_difflibs_output():
    rnd = random.Random(7)
    for path in _real_files()[:80]:
        text = path.read_text(encoding="utf-8")
        a = text.splitlines(keepends=True)
        b = _mutations(a, rnd, rnd.randint(1, 5))
        if len(a) + len(b) >= diff.SMALL_LINES:
            continue
        expected = "".join(difflib.unified_diff(a, b, fromfile="a/m.py", tofile="b/m.py"))
        assert diff.unified_diff("m.py", text, "".join(b)) == expected, path


def test_the_linear_matcher_agrees_with_difflib_on_codemod_rewrites(monkeypatch):
    """With difflib turned off for every size, the output for what the codemods really change
    (renamed names, rewritten imports) is difflib's, byte for byte."""
    monkeypatch.setattr(diff, "SMALL_LINES", 0)
    codemods = [c() for c in registry.select(target="5.0")]
    compared = 0
    for path in (ROOT / "examples" / "legacy_shop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        new = apply_source(text, str(path), codemods, target="5.0").new
        if new == text:
            continue
        a, b = text.splitlines(keepends=True), new.splitlines(keepends=True)
        expected = "".join(difflib.unified_diff(a, b, fromfile="a/m.py", tofile="b/m.py"))
        assert diff.unified_diff("m.py", text, new) == expected, path
        compared += 1
    assert compared >= 3


def test_opcodes_rebuild_the_new_text_on_real_files(monkeypatch):
    monkeypatch.setattr(diff, "SMALL_LINES", 0)
    rnd = random.Random(11)
    for path in _real_files():
        a = path.read_text(encoding="utf-8").splitlines(keepends=True)
        b = _mutations(a, rnd, rnd.randint(1, 40))
        assert _rebuild(a, b) == b, path
        assert _rebuild(b, a) == a, path


def test_large_file_with_thousands_of_hunks_applies_with_patch_and_git(tmp_path):
    text = generate(400_000)
    a = text.splitlines(keepends=True)
    b = [line.replace("force_text", "force_str").replace("ugettext", "gettext") for line in a]
    b.insert(3, "import functools\n")
    new = "".join(b)
    start = time.perf_counter()
    patch_text = diff.unified_diff("pkg/big.py", text, new)
    elapsed = time.perf_counter() - start
    assert patch_text.count("\n@@ ") > 1000
    assert elapsed < 30, elapsed  # difflib's matcher needs minutes here; this is about a second
    for tool in ("patch", "git"):
        if shutil.which(tool) is None:
            continue
        work = tmp_path / tool
        (work / "pkg").mkdir(parents=True)
        (work / "pkg" / "big.py").write_text(text, encoding="utf-8")
        (work / "change.diff").write_text(patch_text, encoding="utf-8")
        cmd = ["patch", "-p1", "-s", "-i", "change.diff"] if tool == "patch" else \
              ["git", "apply", "--unsafe-paths", "change.diff"]
        proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert (work / "pkg" / "big.py").read_text(encoding="utf-8") == new, tool


def test_real_file_diffs_apply_with_git(tmp_path, monkeypatch):
    """Every real file, mutated, through the linear path: ``git apply --check`` accepts the diff."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    monkeypatch.setattr(diff, "SMALL_LINES", 0)
    rnd = random.Random(3)
    work = tmp_path / "w"
    work.mkdir()
    patches = []
    for k, path in enumerate(_real_files()[:60]):
        text = path.read_text(encoding="utf-8")
        new = "".join(_mutations(text.splitlines(keepends=True), rnd, rnd.randint(1, 12)))
        (work / f"f{k}.py").write_text(text, encoding="utf-8")
        patches.append(diff.unified_diff(f"f{k}.py", text, new))
        (work / f"f{k}.expected").write_text(new, encoding="utf-8")
    (work / "all.diff").write_text("".join(patches), encoding="utf-8")
    proc = subprocess.run(["git", "apply", "all.diff"], cwd=work, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for k in range(len(patches)):
        assert (work / f"f{k}.py").read_text(encoding="utf-8") == (work / f"f{k}.expected").read_text(encoding="utf-8")


def test_equal_texts_have_no_diff():
    text = generate(200_000)
    assert diff.unified_diff("x.py", text, text) == ""
