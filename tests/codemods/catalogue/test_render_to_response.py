import pytest

from codemods.catalogue.render_to_response import RenderToResponse
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.shortcuts import render_to_response\n"
NEW_IMP = "from django.http import HttpResponse\nfrom django.template.loader import render_to_string\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "\n\ndef v(request):\n    return render_to_response('a.html', {'x': 1})\n",
     NEW_IMP + "\n\ndef v(request):\n    return HttpResponse(render_to_string('a.html', {'x': 1}))\n"),
    (IMP + "\n\ndef v(request):\n    return render_to_response('a.html')\n",
     NEW_IMP + "\n\ndef v(request):\n    return HttpResponse(render_to_string('a.html'))\n"),
    (IMP + "\n\ndef v(request):\n    return render_to_response('a.txt', ctx, content_type='text/plain', status=404)\n",
     NEW_IMP + "\n\ndef v(request):\n    return HttpResponse(render_to_string('a.txt', ctx), content_type='text/plain', status=404)\n"),
    (IMP + "\n\ndef v(request):\n    return render_to_response('a.txt', ctx, 'text/plain', 404, 'jinja2')\n",
     NEW_IMP + "\n\ndef v(request):\n    return HttpResponse(render_to_string('a.txt', ctx, using='jinja2'), content_type='text/plain', status=404)\n"),
    ("from django.http import HttpResponse, Http404\nfrom django.shortcuts import get_object_or_404, render_to_response\n\n\n"
     "def v(request):\n    return render_to_response(template_name='a.html', context={'x': 1})\n",
     "from django.http import HttpResponse, Http404\nfrom django.shortcuts import get_object_or_404\nfrom django.template.loader import render_to_string\n\n\n"
     "def v(request):\n    return HttpResponse(render_to_string('a.html', {'x': 1}))\n"),
    ("from django import shortcuts\n\n\ndef v(request):\n    return shortcuts.render_to_response('a.html')\n",
     "from django import shortcuts\nfrom django.http import HttpResponse\nfrom django.template.loader import render_to_string\n\n\n"
     "def v(request):\n    return HttpResponse(render_to_string('a.html'))\n"),
])
def test_transformed(before, after):
    check_transformed(RenderToResponse, before, after)


@pytest.mark.parametrize("source", [
    "from django.shortcuts import render\n\n\ndef v(request):\n    return render(request, 'a.html')\n",
    "from mylib import render_to_response\nx = render_to_response('a.html')\n",
    "doc = 'render_to_response is gone'\n",
])
def test_noop(source):
    check_noop(RenderToResponse, source)


@pytest.mark.parametrize("source", [
    IMP + "x = render_to_response('a.html', **kw)\n",
    IMP + "x = render_to_response('a.html', {}, context_instance=RequestContext(request))\n",
    "from django.shortcuts import *\nx = render_to_response('a.html')\n",
    "try:\n    from django.shortcuts import render_to_response\nexcept ImportError:\n    pass\nx = render_to_response('a.html')\n",
    IMP + "HttpResponse = None\nx = render_to_response('a.html')\n",
])
def test_noop_reported(source):
    check_noop(RenderToResponse, source, reported=True)
