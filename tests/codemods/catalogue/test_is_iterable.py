import pytest

from codemods.catalogue.is_iterable import IsIterable as C
from tests.codemods.helpers import check_elided, check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.utils.itercompat import is_iterable\nif is_iterable(value):\n    pass\n",
     "from collections.abc import Iterable\nif isinstance(value, Iterable):\n    pass\n"),
    ("from django.utils.itercompat import is_iterable as iterable\nok = iterable(x) and not iterable(y)\n",
     "from collections.abc import Iterable\nok = isinstance(x, Iterable) and not isinstance(y, Iterable)\n"),
    ("from django.utils import itercompat\nok = itercompat.is_iterable(self.choices)\n",
     "from collections.abc import Iterable\nok = isinstance(self.choices, Iterable)\n"),
    ("from django.utils import itercompat, timezone\nok = itercompat.is_iterable(x=get())\n",
     "from django.utils import timezone\nfrom collections.abc import Iterable\nok = isinstance(get(), Iterable)\n"),
    # an existing import is reused
    ("from collections.abc import Iterable, Mapping\nfrom django.utils.itercompat import is_iterable\nok = is_iterable(v)\n",
     "from collections.abc import Iterable, Mapping\nok = isinstance(v, Iterable)\n"),
    ("import collections.abc\nfrom django.utils.itercompat import is_iterable\nok = is_iterable(v)\n",
     "import collections.abc\nok = isinstance(v, collections.abc.Iterable)\n"),
    # typing's Iterable holds the name: the module form
    ("from typing import Iterable\nfrom django.utils.itercompat import is_iterable\n\n\ndef f(v: Iterable) -> bool:\n    return is_iterable(v)\n",
     "from typing import Iterable\nimport collections.abc\n\n\ndef f(v: Iterable) -> bool:\n    return isinstance(v, collections.abc.Iterable)\n"),
    ("import collections.abc\nfrom typing import Iterable\nfrom django.utils.itercompat import is_iterable\nok = is_iterable(v)\n",
     "import collections.abc\nfrom typing import Iterable\nok = isinstance(v, collections.abc.Iterable)\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after)


def test_in_migration():
    check_transformed(C, "from django.utils.itercompat import is_iterable\nOK = is_iterable(())\n",
                      "from collections.abc import Iterable\nOK = isinstance((), Iterable)\n",
                      filename="app/migrations/0002_x.py")


def test_non_call_use_reported_calls_fixed():
    check_transformed(C, "from django.utils.itercompat import is_iterable\nok = is_iterable(v)\nchecks = [is_iterable]\n",
                      "from django.utils.itercompat import is_iterable\nfrom collections.abc import Iterable\n"
                      "ok = isinstance(v, Iterable)\nchecks = [is_iterable]\n", reported=True)


@pytest.mark.parametrize("source", [
    "from mylib import is_iterable\nok = is_iterable(v)\n",
    "ok = helpers.is_iterable(v)\n",
    "def is_iterable(v):\n    return True\n",
    "doc = 'is_iterable'\n",
])
def test_noop(source):
    check_noop(C, source)


@pytest.mark.parametrize("source", [
    "from django.utils.itercompat import is_iterable\nok = is_iterable(*args)\n",
    "from django.utils.itercompat import is_iterable\nok = is_iterable(**kw)\n",
    "from django.utils.itercompat import is_iterable\nok = is_iterable()\n",
    "try:\n    from django.utils.itercompat import is_iterable\nexcept ImportError:\n    is_iterable = None\nok = is_iterable(v)\n",
    "from django.utils.itercompat import *\nok = is_iterable(v)\n",
    "from django.utils.itercompat import is_iterable\n\n\ndef is_iterable(v):\n    return v\n\n\nok = is_iterable(v)\n",
    "from django.utils.itercompat import is_iterable\nisinstance = print\nok = is_iterable(v)\n",
    "import collections\nfrom typing import Iterable\nfrom django.utils.itercompat import is_iterable\nok = is_iterable(v)\n",
])
def test_noop_reported(source):
    check_noop(C, source, reported=True)


def test_dotted_import_of_the_removed_module_reported():
    check_transformed(C, "import django.utils.itercompat\nok = django.utils.itercompat.is_iterable(v)\n",
                      "import django.utils.itercompat\nfrom collections.abc import Iterable\nok = isinstance(v, Iterable)\n",
                      reported=True)


# elided: the definitions without 'is_iterable' are hidden from libcst; what they import, bind and use
# still counts (the output is the whole-file run's, which check_elided compares)
@pytest.mark.parametrize("before, after", [
    ("from django.utils.itercompat import is_iterable\n\n\ndef other(v):\n    return len(v)\n\n\n"
     "def check(v):\n    return is_iterable(v)\n",
     "from collections.abc import Iterable\n\n\ndef other(v):\n    return len(v)\n\n\n"
     "def check(v):\n    return isinstance(v, Iterable)\n"),
    # Iterable is imported from typing in a hidden function: the module form is written
    ("from django.utils.itercompat import is_iterable\n\n\ndef other(v):\n    from typing import Iterable\n"
     "    return v\n\n\ndef check(v):\n    return is_iterable(v)\n",
     "import collections.abc\n\n\ndef other(v):\n    from typing import Iterable\n"
     "    return v\n\n\ndef check(v):\n    return isinstance(v, collections.abc.Iterable)\n"),
    # a class named Iterable in hidden code
    ("from django.utils.itercompat import is_iterable\n\n\nclass Iterable:\n    pass\n\n\n"
     "ok = is_iterable(v)\n",
     "import collections.abc\n\n\nclass Iterable:\n    pass\n\n\nok = isinstance(v, collections.abc.Iterable)\n"),
    # the module alias is used in hidden code: the import stays
    ("from django.utils import itercompat\n\n\ndef other(v):\n    return itercompat\n\n\n"
     "ok = itercompat.is_iterable(v)\n",
     "from django.utils import itercompat\nfrom collections.abc import Iterable\n\n\ndef other(v):\n    return itercompat\n\n\n"
     "ok = isinstance(v, Iterable)\n"),
])
def test_elided(before, after):
    check_elided(C, before, after)
