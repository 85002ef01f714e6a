from tests.harvest.conftest import flavour_python, harvested_run  # noqa: F401  (shared session fixtures)
