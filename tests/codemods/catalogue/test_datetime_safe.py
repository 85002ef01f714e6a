import pytest

from codemods.catalogue.datetime_safe import DatetimeSafe as C
from tests.codemods.helpers import check_elided, check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ("from django.utils.datetime_safe import date, datetime\nd = date(2020, 1, 1)\nn = datetime.now()\n",
     "from datetime import date, datetime\nd = date(2020, 1, 1)\nn = datetime.now()\n"),
    ("from django.utils.datetime_safe import datetime as safe_dt\nn = safe_dt(2020, 1, 1)\n",
     "from datetime import datetime as safe_dt\nn = safe_dt(2020, 1, 1)\n"),
    ("from django.utils.datetime_safe import time\nt = time(12, 30)\n",
     "from datetime import time\nt = time(12, 30)\n"),
    # the module imported: attribute access and strftime()
    ("from django.utils import datetime_safe\nd = datetime_safe.date(2020, 1, 1)\n",
     "from datetime import date\nd = date(2020, 1, 1)\n"),
    ("from django.utils import datetime_safe\ns = datetime_safe.strftime(value, '%Y-%m-%d')\n",
     "s = value.strftime('%Y-%m-%d')\n"),
    ("from django.utils import datetime_safe\ns = datetime_safe.strftime(self.start, fmt)\n",
     "s = self.start.strftime(fmt)\n"),
    ("from django.utils import datetime_safe\ns = datetime_safe.strftime(a or b, fmt)\n",
     "s = (a or b).strftime(fmt)\n"),
    ("from django.utils import datetime_safe\ns = datetime_safe.strftime(dt=get(), fmt='%Y')\n",
     "s = get().strftime('%Y')\n"),
    ("from django.utils.datetime_safe import strftime\ns = strftime(value, '%Y')\n",
     "s = value.strftime('%Y')\n"),
    ("from django.utils.datetime_safe import date, strftime\ns = strftime(date(999, 1, 1), '%Y')\n",
     "from datetime import date\ns = date(999, 1, 1).strftime('%Y')\n"),
    # merged into an existing datetime import
    ("from datetime import timedelta\nfrom django.utils.datetime_safe import date\nd = date.today() - timedelta(1)\n",
     "from datetime import timedelta, date\nd = date.today() - timedelta(1)\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after)


def test_in_migration():
    check_transformed(C, "from django.utils.datetime_safe import date\nDEFAULT = date(2000, 1, 1)\n",
                      "from datetime import date\nDEFAULT = date(2000, 1, 1)\n",
                      filename="app/migrations/0002_x.py")


def test_new_date_reported_rest_fixed():
    check_transformed(C, "from django.utils.datetime_safe import date, new_date\na = date(1, 1, 1)\nb = new_date(a)\n",
                      "from django.utils.datetime_safe import new_date\nfrom datetime import date\na = date(1, 1, 1)\nb = new_date(a)\n",
                      reported=True)


@pytest.mark.parametrize("source", [
    "from datetime import date\nd = date(2020, 1, 1)\n",
    "from mylib.datetime_safe import date\nd = date(2020, 1, 1)\n",
    "s = value.strftime('%Y')\n",
    "doc = 'django.utils.datetime_safe'\n",
])
def test_noop(source):
    check_noop(C, source)


@pytest.mark.parametrize("source", [
    "from django.utils.datetime_safe import new_datetime\nd = new_datetime(value)\n",
    "from django.utils import datetime_safe\nd = datetime_safe.new_date(value)\n",
    "from django.utils.datetime_safe import *\nd = date(2020, 1, 1)\n",
    "import django.utils.datetime_safe\nd = django.utils.datetime_safe.date(2020, 1, 1)\n",
    "try:\n    from django.utils.datetime_safe import date\nexcept ImportError:\n    from datetime import date\n",
    "import datetime\nfrom django.utils.datetime_safe import datetime\nn = datetime(2020, 1, 1)\n",
    "from django.utils.datetime_safe import time\nnow = time.time()\n",
    "from django.utils import datetime_safe\ns = datetime_safe.strftime(*args)\n",
    "from django.utils import datetime_safe\ns = datetime_safe.strftime(value)\n",
])
def test_noop_reported(source):
    check_noop(C, source, reported=True)


def test_new_date_reported_at_its_use():
    result = check_noop(C, "from django.utils import datetime_safe\n\n\ndef f(d):\n    return datetime_safe.new_date(d)\n",
                        reported=True)
    assert any(f.line == 5 and "new_date()" in f.message and "datetime.date(d.year" in f.message for f in result.findings)


# elided: the definitions holding none of the needles are hidden from libcst (check_elided compares the
# output and findings with the whole-file run's)
@pytest.mark.parametrize("before, after", [
    ("from django.utils.datetime_safe import date\n\n\ndef other(v):\n    return v\n\n\n"
     "def start(v):\n    return date(v, 1, 1)\n",
     "from datetime import date\n\n\ndef other(v):\n    return v\n\n\n"
     "def start(v):\n    return date(v, 1, 1)\n"),
    ("from django.utils import datetime_safe\n\n\nclass Helper:\n    def run(self):\n        return 1\n\n\n"
     "s = datetime_safe.strftime(value, '%Y')\n",
     "class Helper:\n    def run(self):\n        return 1\n\n\n"
     "s = value.strftime('%Y')\n"),
    # a private name of the module used in a function: reported where it is used
    ("from django.utils.datetime_safe import _findall, date\n\n\ndef hidden(v):\n    return v\n\n\n"
     "def other(v):\n    return _findall(v, 'x')\n\n\nd = date(2020, 1, 1)\n",
     "from django.utils.datetime_safe import _findall\nfrom datetime import date\n\n\ndef hidden(v):\n    return v\n\n\n"
     "def other(v):\n    return _findall(v, 'x')\n\n\nd = date(2020, 1, 1)\n"),
])
def test_elided(before, after):
    check_elided(C, before, after)


# the needles: ``datetime_safe`` and the names the file binds from the module, so a file that uses
# the module as ``datetime_safe.x`` hides every definition that merely says "date" or "time"
@pytest.mark.parametrize("source, needles", [
    ("from django.utils import datetime_safe\n", ("datetime_safe",)),
    ("from django.utils import datetime_safe as ds\n", ("datetime_safe", "ds")),
    ("from django.utils.datetime_safe import date, datetime as dt\n", ("datetime_safe", "date", "dt")),
    ("import django.utils.datetime_safe\n", ("datetime_safe", "django")),
])
def test_needles_are_the_names_the_file_binds_from_the_module(source, needles):
    import ast

    codemod = C()
    assert codemod.confirm(ast.parse(source), source, None)
    assert set(codemod.prune_needles()) == set(needles)


def test_a_file_using_the_module_by_name_hides_what_only_says_date():
    check_elided(C, "from django.utils import datetime_safe\n\n\ndef today(date):\n    return date.today()\n\n\n"
                    "s = datetime_safe.strftime(value, '%Y')\n",
                 "def today(date):\n    return date.today()\n\n\ns = value.strftime('%Y')\n")
