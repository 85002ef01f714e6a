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


def test_real_django_3_1_filter_works_after(tmp_path):
    """On 3.1 the old base is gone (ImportError); the rewritten filter serves an exception report."""
    import subprocess

    from codemods.apply import apply_source
    from tests.venvs import make_venv, python_for

    py = make_venv(python_for(django="3.1"), ["django==3.1.14"])
    module = IMP + CLS.format("ExceptionReporterFilter")
    run = ("import sys\nimport django\nfrom django.conf import settings\n"
           "settings.configure(DEFAULT_EXCEPTION_REPORTER_FILTER='filters.NoPost', SECRET_KEY='x')\n"
           "django.setup()\nfrom django.test import RequestFactory\nfrom django.views.debug import ExceptionReporter\n"
           "request = RequestFactory().post('/', {'card': '4242'})\n"
           "try:\n    1 / 0\nexcept ZeroDivisionError:\n"
           "    data = ExceptionReporter(request, *sys.exc_info()).get_traceback_data()\n"
           "print(data['filtered_POST_items'], data['settings']['SECRET_KEY'])\n")
    (tmp_path / "run.py").write_text(run)
    results = {}
    for label, source in (("before", module),
                          ("after", apply_source(module, "app/filters.py", [ExceptionReporterFilterBase()]).new)):
        (tmp_path / "filters.py").write_text(source)
        proc = subprocess.run([str(py), "run.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        results[label] = proc.stdout.strip() or proc.stderr.strip().splitlines()[-1]
    assert results["before"].startswith("ImportError: cannot import name 'ExceptionReporterFilter'")
    assert results["after"] == "[] ********************"
