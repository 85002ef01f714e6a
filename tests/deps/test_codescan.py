"""The code scan of third-party files: the shared detectors, compatibility code, tests left out."""

from __future__ import annotations

from pathlib import Path

import release_data
from upgrader.deps import codescan

LIB = '''from django.utils.encoding import force_text
try:
    from django.utils.translation import ugettext as _
except ImportError:
    from django.utils.translation import gettext as _
import django
if django.VERSION < (4, 0):
    from django.conf.urls import url
else:
    from django.urls import re_path as url


def view(request):
    return request.is_ajax()
'''


def _changes():
    return release_data.load().removed_in("4.0")


def test_hits_with_lines_and_compatibility_code_is_guarded(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "mod.py").write_text(LIB)
    hits = {(h.change, h.line): h for h in codescan.scan_files([tmp_path / "lib" / "mod.py"], _changes(), tmp_path)}
    assert hits[("force-text", 1)].guarded is False and hits[("force-text", 1)].file == "lib/mod.py"
    assert hits[("is-ajax", 14)].guarded is False
    assert hits[("ugettext", 3)].guarded is True  # try/except ImportError
    assert hits[("conf-urls-url", 8)].guarded is True  # if django.VERSION < (4, 0)


def test_templates_are_scanned_and_files_without_a_django_import_are_not(tmp_path):
    tpl = tmp_path / "lib" / "templates" / "x.html"
    tpl.parent.mkdir(parents=True)
    tpl.write_text("{% load i18n %}\n{% ifequal a b %}x{% endifequal %}\n")
    plain = tmp_path / "lib" / "plain.py"
    plain.write_text("force_text = 'from django.utils.encoding import force_text'\n")  # no import of django
    hits = codescan.scan_files([tpl, plain], _changes(), tmp_path)
    assert [(h.change, h.file, h.line) for h in hits] == [("template-ifequal", "lib/templates/x.html", 2)]


def test_a_packages_own_tests_are_not_wanted():
    assert codescan.wanted("compressor/base.py")
    assert not codescan.wanted("compressor/tests/test_base.py")
    assert not codescan.wanted("conftest.py")
    assert codescan.wanted("compressor/templates/compressor/js.html")
    assert not codescan.wanted("compressor/static/x.txt")


def test_a_method_the_package_defines_itself_is_not_the_removed_one(tmp_path):
    pkg = tmp_path / "allauthish"
    pkg.mkdir()
    (pkg / "adapter.py").write_text("from django.conf import settings\n\n\nclass Adapter:\n"
                                    "    def is_ajax(self, request):\n        return False\n")
    (pkg / "views.py").write_text("from django.http import JsonResponse\n\n\ndef view(adapter, request):\n"
                                  "    return adapter.is_ajax(request)\n")
    hits = codescan.scan_files([pkg / "adapter.py", pkg / "views.py"], _changes(), tmp_path)
    assert [(h.change, h.file, h.line, h.guarded) for h in hits] == [("is-ajax", "allauthish/views.py", 5, True)]


def test_a_module_shadowed_by_a_package_beside_it_is_never_run(tmp_path):
    pkg = tmp_path / "guardian"
    (pkg / "models").mkdir(parents=True)
    (pkg / "models.py").write_text("from django.utils.translation import ugettext_lazy as _\n")  # stale, shadowed
    (pkg / "models" / "__init__.py").write_text("from django.utils.translation import gettext_lazy as _\n")
    files = [pkg / "models.py", pkg / "models" / "__init__.py"]
    assert codescan.relevant(files) == [pkg / "models" / "__init__.py"]
    assert codescan.scan_files(files, _changes(), tmp_path) == []


def test_a_name_imported_only_in_compatibility_code_is_the_fallback_where_it_is_used(tmp_path):
    mod = tmp_path / "ie" / "resources.py"
    mod.parent.mkdir()
    mod.write_text("from django.db import models\n\n\ndef widget(f):\n    try:\n"
                   "        from django.contrib.postgres.fields import JSONField\n    except ImportError:\n"
                   "        class JSONField:\n            pass\n    return isinstance(f, JSONField)\n")
    hits = codescan.scan_files([mod], _changes(), tmp_path)
    assert hits and all(h.guarded for h in hits)


def test_demo_apps_shipped_with_a_package_are_not_wanted():
    assert not codescan.wanted("ckeditor_demo/urls.py")
    assert not codescan.wanted("example/settings.py")
    assert codescan.wanted("ckeditor/widgets.py")


def test_naming_a_model_field_django_keeps_as_a_stub_does_not_block_declaring_one_does(tmp_path):
    mod = tmp_path / "filters" / "filterset.py"
    mod.parent.mkdir()
    mod.write_text("from django.db import models\n\nFILTERS = {models.NullBooleanField: 'boolean'}\n\n\n"
                   "class Thing(models.Model):\n    flag = models.NullBooleanField()\n")
    hits = {h.line: h.guarded for h in codescan.scan_files([mod], _changes(), tmp_path) if h.change == "nullbooleanfield"}
    assert hits == {3: True, 7: False}
