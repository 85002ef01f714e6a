import pytest

from codemods.catalogue.configure_user_request import ConfigureUserRequest
from tests.codemods.helpers import check_noop, check_transformed

HEAD = "from django.contrib.auth.backends import RemoteUserBackend\n\n\n"


@pytest.mark.parametrize("before, after", [
    (HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, user):\n        return user\n",
     HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user):\n        return user\n"),
    (HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, user):\n        user = super().configure_user(user)\n        return user\n",
     HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user):\n        user = super().configure_user(request, user)\n        return user\n"),
    ("from django.contrib.auth import backends\n\n\nclass B(backends.AllowAllUsersRemoteUserBackend):\n    def configure_user(self, user):\n        return user\n",
     "from django.contrib.auth import backends\n\n\nclass B(backends.AllowAllUsersRemoteUserBackend):\n    def configure_user(self, request, user):\n        return user\n"),
    ("class B(MyRemoteUserBackend):\n    def configure_user(self, user):\n        return user\n",
     "class B(MyRemoteUserBackend):\n    def configure_user(self, request, user):\n        return user\n"),
])
def test_transformed(before, after):
    check_transformed(ConfigureUserRequest, before, after, filename="accounts/backends.py")


@pytest.mark.parametrize("source", [
    HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, request, user):\n        return user\n",
    HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, *args, **kwargs):\n        return args[-1]\n",
    "from django.contrib.auth.backends import ModelBackend\n\n\nclass B(ModelBackend):\n    def configure_user(self, user):\n        return user\n",
    "def configure_user(self, user):\n    return user\n",
    "doc = 'configure_user'\n",
])
def test_noop(source):
    check_noop(ConfigureUserRequest, source, filename="accounts/backends.py")


def test_noop_request_name_used_reported():
    check_noop(ConfigureUserRequest, HEAD + "class B(RemoteUserBackend):\n    def configure_user(self, user):\n"
               "        log(request)\n        return user\n", filename="accounts/backends.py", reported=True)
