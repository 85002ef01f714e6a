from codemods.catalogue.unescape_entities import UnescapeEntities as C
from tests.codemods.helpers import check_noop, check_transformed


def test_from_import():
    check_transformed(
        C,
        "from django.utils.text import unescape_entities\ntitle = unescape_entities(raw)\n",
        "from html import unescape\ntitle = unescape(raw)\n",
    )


def test_other_names_stay():
    check_transformed(
        C,
        "from django.utils.text import slugify, unescape_entities\nt = unescape_entities(slugify(x))\n",
        "from django.utils.text import slugify\nfrom html import unescape\nt = unescape(slugify(x))\n",
    )


def test_alias_kept():
    check_transformed(
        C,
        "from django.utils.text import unescape_entities as ue\nt = ue(x)\n",
        "from html import unescape as ue\nt = ue(x)\n",
    )


def test_module_attribute():
    check_transformed(
        C,
        "from django.utils import text\nt = text.unescape_entities(x)\n",
        "from django.utils import text\nfrom html import unescape\nt = unescape(x)\n",
    )


def test_merges_into_existing_html_import():
    check_transformed(
        C,
        "from html import escape\nfrom django.utils.text import unescape_entities\nt = escape(unescape_entities(x))\n",
        "from html import escape, unescape\nt = escape(unescape(x))\n",
    )


def test_used_as_value():
    check_transformed(
        C,
        "from django.utils.text import unescape_entities\nfns = [unescape_entities]\n",
        "from html import unescape\nfns = [unescape]\n",
    )


def test_noop_name_clash():
    check_noop(
        C,
        "from django.utils.text import unescape_entities\nfrom xml.sax.saxutils import unescape\nt = unescape_entities(unescape(x))\n",
        reported=True,
    )


def test_noop_other_library():
    check_noop(C, "from bleach.utils import unescape_entities\nt = unescape_entities(x)\n")


def test_noop_try_import():
    check_noop(
        C,
        """\
        try:
            from django.utils.text import unescape_entities
        except ImportError:
            from html import unescape as unescape_entities
        """,
        reported=True,
    )


def test_noop_star():
    check_noop(C, "from django.utils.text import *\nt = unescape_entities(x)\n", reported=True)


def test_noop_method_of_other_object():
    check_noop(C, "t = parser.unescape_entities(x)\n")
