"""django-upgrade-assistant: upgrade a Django project one feature release at a time."""

from core import __version__  # noqa: F401  (one version, kept in the leaf core)
