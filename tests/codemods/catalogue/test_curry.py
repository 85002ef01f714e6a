import functools

import pytest

from codemods.catalogue.curry import Curry
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.utils.functional import curry\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "f = curry(g, 1, key=2)\n",
     "from functools import partial\nf = partial(g, 1, key=2)\n"),
    # immediate call, argument of a call, *args/**kwargs outside a class
    (IMP + "x = curry(g, a)(b)\nmap(curry(g, *args, **kw), items)\n",
     "from functools import partial\nx = partial(g, a)(b)\nmap(partial(g, *args, **kw), items)\n"),
    # an alias; the import shares a line
    ("from django.utils.functional import cached_property, curry as c\n\ndef f():\n    return c(g, 1)\n",
     "from django.utils.functional import cached_property\nfrom functools import partial\n\ndef f():\n    return partial(g, 1)\n"),
    # attribute access through the module
    ("from django.utils import functional\nf = functional.curry(g, 1)\n",
     "from django.utils import functional\nfrom functools import partial\nf = partial(g, 1)\n"),
    # a method: keyword arguments only -> partialmethod
    (IMP + "\nclass A:\n    label = curry(_label, field='x')\n    other: object = curry(_label, **opts)\n",
     "from functools import partialmethod\n\nclass A:\n    label = partialmethod(_label, field='x')\n    other: object = partialmethod(_label, **opts)\n"),
    # both in one module; self.x is an instance attribute
    (IMP + "\nclass A:\n    m = curry(f, k=1)\n\n    def __init__(self):\n        self.cb = curry(f, 2)\n",
     "from functools import partialmethod, partial\n\nclass A:\n    m = partialmethod(f, k=1)\n\n    def __init__(self):\n        self.cb = partial(f, 2)\n"),
    # setattr on self: an instance attribute (django-braces' shape)
    (IMP + "\nclass V:\n    def setup(self, request):\n        setattr(self, 'api', curry(api_fn, request))\n",
     "from functools import partial\n\nclass V:\n    def setup(self, request):\n        setattr(self, 'api', partial(api_fn, request))\n"),
    # functools already imported by name
    ("from functools import partial\n" + IMP + "f = curry(g, 1)\n",
     "from functools import partial\nf = partial(g, 1)\n"),
])
def test_transformed(before, after):
    check_transformed(Curry, before, after)


CTC = "class ChoiceField(Field):\n    def contribute_to_class(self, cls, name, **kwargs):\n        {}\n"


@pytest.mark.parametrize("stmt, new", [
    ("setattr(cls, 'get_%s_display' % name, curry(cls._get_FIELD_display, field=self))",
     "setattr(cls, 'get_%s_display' % name, partialmethod(cls._get_FIELD_display, field=self))"),
    ("cls.get_label = curry(_label, field=self)", "cls.get_label = partialmethod(_label, field=self)"),
])
def test_contribute_to_class_model_attribute(stmt, new):
    check_transformed(Curry, IMP + CTC.format(stmt), "from functools import partialmethod\n" + CTC.format(new))


@pytest.mark.parametrize("stmt", [
    "setattr(cls, name, curry(_label, self))",  # positional: the instance's place changes
    "cls = other\n        setattr(cls, name, curry(_label, field=self))",  # rebound
    "setattr(model, name, curry(_label, field=self))",  # not the class parameter
])
def test_contribute_to_class_reported(stmt):
    check_noop(Curry, IMP + CTC.format(stmt), reported=True)


def test_migration():
    check_transformed(Curry, IMP + "f = curry(g, 1)\n", "from functools import partial\nf = partial(g, 1)\n",
                      filename="app/migrations/0002_x.py")


@pytest.mark.parametrize("source", [
    "from mylib import curry\nf = curry(g, 1)\n",
    "from functools import partial\nf = partial(g, 1)\n",
    "doc = 'curry'\n",
])
def test_noop(source):
    check_noop(Curry, source)


@pytest.mark.parametrize("source", [
    # positional arguments as a method: the instance's place changes
    IMP + "class A:\n    m = curry(f, 1)\n",
    IMP + "class A:\n    m = curry(f, *args)\n",
    # inside another class-body expression
    IMP + "class A:\n    m = property(curry(f, k=1))\n",
    # setattr / attribute of something that may be a class
    IMP + "def contribute(cls, name):\n    setattr(cls, name, curry(f, field=1))\n",
    IMP + "def contribute(cls):\n    cls.m = curry(f, field=1)\n",
    # a name that then goes into a class
    IMP + "def contribute(cls, name):\n    m = curry(f, field=1)\n    setattr(cls, name, m)\n",
    IMP + "m = curry(f, field=1)\n\nclass A:\n    meth = m\n",
    # unsure imports, shadowing, star imports, taken names
    "try:\n    from django.utils.functional import curry\nexcept ImportError:\n    curry = None\nf = curry(g, 1)\n",
    IMP + "curry = other\nf = curry(g, 1)\n",
    "from django.utils.functional import *\nf = curry(g, 1)\n",
    IMP + "partial = None\nf = curry(g, 1)\n",
    IMP + "f = curry(*args)\n",
    IMP + "class A:\n    m = curry(f, func=1)\n",
])
def test_noop_reported(source):
    check_noop(Curry, source, reported=True)


def test_left_over_reference_reported():
    result = check_transformed(Curry, IMP + "f = curry(g, 1)\nh = curry\n",
                               IMP + "from functools import partial\nf = partial(g, 1)\nh = curry\n", reported=True)
    assert "still used" in result.findings[0].message


def _curry(_curried_func, *args, **kwargs):  # Django 2.2's curry, verbatim
    def _curried(*moreargs, **morekwargs):
        return _curried_func(*args, *moreargs, **{**kwargs, **morekwargs})
    return _curried


def test_equivalence_claims():
    """The rewrites the codemod makes behave as curry did; the ones it refuses would not."""
    def f(*args, **kwargs):
        return args, kwargs

    assert functools.partial(f, 1, k=2)(3, k=4) == _curry(f, 1, k=2)(3, k=4)

    class Old:
        kw = _curry(f, k=1)
        pos = _curry(f, 1)

    class New:
        kw = functools.partialmethod(f, k=1)
        pos = functools.partialmethod(f, 1)

    old, new = Old(), New()
    assert new.kw(2, k=3) == ((new, 2), {"k": 3}) and old.kw(2, k=3) == ((old, 2), {"k": 3})
    assert New.kw(2) == Old.kw(2) == ((2,), {"k": 1})
    assert old.pos(2) == ((1, old, 2), {}) and new.pos(2) == ((new, 1, 2), {})  # the reason for the report
