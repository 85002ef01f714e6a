import pytest

from codemods.catalogue.jsonresponse_safe import JsonResponseSafe
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.http import JsonResponse\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "r = JsonResponse(rows, safe=False)\n", IMP + "r = JsonResponse(rows)\n"),
    (IMP + "r = JsonResponse(rows, safe=False, status=201)\n", IMP + "r = JsonResponse(rows, status=201)\n"),
    (IMP + "r = JsonResponse(rows, Encoder, False)\n", IMP + "r = JsonResponse(rows, Encoder)\n"),
    (IMP + "r = JsonResponse(data=rows, safe=False)\n", IMP + "r = JsonResponse(data=rows)\n"),
    (IMP + "r = JsonResponse({'ok': True}, safe=True)\n", IMP + "r = JsonResponse({'ok': True})\n"),
    (IMP + "r = JsonResponse(\n    rows,\n    safe=False,\n)\n", IMP + "r = JsonResponse(\n    rows,\n)\n"),
    ("from django.http import JsonResponse as J\nr = J(rows, safe=False)\n",
     "from django.http import JsonResponse as J\nr = J(rows)\n"),
    ("from django import http\nr = http.JsonResponse(rows, safe=False)\n",
     "from django import http\nr = http.JsonResponse(rows)\n"),
    ("from django.http.response import JsonResponse\nr = JsonResponse(rows, safe=False)\n",
     "from django.http.response import JsonResponse\nr = JsonResponse(rows)\n"),
])
def test_transformed(before, after):
    check_transformed(JsonResponseSafe, before, after)


@pytest.mark.parametrize("source", [
    IMP + "r = JsonResponse(rows)\n",
    IMP + "r = JsonResponse(rows, status=201)\n",
    "from rest_framework.response import JsonResponse\nr = JsonResponse(rows, safe=False)\n",
    "doc = 'JsonResponse'\n",
])
def test_noop(source):
    check_noop(JsonResponseSafe, source)


@pytest.mark.parametrize("source", [
    IMP + "r = JsonResponse(rows, safe=True)\n",  # raised TypeError for a list
    IMP + "r = JsonResponse(rows, safe=flag)\n",
    IMP + "r = JsonResponse(rows, **options)\n",
    IMP + "r = JsonResponse(rows, Encoder, False, None)\n",
    "try:\n    from django.http import JsonResponse\nexcept ImportError:\n    JsonResponse = None\n"
    "r = JsonResponse(rows, safe=False)\n",
    "from django.http import *\nr = JsonResponse(rows, safe=False)\n",
])
def test_noop_reported(source):
    check_noop(JsonResponseSafe, source, reported=True)


def test_not_in_migrations():
    check_noop(JsonResponseSafe, IMP + "r = JsonResponse(rows, safe=False)\n", filename="app/migrations/0002_x.py")
