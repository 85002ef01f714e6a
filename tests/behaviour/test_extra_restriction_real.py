"""Django 4.0 stopped passing ``where_class`` to ``get_extra_restriction()``: django-taggit 1.5, stepped
from 3.2 to 4.0 by ``benchmarks/real_projects.py``, failed 21 tests with "TypeError:
TaggableManager.get_extra_restriction() missing 1 required positional argument: 'related_alias'" that
the tool could not explain. A project with a custom GenericRelation of the same shape: ``plan`` names
the method before the step, and on a real Django 4.0 the failing test is explained by the change, at
the project's line."""

from __future__ import annotations

import io
import textwrap

import pytest

import release_data
from tests.behaviour.djproject import MANAGE, line_of
from tests.venvs import make_venv, python_for
from upgrader import explain
from upgrader.project import Project
from upgrader.testrun import run_with_harvester

pytestmark = pytest.mark.integration

CHANGE = "4.0-get-extra-restriction-where-class"

SETTINGS = """\
SECRET_KEY = "test-not-secret"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "blog"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
"""

MODELS = """\
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models


class TaggedItem(models.Model):
    name = models.CharField(max_length=20)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    content_object = GenericForeignKey()


class TagRelation(GenericRelation):
    def get_extra_restriction(self, where_class, alias, remote_alias):  # expect:override
        return super().get_extra_restriction(where_class, alias, remote_alias)


class Post(models.Model):
    title = models.CharField(max_length=20)
    tags = TagRelation(TaggedItem)
"""

TESTS = """\
from django.test import TestCase

from blog.models import Post, TaggedItem


class PostTests(TestCase):
    def test_filter_through_the_relation(self):
        post = Post.objects.create(title="a")
        TaggedItem.objects.create(name="x", content_object=post)
        self.assertEqual(Post.objects.filter(tags__name="x").count(), 1)
"""


def _project(root):
    for rel, text in {"manage.py": MANAGE, "proj/__init__.py": "", "proj/settings.py": SETTINGS,
                      "blog/__init__.py": "", "blog/models.py": MODELS, "blog/tests.py": TESTS}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def test_the_change_is_in_release_data_and_found_before_the_step(tmp_path):
    from codemods.detect import find_in_files

    root = _project(tmp_path / "p")
    data = release_data.load(use_refreshed=False)
    [item] = [i for i in data.incompatible("4.0") if i.id == CHANGE]
    found = find_in_files([root / "blog" / "models.py"], [{"id": CHANGE, "detect": list(item.detect)}], root)
    assert [(f.path, f.line) for f in found] == [("blog/models.py", line_of(root, "blog/models.py", "expect:override"))]


def test_the_failure_on_4_0_is_explained_at_the_projects_line(tmp_path):
    root = _project(tmp_path / "p")
    data = release_data.load(use_refreshed=False)
    py3 = str(make_venv(python_for(python="3.10"), ["django==3.2.25"]))
    before = run_with_harvester(Project(root, py3), [py3, "-Wa", "manage.py", "test"], out=io.StringIO())
    assert before.returncode == 0, "green on 3.2"
    py4 = str(make_venv(python_for(python="3.10"), ["django==4.0.10"]))
    result = run_with_harvester(Project(root, py4), [py4, "-Wa", "manage.py", "test"], out=io.StringIO())
    assert result.returncode != 0 and result.structured
    [e] = explain.explain_run(result, root, data, "3.2", "4.0")
    assert e.exc_type == "TypeError" and "get_extra_restriction()" in e.message
    assert (e.change_id, e.location) == (CHANGE, f"blog/models.py:{line_of(root, 'blog/models.py', 'expect:override')}")
