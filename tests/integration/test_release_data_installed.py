"""release_data checked against REAL installed Django releases (cached venvs from tests.venvs)."""

from __future__ import annotations

import json
import subprocess
import textwrap

import pytest

import release_data
from tests.venvs import make_venv, python_for
from core import versions

pytestmark = pytest.mark.integration

# feature release -> (python, requirement)
RELEASES = {
    "3.2": (None, "django==3.2.*"),
    "4.2": (None, "django==4.2.*"),
    "5.2": (None, "django==5.2.*"),
    "6.1": ("3.12", "django==6.1.*"),
}
GENERIC = {"RemovedInNextVersionWarning", "RemovedAfterNextVersionWarning"}

PRELUDE = """
import json, sys, warnings
import django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
    USE_TZ=True, SECRET_KEY="x", ALLOWED_HOSTS=["testserver"],
)
django.setup()
out = {"warnings": [], "error": None}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
%s
    except Exception as exc:
        out["error"] = "%%s: %%s" %% (type(exc).__name__, exc)
out["warnings"] = [[w.category.__name__, str(w.message)] for w in caught]
print(json.dumps(out))
"""


def _venv(feature: str):
    py, req = RELEASES[feature]
    return make_venv(python_for(django=feature, python=py), [req])


def _run(python, code: str) -> dict:
    body = textwrap.indent(textwrap.dedent(code).strip(), " " * 8)
    proc = subprocess.run([str(python), "-c", PRELUDE % body], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def data():
    return release_data.load(use_refreshed=False)


@pytest.mark.parametrize("feature", list(RELEASES))
def test_warning_classes_and_latest_patch(feature, data):
    python = _venv(feature)
    code = (
        "import django, inspect, json, django.utils.deprecation as d\n"
        "print(json.dumps({'version': django.get_version(), 'classes': {n: [b.__name__ for b in c.__mro__] "
        "for n, c in vars(d).items() if inspect.isclass(c) and issubclass(c, Warning) and n.startswith('Removed')}}))"
    )
    proc = subprocess.run([str(python), "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    rel = data.release(feature)
    installed = info["version"]
    assert versions.feature(installed) == feature
    # The data's latest patch is the installed one, or an older one (the data is a snapshot).
    assert versions.parse(rel.latest_patch) <= versions.parse(installed), (rel.latest_patch, installed)

    specific = {n for n in info["classes"] if n not in GENERIC}
    assert specific == {n for n in rel.warning_classes if n not in GENERIC}, (feature, info["classes"])
    for name, described in rel.warning_classes.items():
        base = described.split()[0]
        if base in ("DeprecationWarning", "PendingDeprecationWarning"):
            assert base in info["classes"][name], (feature, name, info["classes"][name])


SNIPPETS = [
    ("3.2", "force-text", "from django.utils.encoding import force_text\nforce_text('x')"),
    ("3.2", "smart-text", "from django.utils.encoding import smart_text\nsmart_text('x')"),
    ("3.2", "ugettext-lazy", "from django.utils.translation import ugettext_lazy\nstr(ugettext_lazy('x'))"),
    ("3.2", "conf-urls-url", "from django.conf.urls import url\nurl(r'^$', lambda request: None)"),
    ("3.2", "is-ajax", "from django.test import RequestFactory\nRequestFactory().get('/').is_ajax()"),
    ("3.2", "signal-providing-args", "from django.dispatch import Signal\nSignal(providing_args=['a'])"),
    ("3.2", "get-random-string-length", "from django.utils.crypto import get_random_string\nget_random_string()"),
    ("3.2", "is-safe-url", "from django.utils.http import is_safe_url\nis_safe_url('/', allowed_hosts=None)"),
    ("3.2", "template-ifequal", "from django.template import Template\nTemplate('{% ifequal 1 1 %}x{% endifequal %}')"),
    ("4.2", "timezone-utc", "from django.utils import timezone\ntimezone.utc"),
    ("4.2", "index-together", """
        from django.db import models
        class Shelf(models.Model):
            name = models.CharField(max_length=10)
            class Meta:
                app_label = 'auth'
                index_together = [('name',)]
    """),
    ("4.2", "length-is", "from django.template import Context, Template\nTemplate('{{ v|length_is:1 }}').render(Context({'v': [1]}))"),
    ("4.2", "get-storage-class", "from django.core.files.storage import get_storage_class\nget_storage_class()"),
    ("5.2", "checkconstraint-check", "from django.db.models import CheckConstraint, Q\nCheckConstraint(check=Q(a=1), name='c')"),
    ("5.2", "format-html-no-args", "from django.utils.html import format_html\nformat_html('<b>x</b>')"),
    ("6.1", "paginator-orphans", "from django.core.paginator import Paginator\nPaginator([1, 2, 3], per_page=2, orphans=2)"),
]


@pytest.mark.parametrize("feature, change_id, code", SNIPPETS, ids=[f"{f}-{c}" for f, c, _ in SNIPPETS])
def test_deprecated_api_warns_as_the_data_says(feature, change_id, code, data):
    change = data.change(change_id)
    assert change is not None and change.emits_warning
    out = _run(_venv(feature), code)
    assert out["error"] is None, out
    matching = [w for w in out["warnings"] if change.matches_message(w[1])]
    assert matching, (change.message_regex, out["warnings"])
    assert any(w[0] in change.warning_names() for w in matching), (change.warning_names(), matching)
    assert data.match_warning(matching[0][0], matching[0][1]).id == change_id


ERRORS = [
    ("4.2", "force-text", "from django.utils.encoding import force_text"),
    ("4.2", "conf-urls-url", "from django.conf.urls import url"),
    ("4.2", "is-ajax", "from django.test import RequestFactory\nRequestFactory().get('/').is_ajax()"),
    ("4.2", "signal-providing-args", "from django.dispatch import Signal\nSignal(providing_args=['a'])"),
    ("4.2", "template-ifequal", "from django.template import Template\nTemplate('{% ifequal 1 1 %}x{% endifequal %}')"),
    ("5.2", "timezone-utc", "from django.utils.timezone import utc"),
    ("5.2", "get-storage-class", "from django.core.files.storage import get_storage_class"),
    ("5.2", "length-is", "from django.template import Context, Template\nTemplate('{{ v|length_is:1 }}')"),
    ("5.2", "index-together", """
        from django.db import models
        class Shelf(models.Model):
            name = models.CharField(max_length=10)
            class Meta:
                app_label = 'auth'
                index_together = [('name',)]
    """),
    ("6.1", "checkconstraint-check", "from django.db.models import CheckConstraint, Q\nCheckConstraint(check=Q(a=1), name='c')"),
]


@pytest.mark.parametrize("feature, change_id, code", ERRORS, ids=[f"{f}-{c}" for f, c, _ in ERRORS])
def test_removed_api_error_matches_error_regex(feature, change_id, code, data):
    change = data.change(change_id)
    assert versions.feature_key(change.removed_in) <= versions.feature_key(feature)
    out = _run(_venv(feature), code)
    assert out["error"], out
    assert change.matches_error(out["error"]), (change.error_regex, out["error"])
    # and the release's backwards-incompatible list recognises it where it has a pattern for it
    hits = [i.id for r in data.between("3.2", feature) for i in r.incompatible if i.matches(out["error"])]
    if change_id in ("force-text", "conf-urls-url", "timezone-utc", "index-together", "length-is"):
        assert hits, out["error"]
