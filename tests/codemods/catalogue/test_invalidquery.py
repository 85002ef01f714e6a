import pytest

from codemods.catalogue.invalidquery import InvalidQueryExcept
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.db.models.query_utils import InvalidQuery\n"
NEW = "from django.core.exceptions import FieldDoesNotExist, FieldError\n"


def body(clause: str) -> str:
    return f"try:\n    rows = list(Person.objects.raw(sql))\n{clause}\n    rows = []\n"


@pytest.mark.parametrize("before, after", [
    (IMP + body("except InvalidQuery:"), NEW + body("except (FieldDoesNotExist, FieldError):")),
    (IMP + body("except InvalidQuery as exc:"), NEW + body("except (FieldDoesNotExist, FieldError) as exc:")),
    (IMP + body("except(InvalidQuery):"), NEW + body("except (FieldDoesNotExist, FieldError):")),
    (IMP + body("except (InvalidQuery, ValueError):"), NEW + body("except (FieldDoesNotExist, FieldError, ValueError):")),
    (IMP + body("except (InvalidQuery,):"), NEW + body("except (FieldDoesNotExist, FieldError):")),
    # one of the new names is already there (and imported)
    ("from django.core.exceptions import FieldError\n" + IMP + body("except (FieldError, InvalidQuery):"),
     "from django.core.exceptions import FieldError, FieldDoesNotExist\n" + body("except (FieldError, FieldDoesNotExist):")),
    # an alias
    ("from django.db.models.query_utils import InvalidQuery as IQ, Q\n" + body("except IQ:"),
     "from django.db.models.query_utils import Q\nfrom django.core.exceptions import FieldDoesNotExist, FieldError\n"
     + body("except (FieldDoesNotExist, FieldError):")),
    # the module form; the module import stays
    ("from django.db.models import query_utils\n" + body("except query_utils.InvalidQuery:"),
     "from django.db.models import query_utils\nfrom django.core.exceptions import FieldDoesNotExist, FieldError\n"
     + body("except (FieldDoesNotExist, FieldError):")),
    # Django 3.0's query module re-exported it
    ("from django.db.models.query import InvalidQuery\n" + body("except InvalidQuery:"),
     NEW + body("except (FieldDoesNotExist, FieldError):")),
])
def test_transformed(before, after):
    check_transformed(InvalidQueryExcept, before, after)


def test_migration():
    check_transformed(InvalidQueryExcept, IMP + body("except InvalidQuery:"),
                      NEW + body("except (FieldDoesNotExist, FieldError):"), filename="app/migrations/0002_x.py")


def test_other_use_reported_except_still_rewritten():
    result = check_transformed(
        InvalidQueryExcept, IMP + body("except InvalidQuery:") + "raise InvalidQuery('no')\n",
        IMP + NEW + body("except (FieldDoesNotExist, FieldError):") + "raise InvalidQuery('no')\n", reported=True)
    assert result.findings[0].line == 6


@pytest.mark.parametrize("source", [
    "from myapp.errors import InvalidQuery\n" + body("except InvalidQuery:"),
    NEW + body("except (FieldDoesNotExist, FieldError):"),
    "doc = 'InvalidQuery'\n",
])
def test_noop(source):
    check_noop(InvalidQueryExcept, source)


@pytest.mark.parametrize("source", [
    IMP + "raise InvalidQuery('Raw query must include the primary key')\n",
    IMP + "ok = isinstance(exc, InvalidQuery)\n",
    IMP + "class MyError(InvalidQuery):\n    pass\n",
    "try:\n    from django.db.models.query_utils import InvalidQuery\nexcept ImportError:\n    InvalidQuery = None\n"
    + body("except InvalidQuery:"),
    IMP + "InvalidQuery = ValueError\n" + body("except InvalidQuery:"),
    "from django.db.models.query_utils import *\n" + body("except InvalidQuery:"),
    IMP + "FieldError = None\n" + body("except InvalidQuery:"),
])
def test_noop_reported(source):
    check_noop(InvalidQueryExcept, source, reported=True)


def test_real_django_3_2_the_rewrite_catches_what_django_raises(tmp_path):
    """On Django 3.2 ``except InvalidQuery`` no longer catches the raw-query error; the rewrite does."""
    import subprocess

    from codemods.apply import apply_source
    from tests.venvs import make_venv, python_for

    py = make_venv(python_for(django="3.2"), ["django==3.2.25"])
    before = (
        "import warnings\nwarnings.simplefilter('error')\n"
        "import django\nfrom django.conf import settings\n"
        "settings.configure(INSTALLED_APPS=['django.contrib.auth', 'django.contrib.contenttypes'],\n"
        "                   DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}})\n"
        "django.setup()\n"
        "from django.core.management import call_command\ncall_command('migrate', verbosity=0)\n"
        "from django.contrib.auth.models import User\n"
        "from django.db.models.query_utils import InvalidQuery\n"
        "User.objects.create(username='a')\n"
        "try:\n    list(User.objects.raw('SELECT username FROM auth_user'))\n"
        "except InvalidQuery:\n    print('caught')\n"
    )
    after = apply_source(before, "app/views.py", [InvalidQueryExcept()]).new
    assert "except (FieldDoesNotExist, FieldError):" in after
    runs = {}
    for label, source in (("before", before), ("after", after)):
        script = tmp_path / f"{label}.py"
        script.write_text(source)
        runs[label] = subprocess.run([str(py), str(script)], capture_output=True, text=True, timeout=120)
    assert "FieldDoesNotExist: Raw query must include the primary key" in runs["before"].stderr
    assert runs["after"].returncode == 0 and runs["after"].stdout == "caught\n", runs["after"].stderr
