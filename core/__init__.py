"""The leaf core of the tool: facts and mechanisms every other package uses.

``core`` imports neither ``upgrader`` nor ``codemods`` nor ``release_data`` (tests/test_architecture.py
checks it; docs/ARCHITECTURE.md draws the layers):

* ``core.versions``    - Django/Python version parsing and ordering;
* ``core.errors``      - the exit codes and the errors the CLI turns into one line;
* ``core.atomic``      - atomic file writes (every file the tool writes goes through it);
* ``core.config``      - ``[tool.django-upgrade]``, read once into a typed ``Config``;
* ``core.files``       - the project's files by role (``ProjectFiles``), the one walker (with ``core.walk``);
* ``core.settings``    - the one settings rule: the module the project uses and what it imports;
* ``core.run``         - the one way to start a subprocess, with one environment policy;
* ``core.interpreter`` - the project's Python: finding it, probing it;
* ``core.project``     - the ``Project`` model built from the above.
"""

__version__ = "0.1.0"  # the distribution's version (pyproject.toml); ``upgrader.__version__`` is this
