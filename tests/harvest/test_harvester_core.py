"""The harvester in a bare interpreter (the oldest supported Python, 3.8): chaining, robustness,
many processes appending to one file."""

from __future__ import annotations

import subprocess
import textwrap

import pytest

from tests.venvs import python_for
from upgrader.harvest import harvest_env, read_records


@pytest.fixture(scope="module")
def py38():
    return python_for(python="3.8")


def _run(py, tmp_path, code, extra_path=None):
    hf = tmp_path / "h.jsonl"
    env = harvest_env(None, hf)
    if extra_path:
        env["PYTHONPATH"] += ":" + str(extra_path)
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(code))
    proc = subprocess.run([py, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc, read_records(hf)


def test_existing_sitecustomize_still_runs(py38, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "sitecustomize.py").write_text("import os\nos.environ['CHAINED'] = 'yes'\nMARK = 42\n")
    proc, records = _run(py38, tmp_path, """
        import os, sys, warnings
        import sitecustomize
        print(os.environ.get('CHAINED'), sitecustomize.MARK)
        warnings.warn('old thing is deprecated', DeprecationWarning)
    """, extra_path=other)
    assert proc.stdout.split() == ["yes", "42"]
    assert [(r.category, r.message, r.lineno) for r in records] == [("DeprecationWarning", "old thing is deprecated", 5)]
    assert records[0].filename == str(tmp_path / "script.py")


def test_replaced_showwarning_and_formatwarning_do_not_hide_warnings(py38, tmp_path):
    proc, records = _run(py38, tmp_path, """
        import warnings
        warnings.showwarning = lambda *a, **k: None        # a dependency that swallows them
        warnings.formatwarning = lambda *a, **k: 'custom\\n'
        class MyDeprecation(DeprecationWarning):
            pass
        warnings.warn('first', MyDeprecation)
        import logging
        logging.captureWarnings(True)                        # another that routes them to logging
        warnings.warn('second', PendingDeprecationWarning)
        with warnings.catch_warnings(record=True) as caught: # asserted by a test: not shown, not counted
            warnings.simplefilter('always')
            warnings.warn('third', DeprecationWarning)
        assert len(caught) == 1
    """)
    assert [(r.category, r.message) for r in records] == [
        ("__main__.MyDeprecation", "first"), ("PendingDeprecationWarning", "second")]


def test_many_processes_append_whole_lines(py38, tmp_path):
    proc, records = _run(py38, tmp_path, """
        import multiprocessing, warnings

        def work(n):
            for i in range(300):
                warnings.warn('w%d-%d %s' % (n, i, 'x' * 500), DeprecationWarning)

        if __name__ == '__main__':
            ctx = multiprocessing.get_context('spawn')
            procs = [ctx.Process(target=work, args=(n,)) for n in range(4)]
            for p in procs: p.start()
            for p in procs: p.join()
            work(99)
    """)
    assert len(records) == 5 * 300
    assert len({r.pid for r in records}) == 5
    assert len({r.message for r in records}) == 1500


def test_harvester_off_without_the_variable(py38, tmp_path):
    env = harvest_env(None, tmp_path / "h.jsonl")
    del env["DJANGO_UPGRADE_HARVEST_FILE"]
    proc = subprocess.run([py38, "-c", "import warnings; warnings.warn('x', DeprecationWarning)"],
                          env=env, capture_output=True, text=True)
    assert proc.returncode == 0 and "DeprecationWarning: x" in proc.stderr
    assert not (tmp_path / "h.jsonl").exists()
