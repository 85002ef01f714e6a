"""django-upgrade-assistant: upgrade a Django project one feature release at a time."""

__version__ = "0.1.0"
