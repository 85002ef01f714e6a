#!/usr/bin/env python3
"""A large generated Django module full of 2.x/3.x APIs (deterministic; generated, never committed).

    python benchmarks/gen_big_module.py OUT.py [--mb 5]

The module mixes what both ``fix`` and django-upgrade rewrite (``force_text``/``ugettext``, ``url()``
with a regex, ``is_ajax``, ``NullBooleanField``, ``available_attrs``, ``request.META['HTTP_...']``, ...)
with plain code, in top-level functions, classes and module-level statements, so a rewrite has
thousands of hunks spread over the whole file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HEADER = '''"""Generated module (benchmarks/gen_big_module.py)."""
from django.conf.urls import url
from django.db import models
from django.http import HttpResponse
from django.utils.encoding import force_text, smart_text
from django.utils.translation import ugettext, ugettext_lazy, ungettext
from django.utils.decorators import available_attrs
from django.utils import six

'''

BLOCKS = (
    '''

class Item{n}(models.Model):
    """An item ({n})."""
    name = models.CharField(max_length={m}, verbose_name=ugettext_lazy("name {n}"))
    flag = models.NullBooleanField()
    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return force_text(self.name)

    def label(self, count):
        return ungettext("%(n)d item", "%(n)d items", count) % {{"n": count}}
''',
    '''

def view_{n}(request, pk):
    if request.is_ajax():
        agent = request.META["HTTP_USER_AGENT"]
        return HttpResponse(smart_text(agent))
    total = 0
    for i in range({m}):
        total += i * {n}
    return HttpResponse(ugettext("total %d") % total)
''',
    '''

def decorator_{n}(func):
    from functools import wraps

    @wraps(func, assigned=available_attrs(func))
    def inner(*args, **kwargs):
        value = func(*args, **kwargs)
        if isinstance(value, six.string_types):
            return force_text(value)
        return value
    return inner
''',
    '''

def helper_{n}(values):
    """Plain code: nothing to rewrite here ({n})."""
    out = []
    for v in values:
        if v % {m} == 0:
            out.append(v // {m})
        else:
            out.append(v + {n})
    return sorted(out)
''',
    '''

patterns_{n} = [
    url(r"^item/{n}/$", view_{n}, name="item-{n}"),
    url(r"^item/{n}/(?P<pk>[0-9]+)/$", view_{n}),
]
''',
)


def generate(size_bytes: int) -> str:
    parts = [HEADER]
    total, n = len(HEADER), 0
    while total < size_bytes:
        block = BLOCKS[n % len(BLOCKS)].format(n=n, m=n % 97 + 3)
        parts.append(block)
        total += len(block)
        n += 1
    return "".join(parts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args(argv)
    args.out.write_text(generate(int(args.mb * 1024 * 1024)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
