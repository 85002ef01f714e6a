from codemods.catalogue.queryset_equal_transform import QuerysetEqualTransform as C
from tests.codemods.helpers import check_noop, check_transformed

F = "shop/tests.py"


def test_strings():
    check_transformed(
        C, "self.assertQuerysetEqual(qs, ['<Book: A>'])\n", "self.assertQuerysetEqual(qs, ['<Book: A>'], transform=repr)\n", filename=F
    )


def test_tuple_of_strings():
    check_transformed(
        C, "self.assertQuerysetEqual(qs, ('<A>', '<B>'))\n", "self.assertQuerysetEqual(qs, ('<A>', '<B>'), transform=repr)\n", filename=F
    )


def test_ordered_keyword_kept():
    check_transformed(
        C, "self.assertQuerysetEqual(qs, ['<A>'], ordered=False)\n",
        "self.assertQuerysetEqual(qs, ['<A>'], ordered=False, transform=repr)\n", filename=F,
    )


def test_new_name():
    check_transformed(
        C, "self.assertQuerySetEqual(qs, ['<A>'])\n", "self.assertQuerySetEqual(qs, ['<A>'], transform=repr)\n", filename=F
    )


def test_multiline_trailing_comma():
    check_transformed(
        C, "self.assertQuerysetEqual(\n    qs,\n    ['<A>'],\n)\n",
        "self.assertQuerysetEqual(\n    qs,\n    ['<A>'],\n    transform=repr,\n)\n", filename=F,
    )


def test_double_quoted():
    check_transformed(
        C, 'self.assertQuerysetEqual(qs, ["<A>", "<B>"])\n', 'self.assertQuerysetEqual(qs, ["<A>", "<B>"], transform=repr)\n', filename=F
    )


def test_noop_objects():
    check_noop(C, "self.assertQuerysetEqual(qs, [a, b])\n", filename=F)


def test_noop_transform_given():
    check_noop(C, "self.assertQuerysetEqual(qs, ['A'], transform=str)\n", filename=F)


def test_noop_third_positional():
    check_noop(C, "self.assertQuerysetEqual(qs, ['A'], str)\n", filename=F)


def test_noop_variable_reported():
    check_noop(C, "self.assertQuerysetEqual(qs, expected)\n", filename=F, reported=True)


def test_noop_empty_list():
    check_noop(C, "self.assertQuerysetEqual(qs, [])\n", filename=F)


def test_noop_kwargs():
    check_noop(C, "self.assertQuerysetEqual(qs, ['A'], **kw)\n", filename=F)


def test_formatted_strings():
    # django-taggit 1.5's tests: "<{}: pear>".format(model_name) is a repr() string too
    check_transformed(
        C,
        "self.assertQuerysetEqual(\n    pks,\n    ['<{}: pear>'.format(name), f'<{name}: guava>', '<%s: fig>' % name],\n"
        "    ordered=False,\n)\n",
        "self.assertQuerysetEqual(\n    pks,\n    ['<{}: pear>'.format(name), f'<{name}: guava>', '<%s: fig>' % name],\n"
        "    ordered=False,\n    transform=repr,\n)\n",
        filename="tests/tests.py")


def test_noop_mixed_or_starred_elements():
    check_noop(C, "self.assertQuerysetEqual(qs, ['<A: a>', obj])\n", filename="tests/tests.py")
    check_noop(C, "self.assertQuerysetEqual(qs, [*names])\n", filename="tests/tests.py")


def test_real_django_4_1_formatted_repr_strings(tmp_path):
    """The django-taggit 1.5 shape on real Django 4.1: '<{}: a>'.format(...) strings with ordered=False
    fail before the rewrite (a Counter of objects against one of strings) and pass after it."""
    import subprocess

    from codemods.apply import apply_source
    from tests.venvs import make_venv, python_for

    py = make_venv(python_for(django="4.1"), ["django==4.1.13"])
    before = (
        "import django\nfrom django.conf import settings\n"
        "settings.configure(INSTALLED_APPS=['django.contrib.auth', 'django.contrib.contenttypes'],\n"
        "                   DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}})\n"
        "django.setup()\n"
        "from django.core.management import call_command\ncall_command('migrate', verbosity=0)\n"
        "from django.contrib.auth.models import Group\nfrom django.test import TransactionTestCase\n"
        "Group.objects.create(name='a')\nGroup.objects.create(name='b')\nname = 'Group'\n"
        "TransactionTestCase().assertQuerysetEqual(\n    Group.objects.all(),\n"
        "    ['<{}: a>'.format(name), f'<{name}: b>'],\n    ordered=False,\n)\nprint('ok')\n"
    )
    after = apply_source(before, "tests/test_groups.py", [C()]).new
    assert "transform=repr" in after
    runs = {}
    for label, source in (("before", before), ("after", after)):
        script = tmp_path / f"{label}.py"
        script.write_text(source)
        runs[label] = subprocess.run([str(py), str(script)], capture_output=True, text=True, timeout=300)
    assert "AssertionError: Counter({<Group: a>: 1, <Group: b>: 1}) != Counter(" in runs["before"].stderr, runs["before"].stderr
    assert runs["after"].returncode == 0 and runs["after"].stdout == "ok\n", runs["after"].stderr
