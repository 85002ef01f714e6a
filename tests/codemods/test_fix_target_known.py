"""``fix --target`` / ``--removed-in`` accept only releases the release data knows: one line, exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _fix(tmp_path, *args):
    (tmp_path / "views.py").write_text("from django.core.urlresolvers import reverse\n")
    return subprocess.run([sys.executable, "-m", "upgrader", "fix", *args, str(tmp_path / "views.py")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)


@pytest.mark.parametrize("args", [("--target", "3.3"), ("--target", "9.9"), ("--target", "1.10"),
                                  ("--removed-in", "4.3"), ("--target", "banana")])
def test_unknown_release_is_bad_input(tmp_path, args):
    proc = _fix(tmp_path, *args, "--check")
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and args[0] in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_older_known_release_is_accepted(tmp_path):
    proc = _fix(tmp_path, "--target", "2.0", "--diff")
    assert proc.returncode in (0, 1), proc.stderr
    assert "from django.urls import reverse" in proc.stdout


def test_modernize_is_opt_in(tmp_path):
    (tmp_path / "admin.py").write_text(
        "from django.contrib import admin\n\nfrom .models import Book\n\n\nclass BookAdmin(admin.ModelAdmin):\n"
        "    pass\n\n\nadmin.site.register(Book, BookAdmin)\n")
    run = lambda *a: subprocess.run([sys.executable, "-m", "upgrader", "fix", "--target", "4.2", "--diff", *a,
                                     str(tmp_path / "admin.py")], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    plain = run()
    assert plain.returncode == 0 and "@admin.register" not in plain.stdout, plain.stdout + plain.stderr
    modern = run("--modernize")
    assert modern.returncode == 1 and "+@admin.register(Book)" in modern.stdout, modern.stdout + modern.stderr
