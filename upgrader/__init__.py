"""django-upgrade-assistant: upgrade a Django project one feature release at a time."""

import os as _os
import sys as _sys

# ``python -m upgrader`` run inside a project puts the project's directory first on sys.path, where a
# Django app named like one of the tool's packages (``core`` is a common one) would shadow it. The
# tool never imports the project's code in its own process, so that entry goes (unless the tool itself
# lives there: a checkout of this repository).
_HOME = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))
if _sys.path and _os.path.abspath(_sys.path[0] or _os.curdir) == _os.path.abspath(_os.curdir) != _HOME:
    del _sys.path[0]

from core import __version__  # noqa: E402,F401  (one version, kept in the leaf core)
