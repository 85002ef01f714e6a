"""``RenameCodemod`` (codemods/rename.py): a move that keeps every local name is done on the imports
alone (no walk of the module); a move reachable through an attribute, or a new name, walks it."""

from __future__ import annotations

import pytest

from codemods import rename
from codemods.catalogue.core_urlresolvers import CoreUrlresolvers
from codemods.catalogue.force_text import ForceText
from tests.codemods.helpers import check_noop, check_transformed


@pytest.fixture
def walks(monkeypatch):
    seen = []
    original = rename._RenameTransformer.leave_Name

    def spy(self, original_node, updated_node):
        seen.append(updated_node.value)
        return original(self, original_node, updated_node)

    monkeypatch.setattr(rename._RenameTransformer, "leave_Name", spy)
    return seen


def test_a_move_that_keeps_the_names_does_not_walk_the_module(walks):
    check_transformed(CoreUrlresolvers, """\
        from django.core.urlresolvers import reverse


        def url_of(obj):
            return reverse("detail", args=[obj.pk])
        """, """\
        from django.urls import reverse


        def url_of(obj):
            return reverse("detail", args=[obj.pk])
        """)
    assert walks == []


def test_an_attribute_reaching_an_old_name_walks_it(walks):
    check_transformed(CoreUrlresolvers, """\
        from django.core import urlresolvers

        x = urlresolvers.reverse("home")
        """, """\
        from django.urls import reverse

        x = reverse("home")
        """)
    assert walks


def test_a_new_name_walks_it(walks):
    check_transformed(ForceText, """\
        from django.utils.encoding import force_text

        x = force_text(1)
        """, """\
        from django.utils.encoding import force_str

        x = force_str(1)
        """)
    assert "force_text" in walks


def _confirms(codemod_cls, source: str) -> bool:
    import ast

    from codemods.apply import make_context

    return codemod_cls().confirm(ast.parse(source), source, make_context("app/x.py", source, None))


@pytest.mark.parametrize("source, expected", [
    # the old module's package is imported (in a function), but the attribute is another module's
    ("from django.core import exceptions\n\ndef f():\n    from django.db import models\n    return models\n\n"
     "try:\n    pass\nexcept exceptions.FieldDoesNotExist:\n    pass\n", False),
    ("from django.db import models\n\ntry:\n    pass\nexcept models.fields.FieldDoesNotExist:\n    pass\n", True),
    ("import django.db.models.fields\n\nE = django.db.models.fields.FieldDoesNotExist\n", True),
    ("from django.db.models import fields as f\n\nE = f.FieldDoesNotExist\n", True),
])
def test_confirm_attribute_access(source, expected):
    from codemods.catalogue.fielddoesnotexist_import import FieldDoesNotExistImport

    assert _confirms(FieldDoesNotExistImport, source) is expected


def test_attribute_through_an_aliased_package():
    from codemods.catalogue.fielddoesnotexist_import import FieldDoesNotExistImport

    check_transformed(FieldDoesNotExistImport, "from django.db.models import fields as f\n\nE = f.FieldDoesNotExist\n",
                      "from django.db.models import fields as f\nfrom django.core.exceptions import FieldDoesNotExist\n\n"
                      "E = FieldDoesNotExist\n")


def test_confirm_a_name_imported_twice():
    # (try: the removed module / except ImportError: its successor: the first may be the one in use)
    from codemods.catalogue.staticfiles_static_function import StaticfilesStaticFunction

    source = ("def url_for(filename):\n    try:\n        from django.contrib.staticfiles.templatetags import staticfiles\n"
              "    except ImportError:\n        import django.templatetags.static as staticfiles\n"
              "    return staticfiles.static(filename)\n")
    assert _confirms(StaticfilesStaticFunction, source)
    check_noop(StaticfilesStaticFunction, source, reported=True)
