"""Changes of category ``manual`` say why in release data (``manual_because``) and ``plan`` shows it."""

from __future__ import annotations

import json

from click.testing import CliRunner

import release_data
from upgrader.cli import cli

# Reviewed against Django's sources: each needs a decision of the team (see the sentences).
DECIDED = {
    "logout-via-get", "sitemapindexitem-str", "pickleserializer", "iterator-prefetch-chunk-size",
    "cryptpasswordhasher", "sha1passwordhasher", "parse-header", "os-open-flags",
    "adminemailhandler-email-backend", "queryset-values-list", "urlize-default-https", "template-double-dot-lookup",
}


def test_manual_because_only_on_manual_changes_and_one_sentence():
    data = release_data.load(use_refreshed=False)
    with_reason = {c.id: c for c in data.changes if c.manual_because}
    assert DECIDED <= set(with_reason), DECIDED - set(with_reason)
    for cid, c in with_reason.items():
        assert c.category == "manual", cid
        assert c.manual_because.endswith(".") and c.manual_because.count(". ") == 0, cid


def test_plan_prints_why_a_found_manual_change_is_by_hand(tmp_path):
    root = tmp_path / "proj"
    root.mkdir()
    (root / "settings.py").write_text(
        "INSTALLED_APPS = []\n"
        "SESSION_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'\n"
    )
    r = CliRunner().invoke(cli, ["plan", str(root), "--from", "4.2", "--to", "5.0", "--python-version", "3.11"])
    assert r.exit_code in (0, 1), r.output
    why = release_data.load(use_refreshed=False).change("pickleserializer").manual_because
    lines = r.output.splitlines()
    head = next(i for i, line in enumerate(lines) if line.strip().startswith("- pickleserializer ("))
    assert "fix by hand" in lines[head]
    assert lines[head + 1].strip() == f"by hand, a decision: {why}"
    assert "settings.py:2:" in lines[head + 2]
    doc = json.loads(CliRunner().invoke(
        cli, ["plan", str(root), "--from", "4.2", "--to", "5.0", "--python-version", "3.11", "--format", "json"]).output)
    removed = {x["id"]: x for s in doc["steps"] for x in s["removed"]}
    assert removed["pickleserializer"]["category"] == "manual"
    assert removed["pickleserializer"]["manual_because"] == why
    assert removed["pickleserializer"]["occurrences"]


def test_markdown_and_html_plans_say_why_too(tmp_path):
    """Every plan format shows the sentence, not only text and JSON."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / "settings.py").write_text("SESSION_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'\n")
    why = release_data.load(use_refreshed=False).change("pickleserializer").manual_because
    args = ["plan", str(root), "--from", "4.2", "--to", "5.0", "--python-version", "3.11", "--format"]
    md = CliRunner().invoke(cli, args + ["markdown"]).output.splitlines()
    head = next(i for i, line in enumerate(md) if line.startswith("- [ ] `pickleserializer`"))
    assert md[head + 1].startswith("  - by hand, a decision: ")
    assert md[head + 1].replace("\\", "") == f"  - by hand, a decision: {why}".replace("\\", "")
    html = CliRunner().invoke(cli, args + ["html"]).output
    from html import escape

    assert f'<div class="muted">a decision: {escape(why)}</div>' in html


def test_double_dot_lookup_renders_nothing_on_real_django():
    """Why template-double-dot-lookup is manual: on Django 6.1 ``{{ book..title }}`` renders empty (a
    lookup of the empty string), so rewriting it to ``{{ book.title }}`` would change the page."""
    import subprocess

    from tests.venvs import make_venv, python_for

    py = make_venv(python_for(django="6.1"), ["django==6.1.3"])
    script = (
        "import django, warnings\n"
        "from django.conf import settings\n"
        "settings.configure(TEMPLATES=[{'BACKEND': 'django.template.backends.django.DjangoTemplates'}])\n"
        "django.setup()\n"
        "from django.template import Context, Template\n"
        "warnings.simplefilter('ignore')\n"
        "class Book:\n    title = 'T'\n"
        "c = Context({'book': Book()})\n"
        "print(repr(Template('[{{ book..title }}]').render(c)), repr(Template('[{{ book.title }}]').render(c)))\n"
    )
    out = subprocess.run([str(py), "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["'[]'", "'[T]'"]
