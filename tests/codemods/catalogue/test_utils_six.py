import ast

import pytest

from codemods import elide, prune

from codemods.catalogue.utils_six import UtilsSix
from tests.codemods.helpers import check_elided, check_noop, check_transformed

IMP = "from django.utils import six\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "ok = isinstance(v, six.string_types)\nt = six.text_type(v)\n",
     "ok = isinstance(v, (str,))\nt = str(v)\n"),
    (IMP + "\nfor k, v in six.iteritems(data):\n    pass\nif six.PY2:\n    x = 1\n",
     "for k, v in iter(data.items()):\n    pass\nif False:\n    x = 1\n"),
    ("from django.utils.six import text_type, iteritems\nfrom django.db import models\nx = text_type(1)\ny = iteritems(self.d)\n",
     "from django.db import models\nx = str(1)\ny = iter(self.d.items())\n"),
    ("from django.utils.six.moves import range, zip\nfor i in range(3):\n    pass\n",
     "for i in range(3):\n    pass\n"),
    ("from django.utils.six.moves.urllib.parse import urlencode, quote\nq = urlencode(d) + quote(s)\n",
     "from urllib.parse import quote, urlencode\nq = urlencode(d) + quote(s)\n"),
    (IMP + "q = six.moves.urllib.parse.quote(s)\nbuf = six.StringIO()\n",
     "import io\nimport urllib.parse\nq = urllib.parse.quote(s)\nbuf = io.StringIO()\n"),
    ("from django.db import models\nfrom django.utils import six\n\n\n@six.python_2_unicode_compatible\nclass A(models.Model):\n    pass\n",
     "from django.db import models\n\n\nclass A(models.Model):\n    pass\n"),
    (IMP + "x = six.iteritems(a or b)\n", "x = iter((a or b).items())\n"),
])
def test_transformed(before, after):
    check_transformed(UtilsSix, before, after)


def test_in_migration():
    check_transformed(UtilsSix, "from django.utils import six\nX = six.text_type\n", "X = str\n",
                      filename="shop/migrations/0001_initial.py")


@pytest.mark.parametrize("source", [
    "import six\nx = six.text_type(1)\n",
    "doc = 'six'\n",
    "from django.utils import timezone\nx = timezone.now()\n",
])
def test_noop(source):
    check_noop(UtilsSix, source)


@pytest.mark.parametrize("source", [
    IMP + "class A(six.with_metaclass(Meta, Base)):\n    pass\n",
    IMP + "x = six.text_type(1)\nf = six.iteritems\n",
    IMP + "x = six.b('abc')\n",
    "try:\n    from django.utils import six\nexcept ImportError:\n    import six\nx = six.text_type(1)\n",
    "from django.utils.six import *\nx = text_type(1)\n",
    IMP + "str = unicode\nx = six.text_type(1)\n",
    "import django.utils.six\nx = django.utils.six.text_type\n",
    "from django.utils.six.moves.urllib.parse import urlencode as enc\nq = enc(d)\n",
])
def test_noop_reported(source):
    check_noop(UtilsSix, source, reported=True)


# elided: definitions holding neither 'six' nor a name the file imports from six are hidden from libcst
# (check_elided compares the output and findings with the whole-file run's)
@pytest.mark.parametrize("before, after", [
    ("from django.utils.six import text_type\n\n\ndef other(v):\n    return v\n\n\n"
     "def label(v):\n    return text_type(v)\n",
     "def other(v):\n    return v\n\n\ndef label(v):\n    return str(v)\n"),
    ("from django.utils.six import string_types as strings\n\n\ndef other(v):\n    return v\n\n\n"
     "def check(v):\n    return isinstance(v, strings)\n",
     "def other(v):\n    return v\n\n\ndef check(v):\n    return isinstance(v, (str,))\n"),
])
def test_elided(before, after):
    check_elided(UtilsSix, before, after)


def test_elided_builtin_rebound_in_hidden_code():
    # str is a parameter of a hidden function: 'this module rebinds str', as in the whole-file run
    source = ("from django.utils.six import string_types\n\n\ndef other(str):\n    return str\n\n\n"
              "def check(v):\n    return isinstance(v, string_types)\n")
    tree = ast.parse(source)
    c = UtilsSix()
    assert c.confirm(tree, source, None)
    assert elide.build(source, tree, prune.needles_for(c, tree)) is not None
    check_noop(UtilsSix, source, reported=True)


def test_needles_are_the_files_six_names():
    c = UtilsSix()
    assert c.prune_needles() == ()  # nothing confirmed yet: not pruned
    source = "from django.utils.six.moves import range as r, zip\nfrom django.utils import six\n"
    assert c.confirm(ast.parse(source), source, None)
    assert set(c.prune_needles()) == {"six", "r", "zip"}
    assert not c.confirm(ast.parse("import os\n"), "import os\n", None)
    assert c.prune_needles() == ()


@pytest.mark.parametrize("text, passes", [
    (IMP, True),
    ("import django.utils.six.moves\n", True),
    ("from django.utils.six import text_type\n", True),
    ("from django.utils import timezone\nimport posixpath\nos.name == 'posix'\n", False),  # (never parsed)
    ("from django.utils import sixteen\n", False),
])
def test_prefilter_wants_the_word_six(text, passes):
    assert UtilsSix().prefilter(text) is passes
