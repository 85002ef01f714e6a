from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# The longest end-to-end and corpus tests (measured: each 40 s to 5 min of a 2-core machine; together
# two thirds of the suite's time). They carry the ``slow`` marker, so the default ``python -m pytest``
# (addopts ``-m 'not slow'``) leaves them out and ``.ci/run`` (``-m "slow or not slow"``) runs them.
# A node id, or a module (``path.py::``) for tests that share a slow module fixture.
SLOW = (
    "tests/integration/test_step_e2e.py::test_step_3_2_to_4_2_then_rollback",
    "tests/step/test_step_safety.py::test_settings_only_project_editable_install_downgrade_and_accepted_failures",
    "tests/step/test_step_safety.py::test_the_project_is_installed_again_only_when_it_was_editable",
    "tests/step/test_step_interrupt.py::test_ctrl_c_during_the_suite_leaves_a_stated_recoverable_state",
    "tests/step_infra/test_snapshot.py::test_restore_in_a_later_process_reinstalls_django",
    "tests/step_infra/test_envbuild.py::test_installable_package_and_extra_requirement",
    "tests/step_infra/test_envbuild.py::test_builds_a_venv_on_another_python_with_the_project_requirements",
    "tests/behaviour/test_step_index_together.py::test_step_5_0_to_5_1_with_index_together_history",
    "tests/pins/test_library_step.py::test_step_on_a_library_widens_its_range_and_leaves_version_specific_files_alone",
    "tests/deps/test_blockers_real.py::",
    "tests/deps/test_blockers_step.py::",
    "tests/codemods/test_prefilters.py::test_narrow_prefilters_change_no_result",
    "tests/codemods/test_prune.py::test_pruning_changes_nothing",
    "tests/codemods/test_prune.py::test_import_index_from_ast_equals_libcst_walk",
    "tests/codemods/test_elide.py::test_round_trip_on_real_code",
    "tests/codemods/test_elide.py::test_ast_name_counts_equal_libcst_reference_counts",
    "tests/codemods/test_elide.py::test_hidden_definitions_complete_the_import_index_and_counts",
    "tests/codemods/test_lines.py::test_statement_lines_equal_position_provider",
)


def _is_slow(nodeid: str) -> bool:
    base = nodeid.split("[", 1)[0]
    return any(base == s or (s.endswith("::") and base.startswith(s)) for s in SLOW)


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        if _is_slow(item.nodeid):
            item.add_marker(pytest.mark.slow)
    if os.environ.get("DJANGO_UPGRADE_NETWORK_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="talks to the real package index; set DJANGO_UPGRADE_NETWORK_TESTS=1")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own tool cache dir, so a refreshed release list never leaks between tests."""
    monkeypatch.setenv("DJANGO_UPGRADE_CACHE_DIR", str(tmp_path_factory.mktemp("dua-cache")))


def _tool_django_dir() -> Path | None:
    """The site directory holding the Django installed next to the tool (a test dependency), or None."""
    import importlib.util

    spec = importlib.util.find_spec("django")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]).parent


@pytest.fixture
def foreign_django_venv(tmp_path_factory):
    """A virtualenv that is neither the project's nor the tool's, with a Django other than 3.2 in it
    (the tool's test Django, through a .pth file): what a newcomer's active venv or python on PATH
    looks like to a command run on a 3.2 project. Returns the venv directory."""
    import subprocess

    site_dir = _tool_django_dir()
    if site_dir is None:
        pytest.skip("needs Django next to the tool (pip install -e '.[test]')")
    venv = tmp_path_factory.mktemp("foreign") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    py = venv / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "tool_django.pth").write_text(str(site_dir) + "\n")
    version = subprocess.run([str(py), "-c", "import django; print(django.get_version())"],
                             check=True, capture_output=True, text=True).stdout.strip()
    if version.startswith("3.2"):
        pytest.skip("needs a Django other than 3.2 next to the tool")
    return venv
