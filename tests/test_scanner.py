"""``upgrader.scanner.scan``: the shared detectors (codemods.detect) over a project's files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import release_data
from upgrader import scanner

DATA = release_data.load(use_refreshed=False)


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


def scan_ids(root: Path, *ids: str):
    return scanner.scan(root, [DATA.change(i) for i in ids])


def where(result, cid):
    return [(o.file, o.line) for o in result.get(cid, [])]


def test_imports_aliases_and_attribute_chains(tmp_path):
    write(tmp_path, "app/models.py", """
        from django.utils.translation import ugettext_lazy as _, gettext
        from django.utils import timezone
        import django.utils.encoding
        from django.utils import encoding as enc

        LABEL = _("x")
        A = timezone.utc
        B = django.utils.encoding.force_text("a")
        C = enc.smart_text("b")
        D = timezone.now()
    """)
    r = scan_ids(tmp_path, "ugettext-lazy", "timezone-utc", "force-text", "smart-text", "ugettext")
    assert where(r, "ugettext-lazy") == [("app/models.py", 1), ("app/models.py", 6)]
    assert where(r, "timezone-utc") == [("app/models.py", 7)]
    assert where(r, "force-text") == [("app/models.py", 8)]
    assert where(r, "smart-text") == [("app/models.py", 9)]
    assert "ugettext" not in r  # gettext is not ugettext, and ugettext_lazy is a different name
    assert r["timezone-utc"][0].text == "A = timezone.utc"


def test_prefilter_is_not_the_verdict(tmp_path):
    # The trigger text appears, but not as the removed API: no occurrence.
    write(tmp_path, "app/views.py", """
        # we used to call force_text here
        def url(x):
            return "timezone.utc is gone"
        url("ugettext")
        utc = 1
    """)
    r = scan_ids(tmp_path, "force-text", "conf-urls-url", "timezone-utc", "ugettext")
    assert dict(r) == {}


def test_conf_urls_url_and_is_ajax_and_keyword(tmp_path):
    write(tmp_path, "shop/urls.py", """
        from django.conf.urls import include, url
        from django.urls import path
        urlpatterns = [url(r"^$", include("x")), path("a", include("y"))]
    """)
    write(tmp_path, "shop/views.py", """
        def v(request):
            if request.is_ajax():
                return 1
            is_ajax = False
    """)
    write(tmp_path, "shop/models.py", """
        from django.db import models
        class M(models.Model):
            class Meta:
                constraints = [
                    models.CheckConstraint(
                        check=models.Q(a__gt=0), name="pos"),
                    models.CheckConstraint(condition=models.Q(a__gt=0), name="pos2"),
                ]
                index_together = [["a", "b"]]
            index_together = "not in Meta"
    """)
    r = scan_ids(tmp_path, "conf-urls-url", "is-ajax", "checkconstraint-check", "index-together")
    assert where(r, "conf-urls-url") == [("shop/urls.py", 1), ("shop/urls.py", 3)]
    assert where(r, "is-ajax") == [("shop/views.py", 2)]
    assert where(r, "checkconstraint-check") == [("shop/models.py", 6)]
    assert where(r, "index-together") == [("shop/models.py", 9)]


def test_settings_and_missing_setting(tmp_path):
    write(tmp_path, "proj/settings.py", """
        INSTALLED_APPS = ["shop"]
        USE_L10N = True
        DEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"
        STATICFILES_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        PASSWORD_RESET_TIMEOUT_DAYS = 2
        EMAIL_HOST = "smtp.example.com"
        EMAIL_PORT = 25
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.memcached.MemcachedCache"}}
    """)
    write(tmp_path, "shop/tests.py", """
        from django.conf import settings
        from django.test import override_settings
        @override_settings(USE_L10N=False)
        def test():
            return settings.PASSWORD_RESET_TIMEOUT_DAYS
    """)
    write(tmp_path, "shop/other.py", "USE_L10N = 'a module-level name outside settings is not a setting'\n")
    r = scan_ids(
        tmp_path, "use-l10n", "default-file-storage", "staticfiles-storage", "password-reset-timeout-days",
        "email-settings-mailers", "memcachedcache", "default-auto-field-default",
    )
    assert where(r, "use-l10n") == [("proj/settings.py", 2), ("shop/tests.py", 3)]
    assert where(r, "default-file-storage") == [("proj/settings.py", 3)]
    assert where(r, "staticfiles-storage") == [("proj/settings.py", 4)]
    assert where(r, "password-reset-timeout-days") == [("proj/settings.py", 5), ("shop/tests.py", 5)]
    assert where(r, "email-settings-mailers") == [("proj/settings.py", 6), ("proj/settings.py", 7)]
    assert where(r, "memcachedcache") == [("proj/settings.py", 8)]
    assert where(r, "default-auto-field-default") == [("proj/settings.py", 1)]
    assert "DEFAULT_AUTO_FIELD" in r["default-auto-field-default"][0].text

    write(tmp_path, "proj/settings.py", 'INSTALLED_APPS = []\nDEFAULT_AUTO_FIELD = "django.db.models.AutoField"\n')
    assert "default-auto-field-default" not in scan_ids(tmp_path, "default-auto-field-default")


def test_default_app_config_only_in_init(tmp_path):
    write(tmp_path, "shop/__init__.py", 'default_app_config = "shop.apps.ShopConfig"\n')
    write(tmp_path, "shop/apps.py", 'default_app_config = "not an app package"\n')
    r = scan_ids(tmp_path, "default-app-config")
    assert where(r, "default-app-config") == [("shop/__init__.py", 1)]


def test_nullbooleanfield_skips_historical_migrations(tmp_path):
    write(tmp_path, "shop/models.py", "from django.db import models\nflag = models.NullBooleanField()\n")
    write(tmp_path, "shop/migrations/0001_initial.py", "from django.db import models\nf = models.NullBooleanField()\n")
    r = scan_ids(tmp_path, "nullbooleanfield")
    assert where(r, "nullbooleanfield") == [("shop/models.py", 2)]


def test_templates(tmp_path):
    write(tmp_path, "shop/templates/shop/list.html", """
        {% load i18n staticfiles %}
        {% load static from staticfiles %}
        {% ifequal a b %}same{% endifequal %}
        {% ifnotequal a b %}other{% endifnotequal %}
        {% if items|length_is:"3" %}three{% endif %}
        {{ items|length_is:2 }}
        <p>length_is and ifequal in prose do not count</p>
        {% load static %}
    """)
    write(tmp_path, "shop/templates/shop/mail.txt", "{% load admin_static %}\n")
    r = scan_ids(tmp_path, "load-staticfiles", "template-ifequal", "template-ifnotequal", "length-is", "load-admin-static")
    assert where(r, "load-staticfiles") == [("shop/templates/shop/list.html", 1), ("shop/templates/shop/list.html", 2)]
    assert where(r, "template-ifequal") == [("shop/templates/shop/list.html", 3)]
    assert where(r, "template-ifnotequal") == [("shop/templates/shop/list.html", 4)]
    assert where(r, "length-is") == [("shop/templates/shop/list.html", 5), ("shop/templates/shop/list.html", 6)]
    assert where(r, "load-admin-static") == [("shop/templates/shop/mail.txt", 1)]


def test_skips_environments_and_build_dirs(tmp_path):
    bad = "from django.utils.encoding import force_text\n"
    write(tmp_path, "app/real.py", bad)
    for rel in (".venv/lib/x.py", "venv/lib/x.py", "node_modules/pkg/x.py", "build/lib/x.py", ".git/x.py",
                "lib/python3.11/site-packages/django/x.py", "dist/x.py", "proj.egg-info/x.py"):
        write(tmp_path, rel, bad)
    # a virtualenv with an unusual name is recognised by its pyvenv.cfg
    write(tmp_path, "myenv/pyvenv.cfg", "home = /usr\n")
    write(tmp_path, "myenv/lib/x.py", bad)
    r = scan_ids(tmp_path, "force-text")
    assert where(r, "force-text") == [("app/real.py", 1)]


def test_unparseable_file_is_reported_not_fatal(tmp_path):
    write(tmp_path, "app/py2.py", "from django.utils.encoding import force_text\nprint 'force_text'\n")  # may hold a finding: parsed
    write(tmp_path, "app/ok.py", "from django.utils.encoding import force_text\n")
    r = scan_ids(tmp_path, "force-text")
    assert where(r, "force-text") == [("app/ok.py", 1)]
    assert r.errors and r.errors[0][0] == "app/py2.py"


def test_listed_changes_have_a_detector():
    from codemods.detect import detector_for

    covered = [c.id for c in DATA.changes if detector_for(c).exists]
    for cid in ("ugettext", "ugettext-lazy", "force-text", "smart-text", "urlquote", "urlquote-plus", "is-safe-url",
                "unescape-entities", "conf-urls-url", "nullbooleanfield", "postgres-jsonfield", "default-app-config",
                "is-ajax", "timezone-utc", "index-together", "use-l10n", "password-reset-timeout-days",
                "default-file-storage", "staticfiles-storage", "get-storage-class", "load-staticfiles",
                "template-ifequal", "length-is", "checkconstraint-check", "email-settings-mailers",
                "default-auto-field-default", "datetime-safe", "is-iterable", "utils-six", "render-to-response"):
        assert cid in covered, cid


def test_dotted_path_string_in_settings_and_postgres_jsonfield(tmp_path):
    write(tmp_path, "proj/settings.py", """
        INSTALLED_APPS = []
        DEFAULT_AUTO_FIELD = "x"
        DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql_psycopg2"}}
    """)
    write(tmp_path, "app/models.py", """
        from django.contrib.postgres.fields import JSONField, ArrayField
        data = JSONField(default=dict)
        tags = ArrayField(None)
    """)
    r = scan_ids(tmp_path, "postgresql-psycopg2", "postgres-jsonfield")
    assert where(r, "postgresql-psycopg2") == [("proj/settings.py", 3)]
    assert where(r, "postgres-jsonfield") == [("app/models.py", 1), ("app/models.py", 2)]
