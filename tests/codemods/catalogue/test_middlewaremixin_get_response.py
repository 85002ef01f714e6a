import pytest

from codemods.catalogue.middlewaremixin_get_response import MiddlewareMixinGetResponse
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.utils.deprecation import MiddlewareMixin\n"


def mw(params: str, body: str = "        super().__init__(get_response)\n", base: str = "MiddlewareMixin") -> str:
    return f"\n\nclass Timing({base}):\n    def __init__(self, {params}):\n{body}"


@pytest.mark.parametrize("before, after", [
    (IMP + mw("get_response=None"), IMP + mw("get_response")),
    (IMP + mw("get_response = None, limit=3"), IMP + mw("get_response, limit=3")),
    # super().__init__() passed nothing: it gets get_response
    (IMP + mw("get_response=None", "        super().__init__()\n        self.get_response = get_response\n"),
     IMP + mw("get_response", "        super().__init__(get_response)\n        self.get_response = get_response\n")),
    # no super() call at all
    (IMP + mw("get_response=None", "        self.get_response = get_response\n"),
     IMP + mw("get_response", "        self.get_response = get_response\n")),
    # module form, alias, Django's own middleware, a project base
    ("from django.utils import deprecation\n" + mw("get_response=None", base="deprecation.MiddlewareMixin"),
     "from django.utils import deprecation\n" + mw("get_response", base="deprecation.MiddlewareMixin")),
    ("from django.utils.deprecation import MiddlewareMixin as Mixin\n" + mw("get_response=None", base="Mixin"),
     "from django.utils.deprecation import MiddlewareMixin as Mixin\n" + mw("get_response", base="Mixin")),
    ("from django.contrib.sessions.middleware import SessionMiddleware\n" + mw("get_response=None", base="SessionMiddleware"),
     "from django.contrib.sessions.middleware import SessionMiddleware\n" + mw("get_response", base="SessionMiddleware")),
    (IMP + "\n\nclass Base(MiddlewareMixin):\n    pass\n" + mw("get_response=None", base="Base"),
     IMP + "\n\nclass Base(MiddlewareMixin):\n    pass\n" + mw("get_response", base="Base")),
])
def test_transformed(before, after):
    check_transformed(MiddlewareMixinGetResponse, before, after)


@pytest.mark.parametrize("source", [
    IMP + mw("get_response"),
    "from myapp.base import MiddlewareMixin\n" + mw("get_response=None"),
    IMP + mw("get_response=None", base="object"),
    "doc = 'get_response'\n",
])
def test_noop(source):
    check_noop(MiddlewareMixinGetResponse, source)


@pytest.mark.parametrize("source", [
    IMP + mw("get_response=None", "        if get_response is None:\n            get_response = default\n"
                                  "        super().__init__(get_response)\n"),
    IMP + mw("get_response=None", "        self.get_response = get_response or default\n"
                                  "        super().__init__(self.get_response)\n"),
    IMP + mw("get_response=None", "        self.f = lambda r: get_response(r)\n        super().__init__(get_response)\n"),
    "try:\n    from django.utils.deprecation import MiddlewareMixin\nexcept ImportError:\n    MiddlewareMixin = object\n"
    + mw("get_response=None"),
])
def test_noop_reported(source):
    check_noop(MiddlewareMixinGetResponse, source, reported=True)


def test_not_in_migrations():
    check_noop(MiddlewareMixinGetResponse, IMP + mw("get_response=None"), filename="app/migrations/0002_x.py")


def test_real_django_4_0_loads_the_middleware_after(tmp_path):
    import subprocess

    from codemods.apply import apply_source
    from tests.venvs import make_venv, python_for

    py = make_venv(python_for(django="4.0"), ["django==4.0.10"])
    module = IMP + mw("get_response=None", "        super().__init__()\n        self.get_response = get_response\n")
    run = ("import django\nfrom django.conf import settings\n"
           "settings.configure(MIDDLEWARE=['mw.Timing'], ROOT_URLCONF=[], SECRET_KEY='x')\n"
           "django.setup()\nfrom django.core.handlers.base import BaseHandler\n"
           "h = BaseHandler()\nh.load_middleware()\nprint('loaded')\n")
    (tmp_path / "run.py").write_text(run)
    results = {}
    for label, source in (("before", module),
                          ("after", apply_source(module, "app/mw.py", [MiddlewareMixinGetResponse()]).new)):
        (tmp_path / "mw.py").write_text(source)
        proc = subprocess.run([str(py), "run.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        results[label] = proc.stdout.strip() or proc.stderr.strip().splitlines()[-1]
    assert results["before"].startswith("TypeError")  # __init__() missing 1 required positional argument
    assert results["after"] == "loaded"
