from codemods.catalogue.force_text import ForceText
from tests.codemods.helpers import check_noop, check_transformed


def test_from_import():
    check_transformed(
        ForceText,
        """\
        from django.utils.encoding import force_text

        def label(v):
            return force_text(v)
        """,
        """\
        from django.utils.encoding import force_str

        def label(v):
            return force_str(v)
        """,
    )


def test_both_names_one_line():
    check_transformed(
        ForceText,
        "from django.utils.encoding import force_text, smart_text\nx = force_text(1) + smart_text(2)\n",
        "from django.utils.encoding import force_str, smart_str\nx = force_str(1) + smart_str(2)\n",
    )


def test_merges_into_existing_import():
    check_transformed(
        ForceText,
        "from django.utils.encoding import force_str, force_text\na = force_text(1)\nb = force_str(2)\n",
        "from django.utils.encoding import force_str\na = force_str(1)\nb = force_str(2)\n",
    )


def test_alias_kept():
    check_transformed(
        ForceText,
        "from django.utils.encoding import force_text as ft\nx = ft(1)\n",
        "from django.utils.encoding import force_str as ft\nx = ft(1)\n",
    )


def test_module_attribute():
    check_transformed(
        ForceText,
        "from django.utils import encoding\nx = encoding.force_text(1)\n",
        "from django.utils import encoding\nx = encoding.force_str(1)\n",
    )


def test_dotted_import():
    check_transformed(
        ForceText,
        "import django.utils.encoding\nx = django.utils.encoding.smart_text(1)\n",
        "import django.utils.encoding\nx = django.utils.encoding.smart_str(1)\n",
    )


def test_used_as_value():
    check_transformed(
        ForceText,
        "from django.utils.encoding import force_text\nconverters = [force_text, str]\n",
        "from django.utils.encoding import force_str\nconverters = [force_str, str]\n",
    )


def test_in_migration():
    check_transformed(
        ForceText,
        "from django.utils.encoding import force_text\nDEFAULT = force_text('x')\n",
        "from django.utils.encoding import force_str\nDEFAULT = force_str('x')\n",
        filename="shop/migrations/0002_auto.py",
    )


def test_noop_other_module():
    check_noop(ForceText, "from mylib.encoding import force_text\nx = force_text(1)\n")


def test_noop_try_import():
    check_noop(
        ForceText,
        """\
        try:
            from django.utils.encoding import force_text
        except ImportError:
            from django.utils.encoding import force_str as force_text
        x = force_text(1)
        """,
        reported=True,
    )


def test_noop_shadowed():
    check_noop(
        ForceText,
        "from django.utils.encoding import force_text\n\ndef force_text(v):\n    return v\n",
        reported=True,
    )


def test_noop_star_import():
    check_noop(ForceText, "from django.utils.encoding import *\nx = force_text(1)\n", reported=True)


def test_noop_attribute_of_other_object():
    check_noop(ForceText, "x = helpers.force_text(1)\n")


def test_noop_string_mention():
    check_noop(ForceText, "doc = 'force_text is gone'\n")
