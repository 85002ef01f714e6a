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
