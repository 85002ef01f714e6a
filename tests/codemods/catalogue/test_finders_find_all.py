from codemods.catalogue.finders_find_all import FindersFindAll as C
from tests.codemods.helpers import check_noop, check_transformed


def test_module_attribute():
    check_transformed(
        C,
        "from django.contrib.staticfiles import finders\npaths = finders.find('css/a.css', all=True)\n",
        "from django.contrib.staticfiles import finders\npaths = finders.find('css/a.css', find_all=True)\n",
    )


def test_from_import():
    check_transformed(
        C,
        "from django.contrib.staticfiles.finders import find\npaths = find(p, all=flag)\n",
        "from django.contrib.staticfiles.finders import find\npaths = find(p, find_all=flag)\n",
    )


def test_alias():
    check_transformed(
        C,
        "from django.contrib.staticfiles.finders import find as static_find\npaths = static_find(p, all=False)\n",
        "from django.contrib.staticfiles.finders import find as static_find\npaths = static_find(p, find_all=False)\n",
    )


def test_dotted_import():
    check_transformed(
        C,
        "import django.contrib.staticfiles.finders\np = django.contrib.staticfiles.finders.find(x, all=True)\n",
        "import django.contrib.staticfiles.finders\np = django.contrib.staticfiles.finders.find(x, find_all=True)\n",
    )


def test_reports_custom_finder_but_rewrites_call():
    result = check_transformed(
        C,
        """\
        from django.contrib.staticfiles import finders

        class MyFinder(finders.BaseFinder):
            def find(self, path, all=False):
                return []

        x = finders.find("a", all=True)
        """,
        """\
        from django.contrib.staticfiles import finders

        class MyFinder(finders.BaseFinder):
            def find(self, path, all=False):
                return []

        x = finders.find("a", find_all=True)
        """,
        reported=True,
    )
    assert "custom finder" in result.findings[0].message


def test_noop_positional():
    check_noop(C, "from django.contrib.staticfiles import finders\np = finders.find('a', True)\n")


def test_noop_already_new():
    check_noop(C, "from django.contrib.staticfiles import finders\np = finders.find('a', find_all=True)\n")


def test_noop_custom_finder_reported():
    check_noop(
        C,
        "from django.contrib.staticfiles.finders import FileSystemFinder\n\n"
        "class F(FileSystemFinder):\n    def find(self, path, all=False):\n        return super().find(path, all=all)\n",
        reported=True,
    )


def test_noop_finder_instance_reported():
    check_noop(
        C,
        "from django.contrib.staticfiles.finders import get_finder\nf = get_finder('x.Y')\np = f.find('a', all=True)\n",
        reported=True,
    )


def test_noop_kwargs():
    check_noop(C, "from django.contrib.staticfiles import finders\np = finders.find('a', **opts)\n", reported=True)


def test_noop_unrelated_find():
    check_noop(C, "import re\nm = soup.find('a', all=True)\n")
