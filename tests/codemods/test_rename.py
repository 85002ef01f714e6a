"""``RenameCodemod`` (codemods/rename.py): a move that keeps every local name is done on the imports
alone (no walk of the module); a move reachable through an attribute, or a new name, walks it."""

from __future__ import annotations

import pytest

from codemods import rename
from codemods.catalogue.core_urlresolvers import CoreUrlresolvers
from codemods.catalogue.force_text import ForceText
from tests.codemods.helpers import check_transformed


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
