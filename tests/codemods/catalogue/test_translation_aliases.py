from codemods.catalogue.translation_aliases import TranslationAliases as C
from tests.codemods.helpers import check_noop, check_transformed


def test_lazy_as_underscore():
    check_transformed(
        C,
        """\
        from django.db import models
        from django.utils.translation import ugettext_lazy as _

        class Book(models.Model):
            title = models.CharField(_("title"), max_length=10)
        """,
        """\
        from django.db import models
        from django.utils.translation import gettext_lazy as _

        class Book(models.Model):
            title = models.CharField(_("title"), max_length=10)
        """,
    )


def test_all_five_names():
    check_transformed(
        C,
        "from django.utils.translation import ugettext, ugettext_lazy, ugettext_noop, ungettext, ungettext_lazy\n"
        "a = (ugettext('a'), ugettext_lazy('b'), ugettext_noop('c'), ungettext('d', 'e', 1), ungettext_lazy('f', 'g', 2))\n",
        "from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext, ngettext_lazy\n"
        "a = (gettext('a'), gettext_lazy('b'), gettext_noop('c'), ngettext('d', 'e', 1), ngettext_lazy('f', 'g', 2))\n",
    )


def test_module_attribute():
    check_transformed(
        C,
        "from django.utils import translation\nmsg = translation.ugettext('hi')\n",
        "from django.utils import translation\nmsg = translation.gettext('hi')\n",
    )


def test_two_aliases():
    check_transformed(
        C,
        "from django.utils.translation import ugettext as _, ungettext as __\nx = _('a') + __('b', 'c', 2)\n",
        "from django.utils.translation import gettext as _, ngettext as __\nx = _('a') + __('b', 'c', 2)\n",
    )


def test_merges_with_existing_new_name():
    check_transformed(
        C,
        "from django.utils.translation import gettext, ugettext\nx = gettext('a') + ugettext('b')\n",
        "from django.utils.translation import gettext\nx = gettext('a') + gettext('b')\n",
    )


def test_in_migration():
    check_transformed(
        C,
        "from django.db import migrations\nfrom django.utils.translation import ugettext_lazy as _\nX = _('x')\n",
        "from django.db import migrations\nfrom django.utils.translation import gettext_lazy as _\nX = _('x')\n",
        filename="shop/migrations/0001_initial.py",
    )


def test_noop_already_new():
    check_noop(C, "from django.utils.translation import gettext_lazy as _\nx = _('a')\n")


def test_noop_other_library():
    check_noop(C, "from mylib.i18n import ugettext_lazy as _\nx = _('a')\n")


def test_noop_try_import():
    check_noop(
        C,
        """\
        try:
            from django.utils.translation import ugettext_lazy as _
        except ImportError:
            from django.utils.translation import gettext_lazy as _
        x = _('a')
        """,
        reported=True,
    )


def test_noop_star_import():
    check_noop(C, "from django.utils.translation import *\nx = ugettext('a')\n", reported=True)


def test_noop_shadowed():
    check_noop(C, "from django.utils.translation import ugettext\nugettext = str\nx = ugettext('a')\n", reported=True)


def test_noop_string_only():
    check_noop(C, "doc = 'ugettext is gone'\n")


def test_alias_rewritten_when_underscore_is_bound_again():
    # the alias keeps the local name: no use changes, so another binding of ``_`` does not matter
    check_transformed(
        C,
        "from django.utils.translation import ugettext as _\n\ndef f():\n    for _ in range(3):\n        pass\n    return _('x')\n",
        "from django.utils.translation import gettext as _\n\ndef f():\n    for _ in range(3):\n        pass\n    return _('x')\n",
    )


def test_alias_rewritten_when_underscore_is_assigned():
    check_transformed(
        C,
        "from django.utils.translation import ugettext_lazy as _\nx = _('hi')\n_ = 3\n",
        "from django.utils.translation import gettext_lazy as _\nx = _('hi')\n_ = 3\n",
    )


def test_underscore_alias_keeps_the_rest_of_the_module_out_of_view():
    # ``_`` is in almost every statement; the rewrite is on the import line, so the functions using
    # ``_`` are hidden from libcst (the same text as the whole-file run)
    from tests.codemods.helpers import check_elided

    check_elided(
        C,
        "from django.utils.translation import ugettext as _\n\n\ndef label(x):\n    return _('x') + x\n\n\n"
        "def other_name(y):\n    return _(y)\n",
        "from django.utils.translation import gettext as _\n\n\ndef label(x):\n    return _('x') + x\n\n\n"
        "def other_name(y):\n    return _(y)\n")


def test_the_index_after_the_alias_pass_is_the_new_modules_own():
    """After rewriting ``ugettext_lazy as _`` the codemod hands on the import index it derived from
    the old one (no walk of the whole new module); it is what indexing the new module gives."""
    import ast

    import libcst as cst

    from codemods.catalogue.translation_aliases import _AliasedImports, _renamed_index
    from codemods.import_collect import CstCollector
    from codemods.imports import ImportIndex

    sources = [
        "from django.utils.translation import ugettext_lazy as _, ungettext as n, ugettext\n"
        "from django.utils import translation as t\nfor _ in range(3):\n    pass\n\n"
        "def f():\n    from django.utils.translation import ugettext_noop as _n\n    return _n('x')\n",
        "from django.utils.translation import *\nfrom django.utils.translation import ugettext_lazy as _\nx = _('a')\n",
    ]
    for source in sources:
        module = cst.parse_module(source)
        aliases = _AliasedImports({o[len("django.utils.translation."):]: n[len("django.utils.translation."):]
                                   for o, n in C.renames.items()})
        new = module.visit(aliases)
        assert aliases.renamed
        old_index = ImportIndex()
        module.visit(CstCollector(old_index))
        derived = _renamed_index(old_index, aliases.renamed)
        fresh = ImportIndex()
        new.visit(CstCollector(fresh))
        assert derived.bindings == fresh.bindings and derived.star_modules == fresh.star_modules
        assert set(derived.other_bound) == set(fresh.other_bound)
        ast.parse(new.code)
    shim = cst.parse_module("try:\n    from django.utils.translation import ugettext_lazy as _\nexcept ImportError:\n    pass\n")
    index = ImportIndex()
    shim.visit(CstCollector(index))
    assert _renamed_index(index, {("ugettext_lazy", "gettext_lazy", "_")}) is None  # (a shim: indexed afresh)
