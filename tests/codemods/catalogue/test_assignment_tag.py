import pytest

from codemods.catalogue.assignment_tag import AssignmentTag
from tests.codemods.helpers import check_noop, check_transformed


@pytest.mark.parametrize("before, after", [
    ('from django import template\nregister = template.Library()\n\n\n@register.assignment_tag\ndef latest(count=5):\n    return []\n',
     'from django import template\nregister = template.Library()\n\n\n@register.simple_tag\ndef latest(count=5):\n    return []\n'),
    ('@register.assignment_tag(takes_context=True)\ndef user_things(context):\n    return context["user"]\n',
     '@register.simple_tag(takes_context=True)\ndef user_things(context):\n    return context["user"]\n'),
    ('register.assignment_tag(latest, name="latest_posts")\n',
     'register.simple_tag(latest, name="latest_posts")\n'),
])
def test_transformed(before, after):
    check_transformed(AssignmentTag, before, after, filename="blog/templatetags/blog_tags.py")


@pytest.mark.parametrize("source", [
    '@register.simple_tag\ndef latest(count=5):\n    return []\n',
    "doc = 'assignment_tag is gone'\n",
])
def test_noop(source):
    check_noop(AssignmentTag, source)


def test_noop_own_definition_reported():
    check_noop(AssignmentTag, 'class Library:\n    def assignment_tag(self, f):\n        return f\n\n\n'
                              'lib = Library()\nlib.assignment_tag(len)\n', reported=True)


def test_not_in_migrations():
    check_noop(AssignmentTag, 'X = register.assignment_tag\n', filename="blog/migrations/0001_initial.py")


@pytest.mark.parametrize("before, after", [
    ('from django.template import Library\nlib = Library()\nlib.assignment_tag(func=helper)\n',
     'from django.template import Library\nlib = Library()\nlib.simple_tag(func=helper)\n'),
    ('tag = register.assignment_tag\n', 'tag = register.simple_tag\n'),
])
def test_more_transformed(before, after):
    check_transformed(AssignmentTag, before, after, filename="blog/templatetags/more_tags.py")


def test_noop_simple_tag_as_var():
    check_noop(AssignmentTag, '@register.simple_tag(takes_context=True)\ndef f(context):\n    return 1\n')
