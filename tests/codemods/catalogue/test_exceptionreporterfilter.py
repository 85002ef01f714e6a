import pytest

from codemods.catalogue.exceptionreporterfilter import ExceptionReporterFilterBase
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.views.debug import ExceptionReporterFilter\n"
NEW = "from django.views.debug import SafeExceptionReporterFilter\n"
CLS = "\n\nclass NoPost({}):\n    def get_post_parameters(self, request):\n        return {{}}\n"


@pytest.mark.parametrize("before, after", [
    (IMP + CLS.format("ExceptionReporterFilter"), NEW + CLS.format("SafeExceptionReporterFilter")),
    (IMP + CLS.format("Mixin, ExceptionReporterFilter"), NEW + CLS.format("Mixin, SafeExceptionReporterFilter")),
    # the new name already imported: the old import goes
    ("from django.views.debug import ExceptionReporterFilter, SafeExceptionReporterFilter\n"
     + CLS.format("ExceptionReporterFilter"), NEW + CLS.format("SafeExceptionReporterFilter")),
    # an alias: the alias goes, the new name comes
    ("from django.views.debug import ExceptionReporterFilter as Base, technical_500_response\n" + CLS.format("Base"),
     "from django.views.debug import technical_500_response, SafeExceptionReporterFilter\n"
     + CLS.format("SafeExceptionReporterFilter")),
    # the module form
    ("from django.views import debug\n" + CLS.format("debug.ExceptionReporterFilter"),
     "from django.views import debug\n" + CLS.format("debug.SafeExceptionReporterFilter")),
    ("import django.views.debug\n" + CLS.format("django.views.debug.ExceptionReporterFilter"),
     "import django.views.debug\n" + CLS.format("django.views.debug.SafeExceptionReporterFilter")),
])
def test_transformed(before, after):
    check_transformed(ExceptionReporterFilterBase, before, after)


@pytest.mark.parametrize("source", [
    NEW + CLS.format("SafeExceptionReporterFilter"),
    "from myapp.debug import ExceptionReporterFilter\n" + CLS.format("ExceptionReporterFilter"),
    "doc = 'ExceptionReporterFilter'\n",
    # a compatibility shim that already works on 3.1
    "try:\n    from django.views.debug import ExceptionReporterFilter\nexcept ImportError:\n"
    "    from django.views.debug import SafeExceptionReporterFilter as ExceptionReporterFilter\n"
    + CLS.format("ExceptionReporterFilter"),
])
def test_noop(source):
    check_noop(ExceptionReporterFilterBase, source)


def test_not_in_migrations():
    check_noop(ExceptionReporterFilterBase, IMP + CLS.format("ExceptionReporterFilter"),
               filename="app/migrations/0002_x.py")


@pytest.mark.parametrize("source", [
    IMP + "reporter_filter = ExceptionReporterFilter()\n",
    IMP + "ok = isinstance(f, ExceptionReporterFilter)\n",
    "try:\n    from django.views.debug import ExceptionReporterFilter\nexcept ImportError:\n"
    "    ExceptionReporterFilter = object\n" + CLS.format("ExceptionReporterFilter"),
    IMP + "ExceptionReporterFilter = object\n" + CLS.format("ExceptionReporterFilter"),
    "from django.views.debug import *\n" + CLS.format("ExceptionReporterFilter"),
    IMP + "SafeExceptionReporterFilter = None\n" + CLS.format("ExceptionReporterFilter"),
])
def test_noop_reported(source):
    check_noop(ExceptionReporterFilterBase, source, reported=True)


def test_other_use_reported_base_still_rewritten():
    check_transformed(ExceptionReporterFilterBase,
                      IMP + CLS.format("ExceptionReporterFilter") + "x = ExceptionReporterFilter()\n",
                      "from django.views.debug import ExceptionReporterFilter, SafeExceptionReporterFilter\n"
                      + CLS.format("SafeExceptionReporterFilter") + "x = ExceptionReporterFilter()\n",
                      reported=True)
