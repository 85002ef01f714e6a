import pytest

from codemods import registry
from codemods.catalogue.admin_register_decorator import AdminRegisterDecorator
from tests.codemods.helpers import check_noop, check_transformed

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
