from codemods.catalogue.get_random_string_length import GetRandomStringLength as C
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.utils.crypto import get_random_string\n"


def test_no_args():
    check_transformed(C, IMP + "t = get_random_string()\n", IMP + "t = get_random_string(length=12)\n")


def test_allowed_chars_keyword():
    check_transformed(
        C,
        IMP + "t = get_random_string(allowed_chars='abc')\n",
        IMP + "t = get_random_string(length=12, allowed_chars='abc')\n",
    )


def test_alias():
    check_transformed(
        C,
        "from django.utils.crypto import get_random_string as grs\nt = grs()\n",
        "from django.utils.crypto import get_random_string as grs\nt = grs(length=12)\n",
    )


def test_module_attribute():
    check_transformed(
        C,
        "from django.utils import crypto\nt = crypto.get_random_string()\n",
        "from django.utils import crypto\nt = crypto.get_random_string(length=12)\n",
    )


def test_several_calls():
    check_transformed(
        C,
        IMP + "a, b = get_random_string(), get_random_string(5)\n",
        IMP + "a, b = get_random_string(length=12), get_random_string(5)\n",
    )


def test_in_default_argument():
    check_transformed(
        C,
        IMP + "def f(x=get_random_string()):\n    return x\n",
        IMP + "def f(x=get_random_string(length=12)):\n    return x\n",
    )


def test_in_migration():
    check_transformed(
        C, IMP + "default = get_random_string()\n", IMP + "default = get_random_string(length=12)\n",
        filename="app/migrations/0003_token.py",
    )


def test_noop_length_given():
    check_noop(C, IMP + "t = get_random_string(32)\n")


def test_noop_length_keyword():
    check_noop(C, IMP + "t = get_random_string(length=32)\n")


def test_noop_kwargs():
    check_noop(C, IMP + "t = get_random_string(**opts)\n", reported=True)


def test_noop_other_function():
    check_noop(C, "from secrets_lib import get_random_string\nt = get_random_string()\n")


def test_noop_shadowed():
    check_noop(C, IMP + "def get_random_string():\n    return 'x'\nt = get_random_string()\n", reported=True)


def test_noop_try_import():
    check_noop(
        C,
        "try:\n    from django.utils.crypto import get_random_string\nexcept ImportError:\n    get_random_string = None\nt = get_random_string()\n",
        reported=True,
    )
