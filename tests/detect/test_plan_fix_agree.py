"""``plan`` and ``fix`` find the same lines on the same tree (one detector per change), and ``fix``
says what it leaves."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import release_data
from upgrader.cli import cli
from upgrader.planner import build_plan

DATA = release_data.load(use_refreshed=False)

TREE = {
    "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
    "proj/__init__.py": "",
    "proj/settings.py": """
        INSTALLED_APPS = ["shop"]
        DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
        USE_TZ = True
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.memcached.MemcachedCache"}}
    """,
    "shop/__init__.py": "",
    "shop/views.py": """
        from django.utils.encoding import force_text
        from django.utils.translation import ugettext as _
        from django.utils import datetime_safe
        from django.utils.baseconv import base62
        from django.utils import timezone

        def view(request):
            if request.is_ajax():
                return force_text(_("x"))
            return datetime_safe.date.today(), timezone.utc, base62.encode(1)
    """,
    "shop/legacy.py": """
        from django.utils.translation import ugettext
        ugettext = str
        label = ugettext("kept")
    """,
    "shop/i18n.py": """
        from django.utils.translation import ugettext as _

        def labels(rows):
            for _ in rows:
                pass
            return _("label")
    """,
    "shop/urls.py": """
        from django.conf.urls import url
        urlpatterns = [url(r"^$", None)]
    """,
    "shop/models.py": """
        from django.db import models
        from django.contrib.postgres.fields import CICharField

        class Item(models.Model):
            flag = models.NullBooleanField()
            name = CICharField(max_length=10)
    """,
    "shop/templates/shop/item.html": "{{ items|length_is:2 }}\n{% if items|length_is:3 %}x{% endif %}\n",
}


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    for rel, text in TREE.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"))
    return root


def fix_json(root: Path, *args: str) -> dict:
    old = os.getcwd()
    os.chdir(root)
    try:
        r = CliRunner().invoke(cli, ["fix", *args, "--format", "json", "--no-cache", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    data = json.loads(r.stdout)
    assert data["exit_code"] == r.exit_code
    return data


def test_plan_and_fix_find_the_same_lines(project):
    plan = build_plan(project, "3.2.25", "5.1", data=DATA)
    occ = {(rc.id, o.file, o.line, o.fixable_by) for s in plan.steps for rc in s.removed for o in rc.occurrences}
    by_hand = {(c, f, line) for c, f, line, fx in occ if fx is None}
    fixable = {(c, f, line) for c, f, line, fx in occ if fx}
    assert len(occ) >= 12
    ids = {c for c, *_ in occ}
    assert {"force-text", "ugettext", "is-ajax", "conf-urls-url", "timezone-utc", "nullbooleanfield", "datetime-safe",
            "baseconv", "memcachedcache", "cicharfield", "length-is"} <= ids

    data = fix_json(project, "--check", "--target", "5.1")
    left = {(x["change"], x["file"], x["line"]) for x in data["left"] if x["change"] in ids}
    # what plan calls by hand is exactly what fix leaves; what plan calls fixable, fix rewrites
    assert by_hand == left
    changed = {Path(f["path"]).as_posix().removeprefix("./") for f in data["files"] if f["changed"]}
    assert {f for _, f, _ in fixable} <= changed
    assert not fixable & left
    # the codemod's refusal is a by-hand use in both, with the codemod's reason
    assert ("ugettext", "shop/legacy.py", 1) in by_hand
    reason = next(x["reason"] for x in data["left"] if x["file"] == "shop/legacy.py" and x["line"] == 1)
    assert "translation_aliases" in reason and "assigned" in reason
    # `ugettext as _` with `_` bound again is fixable (the alias keeps the local name) and fixed
    assert ("ugettext", "shop/i18n.py", 1) in fixable and "shop/i18n.py" in changed
    # {{ x|length_is }} is refused by the codemod, {% if x|length_is %} rewritten
    assert ("length-is", "shop/templates/shop/item.html", 1) in by_hand
    assert ("length-is", "shop/templates/shop/item.html", 2) in fixable


def test_fix_lists_datetime_safe_and_is_iterable_by_hand_and_check_exits_1(project):
    (project / "shop" / "compat.py").write_text(
        "from django.utils import datetime_safe\nfrom django.utils.itercompat import is_iterable\n\n"
        "def f(x):\n    return is_iterable(*x) and datetime_safe.new_date(x)\n"  # neither has an exact rewrite
    )
    old = os.getcwd()
    os.chdir(project)
    try:
        r = CliRunner().invoke(cli, ["fix", "--check", "--target", "5.1", "shop/compat.py"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert r.exit_code == 1, r.output
    out = r.stdout.splitlines()
    # the datetime_safe codemod accepts the file but refuses new_date(): its reason is printed
    assert any(x.startswith("shop/compat.py:1: [datetime-safe] left by hand (datetime_safe: ")
               and x.endswith(": from django.utils import datetime_safe") for x in out)
    assert any(x.startswith("shop/compat.py:2: [is-iterable] left by hand (is_iterable: ")
               and x.endswith(": from django.utils.itercompat import is_iterable") for x in out)
    assert len(out) == 4  # the two imports and the two uses on line 5
    # the summary counts what it printed
    assert "would fix 0 of 1 files" in r.stderr and "4 uses left by hand" in r.stderr


def test_written_files_report_the_lines_as_they_now_are(project):
    data = fix_json(project, "--target", "5.1")
    views = (project / "shop" / "views.py").read_text().splitlines()
    for x in data["left"]:
        if x["file"] == "shop/views.py":
            assert views[x["line"] - 1].strip() == x["text"]
    assert data["exit_code"] == 1  # files were written
    again = fix_json(project, "--check", "--target", "5.1")
    assert again["changed"] == 0 and again["exit_code"] == 1 and again["left"]
