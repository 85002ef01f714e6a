from __future__ import annotations


import pytest

from tests.step_infra.conftest import run_git
from upgrader import gitutil
from core.errors import UpgradeError


def test_is_repo(repo, tmp_path):
    assert gitutil.is_repo(repo)
    assert gitutil.is_repo(repo / ".")
    plain = tmp_path / "plain"
    plain.mkdir()
    assert not gitutil.is_repo(plain)
    assert not gitutil.is_repo(tmp_path / "does-not-exist")


def test_head_is_the_commit_sha(repo):
    assert gitutil.head(repo) == run_git(repo, "rev-parse", "HEAD").strip()


def test_head_of_an_empty_repository_is_none(tmp_path, git_env):
    run_git(tmp_path, "init", "-q")
    assert gitutil.head(tmp_path) is None


def test_clean_and_dirty(repo):
    assert gitutil.is_clean(repo) == (True, [])
    (repo / "app.py").write_text("x = 2\n")
    (repo / "new.py").write_text("")
    (repo / "README.md").unlink()
    clean, dirty = gitutil.is_clean(repo)
    assert not clean
    assert dirty == ["README.md", "app.py", "new.py"]


def test_staged_and_renamed_files_are_dirty(repo):
    run_git(repo, "mv", "app.py", "renamed.py")
    clean, dirty = gitutil.is_clean(repo)
    assert not clean and dirty == ["renamed.py"]


def test_tool_directory_is_ignored(repo):
    (repo / ".django-upgrade" / "rollback").mkdir(parents=True)
    (repo / ".django-upgrade" / "rollback" / "manifest.json").write_text("{}")
    (repo / ".django-upgrade" / "report.json").write_text("{}")
    assert gitutil.is_clean(repo) == (True, [])


def test_subdirectory_paths_are_relative_to_it(repo):
    sub = repo / "project"
    sub.mkdir()
    (sub / "settings.py").write_text("A = 1\n")
    (repo / "outside.txt").write_text("not in the project\n")
    (sub / ".django-upgrade").mkdir()
    (sub / ".django-upgrade" / "x").write_text("")
    assert gitutil.is_clean(sub) == (False, ["settings.py"])
    assert sorted(gitutil.changed_files(sub)) == ["settings.py"]


def test_paths_with_spaces_and_unicode(repo):
    (repo / "a file é.py").write_text("")
    assert gitutil.is_clean(repo) == (False, ["a file é.py"])


def test_changed_files_since_a_commit(repo):
    first = gitutil.head(repo)
    (repo / "app.py").write_text("x = 3\n")
    sha = gitutil.commit(repo, "change app")
    assert sha and sha != first
    assert gitutil.changed_files(repo) == []
    assert gitutil.changed_files(repo, since=first) == ["app.py"]
    (repo / "untracked.txt").write_text("u")
    assert gitutil.changed_files(repo, since=first) == ["app.py", "untracked.txt"]


def test_commit_everything_but_the_tool_directory(repo):
    (repo / "app.py").write_text("x = 2\n")
    (repo / "README.md").unlink()
    (repo / "new.py").write_text("y = 1\n")
    (repo / ".django-upgrade").mkdir()
    (repo / ".django-upgrade" / "report.json").write_text("{}")
    sha = gitutil.commit(repo, "Upgrade: apply codemods\n\nbody line")
    assert sha == gitutil.head(repo)
    assert run_git(repo, "log", "-1", "--format=%B").strip() == "Upgrade: apply codemods\n\nbody line"
    files = run_git(repo, "show", "--name-status", "--format=", "HEAD").split("\n")
    assert sorted(f for f in files if f) == ["A\tnew.py", "D\tREADME.md", "M\tapp.py"]
    assert gitutil.is_clean(repo) == (True, [])
    assert "?? .django-upgrade/" in run_git(repo, "status", "--porcelain")


def test_commit_only_the_given_paths(repo):
    (repo / "app.py").write_text("x = 2\n")
    (repo / "README.md").write_text("changed\n")
    (repo / "migrations").mkdir()
    (repo / "migrations" / "0002_auto.py").write_text("# new\n")
    sha = gitutil.commit(repo, "Bump Django", paths=["app.py", repo / "migrations" / "0002_auto.py"])
    assert sha
    files = sorted(f for f in run_git(repo, "show", "--name-only", "--format=", "HEAD").split("\n") if f)
    assert files == ["app.py", "migrations/0002_auto.py"]
    assert gitutil.is_clean(repo) == (False, ["README.md"])


def test_commit_with_nothing_to_commit_returns_none(repo):
    before = gitutil.head(repo)
    assert gitutil.commit(repo, "nothing") is None
    assert gitutil.commit(repo, "nothing", paths=["app.py"]) is None
    assert gitutil.commit(repo, "nothing", paths=[]) is None
    assert gitutil.head(repo) == before


def test_commit_refused_by_a_hook_is_one_clear_error(repo):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'error: hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    (repo / "app.py").write_text("x = 5\n")
    with pytest.raises(UpgradeError) as exc:
        gitutil.commit(repo, "blocked")
    assert "hook says no" in str(exc.value)
    assert "\n" not in str(exc.value)
    assert gitutil.commit(repo, "skips hooks", no_verify=True)


def test_not_a_repository_is_an_upgrade_error(tmp_path):
    with pytest.raises(UpgradeError, match="not inside a git repository"):
        gitutil.is_clean(tmp_path)
    with pytest.raises(UpgradeError):
        gitutil.commit(tmp_path, "x")
