"""Each form of a detect item: where it finds a use (positive) and where it must not (no-op): aliases,
shadowed names, text in comments and strings, migrations-only and settings-only items."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from codemods.detect import find_in_files
from codemods.detect.spec import SpecError, parse_item


def lines(tmp_path: Path, detect: list, files: dict[str, str], **kw) -> list[tuple[str, int]]:
    paths = []
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"))
        paths.append(p)
    found = find_in_files(paths, [{"id": "t-change", "detect": detect}], tmp_path, **kw)
    return [(f.path, f.line) for f in found]


def one(tmp_path, detect, text, name="app/mod.py", **kw):
    return [line for _, line in lines(tmp_path, detect, {name: text}, **kw)]


# -- import / module / attribute ----------------------------------------------------------------------
def test_import_through_aliases_and_attribute_chains(tmp_path):
    text = """
        from django.utils.encoding import force_text as ft
        import django.utils.encoding as enc
        import django.utils.encoding
        a = ft(1)
        b = enc.force_text(2)
        c = django.utils.encoding.force_text(3)
        d = enc.force_str(4)
    """
    assert one(tmp_path, [{"import": "django.utils.encoding.force_text"}], text) == [1, 4, 5, 6]


def test_import_noop_comments_strings_own_definitions_and_shadowing(tmp_path):
    text = '''
        # from django.utils.encoding import force_text
        """force_text is gone"""
        def force_text(x):
            return "django.utils.encoding.force_text"
        force_text(1)
        from django.utils.encoding import force_str
        def f(force_str):
            return force_str(2)
    '''
    assert one(tmp_path, [{"import": "django.utils.encoding.force_text"}], text) == []


def test_shadowed_parameter_hides_the_import_only_inside_the_function(tmp_path):
    text = """
        from django.shortcuts import render_to_response
        def view(request, render_to_response=None):
            return render_to_response("x.html")
        def other(request):
            return render_to_response("y.html")
    """
    assert one(tmp_path, [{"call": "django.shortcuts.render_to_response"}], text) == [5]


def test_module_item_covers_the_module_and_below(tmp_path):
    text = """
        from django.utils import six
        from django.utils.six.moves import range
        import django.utils.sixth
        x = six.text_type
    """
    assert one(tmp_path, [{"module": "django.utils.six"}], text) == [1, 2, 4]


def test_attribute_item(tmp_path):
    text = """
        from django.utils import timezone
        import datetime
        a = timezone.utc
        b = datetime.timezone.utc
        c = timezone.now()
    """
    assert one(tmp_path, [{"attribute": "django.utils.timezone.utc"}], text) == [3]


# -- calls ----------------------------------------------------------------------------------------------
def test_call_missing_keyword_and_positional(tmp_path):
    text = """
        from django.db import models
        a = models.ForeignKey("x")
        b = models.ForeignKey("x", models.CASCADE)
        c = models.ForeignKey("x", on_delete=models.CASCADE)
        d = models.ForeignKey(**kw)
    """
    item = {"call": "django.db.models.ForeignKey", "missing_keyword": "on_delete", "min_positional": 2}
    assert one(tmp_path, [item], text) == [2]


def test_call_keyword_reports_the_keywords_line(tmp_path):
    text = """
        from django.contrib.postgres.aggregates import StringAgg as SA
        a = SA(
            "name",
            delimiter=",",
        )
        b = SA("name", ",")
        c = StringAgg("name", delimiter=",")
    """
    assert one(tmp_path, [{"call": "django.contrib.postgres.aggregates.StringAgg", "keyword": "delimiter"}], text) == [4]


def test_method_call_any_receiver_and_receiver_chain(tmp_path):
    text = """
        if request.is_ajax():
            pass
        is_ajax = 1
        qs.prefetch_related("a").iterator()
        qs.iterator()
        qs.prefetch_related("a").iterator(chunk_size=10)
    """
    assert one(tmp_path, [{"method_call": "is_ajax"}], text) == [1]
    item = {"method_call": "iterator", "missing_keyword": "chunk_size", "min_positional": 1,
            "receiver_calls": "prefetch_related"}
    assert one(tmp_path, [item], text) == [4]


def test_positional_options(tmp_path):
    text = """
        from django.contrib.auth import login
        login(request, None)
        login(request, user)
        qs.values_list(flat=True)
        qs.values_list("id", flat=True)
        qs.select_related()
        qs.select_related("a")
    """
    assert one(tmp_path, [{"call": "django.contrib.auth.login", "positional_none": 1}], text) == [2]
    assert one(tmp_path, [{"method_call": "values_list", "keyword": "flat", "positional_at_most": 0}], text) == [4]
    assert one(tmp_path, [{"method_call": "select_related", "positional_at_most": 0, "no_keywords": True}], text) == [6]


# -- classes --------------------------------------------------------------------------------------------
def test_class_base_method_with_and_without_parameter(tmp_path):
    text = """
        from django.contrib import admin
        class A(admin.TabularInline):
            def has_add_permission(self, request):
                return False
        class B(admin.TabularInline):
            def has_add_permission(self, request, obj=None):
                return False
        class C:
            def has_add_permission(self, request):
                return False
    """
    item = {"class_base": "django.contrib.admin.TabularInline", "method": "has_add_permission", "missing_param": "obj"}
    assert one(tmp_path, [item], text) == [3]
    assert one(tmp_path, [{"method": "has_add_permission", "missing_param": "obj"}], text) == [3, 9]


def test_meta_option_and_migration_items_only_in_migrations(tmp_path):
    models = """
        from django.db import models
        class M(models.Model):
            index_together = "not in Meta"
            class Meta:
                index_together = [["a", "b"]]
        options = {"index_together": {("a", "b")}}
        migrations.AlterIndexTogether(name="m", index_together=set())
    """
    migration = """
        from django.db import migrations
        class Migration(migrations.Migration):
            operations = [
                migrations.CreateModel(name="M", fields=[], options={"index_together": {("a", "b")}}),
                migrations.AlterIndexTogether(name="m", index_together=set()),
            ]
    """
    detect = [{"class_base": "django.db.models.Model", "meta_option": "index_together"},
              {"migration_option": "index_together"}, {"migration_operation": "AlterIndexTogether"}]
    found = lines(tmp_path, detect, {"shop/models.py": models, "shop/migrations/0001_initial.py": migration})
    assert found == [("shop/migrations/0001_initial.py", 4), ("shop/migrations/0001_initial.py", 5), ("shop/models.py", 5)]


def test_class_attribute_values_and_module_variable_filename(tmp_path):
    text = """
        class C(BaseCommand):
            requires_system_checks = False
        class D(BaseCommand):
            requires_system_checks = []
        default_app_config = "x"
    """
    assert one(tmp_path, [{"class_attribute": "requires_system_checks", "values": [True, False]}], text) == [2]
    assert one(tmp_path, [{"module_variable": "default_app_config", "filename": "__init__.py"}], text) == []
    assert one(tmp_path, [{"module_variable": "default_app_config", "filename": "__init__.py"}], text,
               name="app/__init__.py") == [5]


# -- settings ---------------------------------------------------------------------------------------------
def test_setting_only_assigned_in_settings_modules(tmp_path):
    files = {
        "proj/settings.py": 'INSTALLED_APPS = []\nUSE_L10N = True\nPASSWORD_HASHERS = ["x.SHA1PasswordHasher"]\n',
        "app/tests.py": ("from django.conf import settings\nfrom django.test import override_settings\n"
                         "USE_L10N = 'a module-level name that is no setting'\n"
                         "@override_settings(USE_L10N=False)\ndef t():\n    return settings.USE_L10N\n"),
    }
    assert lines(tmp_path, [{"setting": "USE_L10N"}], files) == [("app/tests.py", 4), ("app/tests.py", 6), ("proj/settings.py", 2)]
    # the project model names its settings modules: a settings.py it does not use is no settings module
    assert lines(tmp_path, [{"setting": "USE_L10N"}], files, settings_files={"app/tests.py"}) == [
        ("app/tests.py", 3), ("app/tests.py", 4), ("app/tests.py", 6)]
    value = {"setting": "PASSWORD_HASHERS", "value_contains": "SHA1PasswordHasher"}
    assert lines(tmp_path, [value], files) == [("proj/settings.py", 3)]
    assert lines(tmp_path, [{"setting": "PASSWORD_HASHERS", "value_contains": "MD5"}], files) == []


def test_setting_missing(tmp_path):
    files = {"proj/settings.py": "INSTALLED_APPS = []\n"}
    assert lines(tmp_path, [{"setting_missing": "USE_TZ"}], files) == [("proj/settings.py", 1)]
    files = {"proj/settings.py": "INSTALLED_APPS = []\nUSE_TZ = False\n"}
    assert lines(tmp_path, [{"setting_missing": "USE_TZ"}], files) == []


def test_string_not_in_docstrings_nor_comments(tmp_path):
    text = '''
        """Uses django.core.cache.backends.memcached.MemcachedCache no more."""
        # "django.core.cache.backends.memcached.MemcachedCache"
        CACHES = {"default": {"BACKEND": "django.core.cache.backends.memcached.MemcachedCache"}}
    '''
    assert one(tmp_path, [{"string": "django.core.cache.backends.memcached.MemcachedCache"}], text) == [3]


def test_where_and_file_imports(tmp_path):
    text = "from django.db import models\nx = models.NullBooleanField()\n"
    item = {"import": "django.db.models.NullBooleanField", "where": "not_migrations"}
    assert one(tmp_path, [item], text, name="shop/migrations/0002_x.py") == []
    assert one(tmp_path, [item], text, name="shop/models.py") == [2]
    geo = {"method_call": "coords", "file_imports": "django.contrib.gis.geoip2"}
    assert one(tmp_path, [geo], "g.coords('x')\n") == []
    assert one(tmp_path, [geo], "from django.contrib.gis.geoip2 import GeoIP2\ng.coords('x')\n") == [2]


# -- templates --------------------------------------------------------------------------------------------
def test_template_items_and_comments(tmp_path):
    text = """
        {% load staticfiles i18n %}
        {# {% ifequal a b %} #}
        {% ifequal a b %}x{% endifequal %}
        {{ v|length_is:2 }}
        {% comment %}{{ v|length_is:3 }}{% endcomment %}
        {{ book..title }}
    """
    t = "app/templates/p.html"
    assert one(tmp_path, [{"template_load": "staticfiles"}], text, name=t) == [1]
    assert one(tmp_path, [{"template_tag": "ifequal"}], text, name=t) == [3]
    assert one(tmp_path, [{"template_filter": "length_is"}], text, name=t) == [4]
    assert one(tmp_path, [{"template_regex": r"\{\{[^}]*?\w\.\.\w"}], text, name=t) == [6]


def test_a_large_template_with_many_matches_is_read_once_per_item(tmp_path, monkeypatch):
    """Each match's line was counted from the start of the template: 40,000 ``{% ifequal %}`` in a
    4 MB template took a minute of ``plan``. Now every newline is counted once per item (the
    characters the line counting goes over are counted here), with the same lines as before."""
    import codemods.detect.match as match
    from codemods.detect.spec import parse_item

    class Counted(str):
        scanned = 0

        def count(self, sub, start=0, end=None):
            end = len(self) if end is None else end
            Counted.scanned += end - start
            return str.count(self, sub, start, end)

    rows = [f"<p>{{% ifequal a{i} b %}}{i}{{% endifequal %}} {{{{ v|length_is:{i} }}}}</p>" for i in range(3000)]
    text = "{# {% ifequal x y %} #}\n" + "\n".join(f"{r}{r}" if i % 3 == 0 else r for i, r in enumerate(rows)) + "\n"
    expected_tag = [1 + i + 1 for i in range(3000) for _ in range(2 if i % 3 == 0 else 1)]
    blank = match._blank_comments
    monkeypatch.setattr(match, "_blank_comments", lambda t: Counted(blank(t)))  # (what template_lines scans)
    for raw, expected in (({"template_tag": "ifequal"}, expected_tag), ({"template_filter": "length_is"}, expected_tag),
                          ({"template_regex": r"ifequal a\d*0 "}, [n for n in expected_tag if (n - 2) % 10 == 0])):
        Counted.scanned = 0
        assert match.template_lines(text, parse_item(raw, "t")) == expected
        assert Counted.scanned <= len(text)  # (was about len(text) x matches / 2)
    monkeypatch.undo()
    t = "app/templates/big.html"
    assert one(tmp_path, [{"template_tag": "ifequal"}], text, name=t) == list(range(2, 3002))  # (a finding per line)


def test_bad_items_are_rejected():
    for raw in ({"import": ""}, {"bogus": "x"}, {"import": "a", "call": "b"}, {"class_base": "x.Y"},
                {"setting": "X", "where": "nowhere"}):
        with pytest.raises(SpecError):
            parse_item(raw, "t")


def test_receiver_inside_class_base_and_flag_options(tmp_path):
    text = """
        from django.db import models
        class Order(models.Model):
            def touch(self):
                self.save(False, False, None, ["updated"])
                super().save(False)
                self.file.save("name", content)
        def elsewhere(obj, storage, form):
            obj.save(True, False)
            storage.save("name", content)
            form.save(False)
    """
    detect = [{"method_call": "save", "positional_over": 0, "inside_class_base": "django.db.models.Model",
               "receiver": ["self", "super"]},
              {"method_call": "save", "positional_over": 1, "first_positional_bool": True}]
    assert one(tmp_path, detect, text) == [4, 5, 8]


def test_meta_option_in_models_with_project_bases(tmp_path):
    text = """
        from shop.base import TimeStamped
        class Order(TimeStamped):
            class Meta(TimeStamped.Meta):
                index_together = [["a", "b"]]
    """
    assert one(tmp_path, [{"class_base": "django.db.models.Model", "meta_option": "index_together"}], text) == [4]


def test_attribute_name(tmp_path):
    text = """
        from django.db import models
        a = field.rel
        b = field.remote_field.to
        c = field.to
        field.rel = None
    """
    assert one(tmp_path, [{"attribute_name": "rel", "file_imports": "django"}], text) == [2]
    assert one(tmp_path, [{"attribute_name": "to", "after": "remote_field"}], text) == [3]


# -- the text prefilter: words every matching file holds ------------------------------------------------
def test_required_words_of_each_form():
    assert parse_item({"import": "django.utils.datetime_safe.date"}).required() == ("django", "utils", "datetime_safe")
    assert parse_item({"call": "django.urls.include", "keyword": "namespace"}).required() == ("django", "urls", "namespace")
    assert parse_item({"class_base": "django.utils.deprecation.MiddlewareMixin", "method": "__init__"}).required() \
        == ("MiddlewareMixin",)
    assert parse_item({"attribute_name": "to", "after": "remote_field"}).required() == ("remote_field",)
    assert parse_item({"module": "pytz"}).required() == ()


@pytest.mark.parametrize("text", [
    "from django.utils import datetime_safe as ds\nx = ds.date(1, 2, 3)\n",
    "import django.utils.datetime_safe\nx = django.utils.datetime_safe.date(1, 2, 3)\n",
    "from django.utils.datetime_safe import date as d\nx = d(1, 2, 3)\n",
    "import django.utils as u\nx = u.datetime_safe.date(1, 2, 3)\n",
    "from django import utils\nx = utils.datetime_safe.date(1, 2, 3)\n",
    "def f():\n    from django.utils import (  # c\n        datetime_safe)\n    return datetime_safe.date(1, 2, 3)\n",
])
def test_required_words_keep_every_aliased_use(tmp_path, text):
    assert one(tmp_path, [{"attribute": "django.utils.datetime_safe.date"}], text) != []


def test_a_file_without_the_required_words_is_not_parsed(tmp_path):
    # ``to`` is in almost every file; without ``remote_field`` the item cannot match, and the file
    # (which would not even parse) is never read into an ast
    errors = []
    lines(tmp_path, [{"attribute_name": "to", "after": "remote_field"}], {"app/a.py": "print 'to'\n"}, errors=errors)
    assert errors == []
    errors = []
    lines(tmp_path, [{"attribute_name": "to", "after": "remote_field"}],
          {"app/a.py": "print 'to'\nx.remote_field.to\n"}, errors=errors)
    assert errors == [("app/a.py", "cannot parse")]
