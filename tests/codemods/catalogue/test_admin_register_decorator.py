import ast

import pytest

from codemods import elide, prune, registry
from codemods.catalogue.admin_register_decorator import AdminRegisterDecorator
from tests.codemods.helpers import check_elided, check_noop, check_transformed

HEAD = "from django.contrib import admin\n\nfrom .models import Book\n\n\n"


@pytest.mark.parametrize("before, after", [
    (HEAD + "class BookAdmin(admin.ModelAdmin):\n    list_display = ['title']\n\n\nadmin.site.register(Book, BookAdmin)\n",
     HEAD + "@admin.register(Book)\nclass BookAdmin(admin.ModelAdmin):\n    list_display = ['title']\n"),
    (HEAD + "class BookAdmin(admin.ModelAdmin):\n    pass\n\n\nclass B2(admin.ModelAdmin):\n    pass\n\n\n"
            "admin.site.register(Book, BookAdmin)\nadmin.site.register(models.Author, B2)\n",
     HEAD + "@admin.register(Book)\nclass BookAdmin(admin.ModelAdmin):\n    pass\n\n\n@admin.register(models.Author)\n"
            "class B2(admin.ModelAdmin):\n    pass\n"),
    (HEAD + "class BookAdmin(admin.ModelAdmin):\n    pass\n\n\nadmin.site.register(Book, BookAdmin)\nadmin.site.register(Tag)\n",
     HEAD + "@admin.register(Book)\nclass BookAdmin(admin.ModelAdmin):\n    pass\n\n\nadmin.site.register(Tag)\n"),
])
def test_transformed(before, after):
    check_transformed(AdminRegisterDecorator, before, after, filename="shop/admin.py")


@pytest.mark.parametrize("source", [
    HEAD + "class BookAdmin(admin.ModelAdmin):\n    pass\n\n\nmy_site.register(Book, BookAdmin)\n",
    HEAD + "class BookAdmin(admin.ModelAdmin):\n    pass\n\n\nadmin.site.register(Book, BookAdmin)\nadmin.site.register(Other, BookAdmin)\n",
    HEAD + "class BookAdmin(admin.ModelAdmin):\n    pass\n\n\nclass Sub(BookAdmin):\n    pass\n\n\nadmin.site.register(Book, BookAdmin)\n",
    HEAD + "class BookAdmin(admin.ModelAdmin):\n    pass\n\n\nif True:\n    admin.site.register(Book, BookAdmin)\n",
    HEAD + "from .admins import BookAdmin\nadmin.site.register(Book, BookAdmin)\n",
    "from django.contrib import admin\n\n\nclass BookAdmin(admin.ModelAdmin):\n    pass\n\n\nclass Book:\n    pass\n\n\nadmin.site.register(Book, BookAdmin)\n",
    HEAD + "@admin.display\nclass BookAdmin(admin.ModelAdmin):\n    pass\n\n\nadmin.site.register(Book, BookAdmin)\n",
])
def test_noop(source):
    check_noop(AdminRegisterDecorator, source, filename="shop/admin.py")


def test_opt_in_only():
    assert "admin_register_decorator" not in [e.name for e in registry.select_entries(target="5.2")]
    assert "admin_register_decorator" in [e.name for e in registry.select_entries(target="5.2", modernize=True)]


# elided: definitions holding neither the trigger nor a name the register() calls pass are hidden from
# libcst (check_elided compares the output and findings with the whole-file run's)
def test_elided():
    check_elided(AdminRegisterDecorator,
                 HEAD + "def helper(v):\n    return v\n\n\nclass BookAdmin(admin.ModelAdmin):\n    pass\n\n\n"
                        "admin.site.register(Book, BookAdmin)\n",
                 HEAD + "def helper(v):\n    return v\n\n\n@admin.register(Book)\nclass BookAdmin(admin.ModelAdmin):\n"
                        "    pass\n", filename="app/admin.py")


@pytest.mark.parametrize("later", [
    # the model is defined after the admin class: the decorator would run before it exists
    "class Tag(models.Model):\n    pass\n",
    # the admin class is used elsewhere, in a function
    "def admin_for():\n    return TagAdmin\n",
])
def test_elided_left_alone(later):
    source = ("from django.contrib import admin\nfrom django.db import models\n\n\ndef helper(v):\n    return v\n\n\n"
              "class TagAdmin(admin.ModelAdmin):\n    pass\n\n\n" + later + "\n\nadmin.site.register(Tag, TagAdmin)\n")
    check_noop(AdminRegisterDecorator, source, filename="app/admin.py")
    c = AdminRegisterDecorator()
    tree = ast.parse(source)
    assert c.confirm(tree, source, None)
    assert elide.build(source, tree, prune.needles_for(c, tree)) is not None  # (helper is hidden)
