import pytest

from codemods.catalogue.make_random_password import DEFAULT_CHARS, MakeRandomPassword
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.utils.crypto import get_random_string\n"


@pytest.mark.parametrize("before, after", [
    ("p = User.objects.make_random_password()\n", IMP + f'p = get_random_string(10, "{DEFAULT_CHARS}")\n'),
    ("p = User.objects.make_random_password(length=14)\n", IMP + f'p = get_random_string(14, "{DEFAULT_CHARS}")\n'),
    ("p = User.objects.make_random_password(8, 'abc')\n", IMP + "p = get_random_string(8, 'abc')\n"),
    ("p = get_user_model().objects.make_random_password(allowed_chars=CH)\n", IMP + "p = get_random_string(10, CH)\n"),
    (IMP + "p = self.make_random_password(12)\nq = get_random_string(3)\n",
     IMP + f'p = get_random_string(12, "{DEFAULT_CHARS}")\nq = get_random_string(3)\n'),
])
def test_transformed(before, after):
    check_transformed(MakeRandomPassword, before, after)


@pytest.mark.parametrize("source", [
    "from django.utils.crypto import get_random_string\np = get_random_string(10)\n",
    "doc = 'make_random_password'\n",
    "f = User.objects.make_random_password\n",
])
def test_noop(source):
    check_noop(MakeRandomPassword, source)


@pytest.mark.parametrize("source", [
    "class M(BaseUserManager):\n    def make_random_password(self):\n        return 'x'\n\n\np = M().make_random_password()\n",
    "p = User.objects.make_random_password(**opts)\n",
    "p = managers()[0].make_random_password()\n",
    "get_random_string = None\np = User.objects.make_random_password()\n",
])
def test_noop_reported(source):
    check_noop(MakeRandomPassword, source, reported=True)
