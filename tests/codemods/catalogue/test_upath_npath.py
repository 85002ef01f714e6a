import pytest

from codemods.catalogue.upath_npath import UpathNpath
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('import os\nfrom django.utils._os import upath\nHERE = os.path.dirname(upath(__file__))\n',
     'import os\nHERE = os.path.dirname(__file__)\n'),
    ("from django.utils._os import npath, safe_join\np = safe_join(npath(root), 'x')\n",
     "from django.utils._os import safe_join\np = safe_join(root, 'x')\n"),
    ('from django.utils._os import npath, upath\na = upath(x)\nb = npath(y)\n',
     'a = x\nb = y\n'),
    ('from django.utils._os import upath\nname = upath(a or b).strip()\n',
     'name = (a or b).strip()\n'),
    ('from django.utils import _os\np = _os.upath(path)\n',
     'from django.utils import _os\np = path\n'),
    ('from django.utils._os import upath as u\np = u(path)\n',
     'p = path\n'),
    ('from django.utils._os import upath\npaths = [upath(p) for p in ps]\n',
     'paths = [p for p in ps]\n'),
])
def test_transformed(before, after):
    check_transformed(UpathNpath, before, after)


@pytest.mark.parametrize("source", [
    'from mylib import upath\np = upath(path)\n',
    'p = helper.upath(path)\n',
    'from django.utils._os import safe_join\np = safe_join(a, b)\n',
    "upath = 'x'\n",
])
def test_noop(source):
    check_noop(UpathNpath, source)


def test_noop_two_arguments():
    check_noop(UpathNpath, "from django.utils._os import upath\np = upath(path, 'extra')\n", reported=True)


def test_noop_try_import():
    check_noop(UpathNpath, 'try:\n    from django.utils._os import upath\nexcept ImportError:\n    upath = str\np = upath(path)\n', reported=True)
