"""The leaf core of the tool: facts and mechanisms every other package uses.

``core`` imports neither ``upgrader`` nor ``codemods`` (tests/test_architecture.py checks it):

* ``core.versions`` - Django/Python version parsing and ordering;
* ``core.errors``   - the exit codes and the errors the CLI turns into one line;
* ``core.atomic``   - atomic file writes (every file the tool writes goes through it).
"""

__version__ = "0.1.0"  # the distribution's version (pyproject.toml); ``upgrader.__version__`` is this
