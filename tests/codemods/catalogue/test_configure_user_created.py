import pytest

from codemods.catalogue.configure_user_created import ConfigureUserCreated
from tests.codemods.helpers import check_noop, check_transformed

HEAD = "from django.contrib.auth.backends import RemoteUserBackend\n\n\n"


@pytest.mark.parametrize("before, after", [
    (HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user):\n        return user\n",
     HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user, created=True):\n        return user\n"),
    (HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user):\n        return super().configure_user(request, user)\n",
     HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user, created=True):\n        return super().configure_user(request, user, created=created)\n"),
    ("from django.contrib.auth import backends\n\n\nclass B(backends.RemoteUserBackend):\n    def configure_user(self, req, u):\n        return u\n",
     "from django.contrib.auth import backends\n\n\nclass B(backends.RemoteUserBackend):\n    def configure_user(self, req, u, created=True):\n        return u\n"),
])
def test_transformed(before, after):
    check_transformed(ConfigureUserCreated, before, after, filename="accounts/backends.py")


@pytest.mark.parametrize("source", [
    HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user, created=True):\n        return user\n",
    HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, user):\n        return user\n",
    HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user, **kwargs):\n        return user\n",
    "class Other:\n    def configure_user(self, request, user):\n        return user\n",
    "doc = 'configure_user'\n",
])
def test_noop(source):
    check_noop(ConfigureUserCreated, source, filename="accounts/backends.py")


def test_noop_created_name_used_reported():
    check_noop(ConfigureUserCreated, HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user):\n"
               "        created = False\n        return user\n", filename="accounts/backends.py", reported=True)


def test_keyword_only_created_left_alone():
    check_noop(ConfigureUserCreated, HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user, *, created=True):\n"
               "        return user\n", filename="accounts/backends.py")
