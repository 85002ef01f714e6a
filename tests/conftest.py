from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_collection_modifyitems(config, items):
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
