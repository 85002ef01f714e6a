from codemods.catalogue.format_html_no_args import FormatHtmlNoArgs as C
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django.utils.html import format_html\n"
SAFE = "from django.utils.safestring import mark_safe\n"


def test_literal():
    check_transformed(C, IMP + "x = format_html('<hr>')\n", SAFE + "x = mark_safe('<hr>')\n")


def test_keeps_import_when_still_used():
    check_transformed(
        C, IMP + "x = format_html('<hr>')\ny = format_html('<b>{}</b>', name)\n",
        IMP + SAFE + "x = mark_safe('<hr>')\ny = format_html('<b>{}</b>', name)\n",
    )


def test_existing_mark_safe_import():
    check_transformed(
        C, IMP + SAFE + "x = format_html('<hr>')\ny = mark_safe(z)\n", SAFE + "x = mark_safe('<hr>')\ny = mark_safe(z)\n"
    )


def test_merges_into_safestring_import():
    check_transformed(
        C, IMP + "from django.utils.safestring import SafeString\nx = format_html('<hr>')\n",
        "from django.utils.safestring import SafeString, mark_safe\nx = mark_safe('<hr>')\n",
    )


def test_double_quotes_in_method():
    check_transformed(
        C, IMP + 'class W:\n    def render(self):\n        return format_html("<br/>")\n',
        SAFE + 'class W:\n    def render(self):\n        return mark_safe("<br/>")\n',
    )


def test_in_migration_module():
    check_transformed(
        C, IMP + "HELP = format_html('<i>x</i>')\n", SAFE + "HELP = mark_safe('<i>x</i>')\n", filename="a/migrations/0002_x.py"
    )


def test_noop_with_args():
    check_noop(C, IMP + "x = format_html('<b>{}</b>', name)\n")


def test_noop_braces_reported():
    check_noop(C, IMP + "x = format_html('{{literal}}')\n", reported=True)


def test_noop_fstring_reported():
    check_noop(C, IMP + "x = format_html(f'<b>{name}</b>')\n", reported=True)


def test_noop_variable_reported():
    check_noop(C, IMP + "x = format_html(template)\n", reported=True)


def test_noop_other_function():
    check_noop(C, "from myapp.html import format_html\nx = format_html('<hr>')\n")


def test_noop_mark_safe_name_taken():
    check_noop(C, IMP + "def mark_safe(x):\n    return x\nx = format_html('<hr>')\n", reported=True)


def test_noop_kwargs():
    check_noop(C, IMP + "x = format_html('<b>{n}</b>', n=name)\n")
