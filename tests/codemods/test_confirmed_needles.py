"""codemods.confirmed_needles: needles read by confirm() (utils_six, admin_register_decorator)."""

import ast

from codemods import registry


def test_no_needles_before_confirm_then_triggers_and_the_files_names():
    six = registry.get("utils_six")()
    assert six.prune_needles() == ()
    text = "from django.utils.six import text_type, moves as m\n"
    assert six.confirm(ast.parse(text), text, None)
    assert set(six.prune_needles()) == {"six", "text_type", "m"}

    reg = registry.get("admin_register_decorator")()
    assert reg.prune_needles() == ()
    text = "admin.site.register(Book, BookAdmin)\n"
    assert reg.confirm(ast.parse(text), text, None)
    assert reg.prune_needles() == ("site.register(", "Book", "BookAdmin")
