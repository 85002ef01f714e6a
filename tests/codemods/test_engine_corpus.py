"""The corpus check (benchmarks/corpus_check.py) as a slow test: real Django source trees and packages."""

from __future__ import annotations

import pytest


@pytest.mark.slow
@pytest.mark.integration
def test_corpus_check():
    import subprocess

    from benchmarks._corpus import installed_tree
    from benchmarks.corpus_check import CORPUS, check
    from tests.venvs import missing

    try:  # install first, so an offline machine without a warm pip cache skips instead of failing
        for requirement, package in CORPUS:
            installed_tree(requirement, package)
    except (subprocess.CalledProcessError, SystemExit) as exc:
        missing(f"corpus not installable: {exc}")
    result = check(jobs=None, out=lambda *a: None)
    assert result["failures"] == []
    assert result["files"] > 5000
