import pytest

from codemods.catalogue.is_authenticated_call import IsAuthenticatedCall
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('def view(request):\n    if request.user.is_authenticated():\n        return 1\n',
     'def view(request):\n    if request.user.is_authenticated:\n        return 1\n'),
    ('def view(request):\n    return not request.user.is_anonymous() and ok\n',
     'def view(request):\n    return not request.user.is_anonymous and ok\n'),
    ('logged_in = self.user.is_authenticated() == True\n',
     'logged_in = self.user.is_authenticated == True\n'),
    ('flags = [u.is_authenticated() for u in users]\n',
     'flags = [u.is_authenticated for u in users]\n'),
])
def test_transformed(before, after):
    check_transformed(IsAuthenticatedCall, before, after)


@pytest.mark.parametrize("source", [
    'def view(request):\n    if request.user.is_authenticated:\n        return 1\n',
    'ok = backend.is_authenticated(request)\n',
    "doc = 'call is_authenticated() no more'\n",
])
def test_noop(source):
    check_noop(IsAuthenticatedCall, source)


@pytest.mark.parametrize("source", [
    'class Token:\n    def is_authenticated(self):\n        return True\n\n\nok = Token().is_authenticated()\n',
    'assert request.user.is_authenticated() is True\n',
])
def test_noop_reported(source):
    check_noop(IsAuthenticatedCall, source, reported=True)


def test_parenthesised_receiver():
    check_transformed(IsAuthenticatedCall, 'ok = (request.user).is_authenticated()\n',
                      'ok = (request.user).is_authenticated\n')


def test_noop_with_arguments():
    check_noop(IsAuthenticatedCall, 'ok = checker.is_anonymous(user)\n')
