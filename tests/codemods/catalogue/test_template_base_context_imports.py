import pytest

from codemods.catalogue.template_base_context_imports import TemplateBaseContextImports
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django.template.base import Context\nx = Context({})\n',
     'from django.template.context import Context\nx = Context({})\n'),
    ('from django.template.base import Context as Alias\nx = Alias({})\n',
     'from django.template.context import Context as Alias\nx = Alias({})\n'),
    ('from django.template import base\nx = base.Context({})\n',
     'from django.template import base\nfrom django.template.context import Context\nx = Context({})\n'),
    ('import django.template.base\nx = django.template.base.Context({})\n',
     'import django.template.base\nx = django.template.context.Context({})\n'),
    ('from django.template.base import Context\nthings = [Context, None]\n',
     'from django.template.context import Context\nthings = [Context, None]\n'),
    ('from django.template.base import RequestContext, Template\nctx = RequestContext(request)\n',
     'from django.template.base import Template\nfrom django.template.context import RequestContext\nctx = RequestContext(request)\n'),
    ('from django.template.base import ContextPopException\n\ntry:\n    ctx.pop()\nexcept ContextPopException:\n    pass\n',
     'from django.template.context import ContextPopException\n\ntry:\n    ctx.pop()\nexcept ContextPopException:\n    pass\n'),
])
def test_transformed(before, after):
    check_transformed(TemplateBaseContextImports, before, after)


@pytest.mark.parametrize("source", [
    'from mylib.compat import Context\nx = Context({})\n',
    'x = helpers.Context({})\n',
    "doc = 'Context is gone'\n",
    'from django.template import Context\nctx = Context({})\n',
])
def test_noop(source):
    check_noop(TemplateBaseContextImports, source)


def test_in_migration():
    check_transformed(TemplateBaseContextImports, 'from django.template.base import Context\nVALUE = Context\n',
                      'from django.template.context import Context\nVALUE = Context\n', filename='shop/migrations/0002_auto.py')


def test_noop_try_import():
    check_noop(TemplateBaseContextImports, 'try:\n    from django.template.base import Context\nexcept ImportError:\n    Context = None\n', reported=True)


def test_noop_shadowed():
    check_noop(TemplateBaseContextImports, 'from django.template.base import Context\n\n\ndef Context(v):\n    return v\n', reported=True)


def test_noop_star_import():
    check_noop(TemplateBaseContextImports, 'from django.template.base import *\nx = Context({})\n', reported=True)
