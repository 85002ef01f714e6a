import pytest

from codemods.catalogue.get_extra_restriction_where_class import GetExtraRestrictionWhereClass as C
from tests.codemods.helpers import check_noop, check_transformed

TAGGIT = (  # django-taggit 1.5.1, taggit/managers.py
    "from django.db.models.fields.related import RelatedField\n\n\n"
    "class TaggableManager(RelatedField):\n"
    "    def get_extra_restriction(self, where_class, alias, related_alias):\n"
    "        extra_col = self.through._meta.get_field(\"content_type\").column\n"
    "        return ExtraJoinRestriction(related_alias, extra_col, [1])\n"
)


@pytest.mark.parametrize("before, after", [
    (TAGGIT, TAGGIT.replace("(self, where_class, alias, related_alias)", "(self, alias, related_alias)")),
    # GenericRelation's names, a super() call passing it on
    ("class R(GenericRelation):\n    def get_extra_restriction(self, where_class, alias, remote_alias):\n"
     "        return super().get_extra_restriction(where_class, alias, remote_alias)\n",
     "class R(GenericRelation):\n    def get_extra_restriction(self, alias, remote_alias):\n"
     "        return super().get_extra_restriction(alias, remote_alias)\n"),
    # one parameter per line keeps its layout
    ("class R(ForeignObject):\n    def get_extra_restriction(\n        self,\n        where_class,\n        alias,\n"
     "        related_alias,\n    ):\n        return None\n",
     "class R(ForeignObject):\n    def get_extra_restriction(\n        self,\n        alias,\n"
     "        related_alias,\n    ):\n        return None\n"),
    # an aliased base, a class nested in a function
    ("from django.db.models import ForeignObject as FO\n\ndef make():\n    class R(FO):\n"
     "        def get_extra_restriction(self, wc, alias, related_alias):\n            return None\n    return R\n",
     "from django.db.models import ForeignObject as FO\n\ndef make():\n    class R(FO):\n"
     "        def get_extra_restriction(self, alias, related_alias):\n            return None\n    return R\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after, filename="tags/managers.py", target="4.0")


@pytest.mark.parametrize("source", [
    "class R(ForeignObject):\n    def get_extra_restriction(self, alias, related_alias):\n        return None\n",
    "class R(ForeignObject):\n    def get_extra_restriction(self, *args, **kwargs):\n        return None\n",
    "class R(ForeignObject):\n    def get_extra_restriction(self, where_class, alias, related_alias=None):\n        return None\n",
    "def get_extra_restriction(self, where_class, alias, related_alias):\n    return None\n",  # not a method
    "cond = field.get_extra_restriction(where, alias, related)\n",
    "doc = 'get_extra_restriction(self, where_class, alias, related_alias)'\n",
    "try:\n    from django.db.models import ForeignObject\nexcept ImportError:\n    ForeignObject = object\n\n"
    "class R(ForeignObject):\n    def get_extra_restriction(self, alias, related_alias):\n        return None\n",
    "from django.db.models import *\n\nclass R(ForeignObject):\n"
    "    def get_extra_restriction(self, alias, related_alias, **kwargs):\n        return None\n",
])
def test_noop(source):
    check_noop(C, source, filename="tags/managers.py", target="4.0")


def test_noop_where_class_used_is_reported():
    # Django 3.2's own GenericRelation builds the condition with where_class: left for a human
    check_noop(C, "class R(GenericRelation):\n    def get_extra_restriction(self, where_class, alias, remote_alias):\n"
                  "        cond = where_class()\n        return cond\n", filename="tags/fields.py", target="4.0",
               reported=True)


def test_super_call_with_keywords_is_reported():
    check_noop(C, "class R(ForeignObject):\n    def get_extra_restriction(self, where_class, alias, related_alias):\n"
                  "        return super().get_extra_restriction(where_class, alias=alias)\n",
               filename="tags/fields.py", target="4.0", reported=True)


def test_migrations_are_left_alone():
    check_noop(C, TAGGIT, filename="tags/migrations/0002_x.py", target="4.0")


def test_not_selected_before_4_0():
    from codemods import registry

    assert "get_extra_restriction_where_class" not in {e.name for e in registry.select_entries(target="3.2")}
    assert "get_extra_restriction_where_class" in {e.name for e in registry.select_entries(target="4.0")}
