import pytest

from codemods.catalogue.path_infos_properties import PathInfosProperties as C
from tests.codemods.helpers import check_noop, check_transformed

BEFORE = (
    "from django.db.models.fields.related import RelatedField\n\n\n"
    "class TaggableManager(RelatedField):\n"
    "    def get_path_info(self, filtered_relation=None):\n"
    "        return self._path(True, filtered_relation)\n\n"
    "    def get_reverse_path_info(self, filtered_relation=None):\n"
    "        return self._path(False, filtered_relation)\n\n"
    "    def get_joining_columns(self, reverse_join=False):\n"
    "        return ()\n"
)
AFTER = (
    "from django.db.models.fields.related import RelatedField\n"
    "from django.utils.functional import cached_property\n\n\n"
    "class TaggableManager(RelatedField):\n"
    "    def get_path_info(self, filtered_relation=None):\n"
    "        return self._path(True, filtered_relation)\n\n"
    "    @cached_property\n"
    "    def path_infos(self):\n"
    "        return self.get_path_info()\n\n"
    "    def get_reverse_path_info(self, filtered_relation=None):\n"
    "        return self._path(False, filtered_relation)\n\n"
    "    @cached_property\n"
    "    def reverse_path_infos(self):\n"
    "        return self.get_reverse_path_info()\n\n"
    "    def get_joining_columns(self, reverse_join=False):\n"
    "        return ()\n"
)


def test_transformed_taggit_shape():
    check_transformed(C, BEFORE, AFTER, filename="taggit/managers.py")


@pytest.mark.parametrize("before, after", [
    # cached_property already imported (under an alias): used, no import added
    ("from django.utils.functional import cached_property as cp\n\nclass F(RelatedField):\n"
     "    def get_path_info(self, filtered_relation=None):\n        return []\n",
     "from django.utils.functional import cached_property as cp\n\nclass F(RelatedField):\n"
     "    def get_path_info(self, filtered_relation=None):\n        return []\n\n"
     "    @cp\n    def path_infos(self):\n        return self.get_path_info()\n"),
    # one property present, the other added
    ("from django.utils.functional import cached_property\n\nclass F(RelatedField):\n"
     "    def get_path_info(self, filtered_relation=None):\n        return []\n\n"
     "    @cached_property\n    def path_infos(self):\n        return self.get_path_info()\n\n"
     "    def get_reverse_path_info(self, filtered_relation=None):\n        return []\n",
     "from django.utils.functional import cached_property\n\nclass F(RelatedField):\n"
     "    def get_path_info(self, filtered_relation=None):\n        return []\n\n"
     "    @cached_property\n    def path_infos(self):\n        return self.get_path_info()\n\n"
     "    def get_reverse_path_info(self, filtered_relation=None):\n        return []\n\n"
     "    @cached_property\n    def reverse_path_infos(self):\n        return self.get_reverse_path_info()\n"),
])
def test_transformed(before, after):
    check_transformed(C, before, after, filename="app/fields.py")


@pytest.mark.parametrize("source", [
    # Django's own shape: the properties are there
    AFTER,
    # not Django's signature (no filtered_relation): someone else's get_path_info
    "class Router:\n    def get_path_info(self, request):\n        return request.path\n",
    "def get_path_info(filtered_relation=None):\n    return []\n",
    "infos = field.get_path_info(filtered_relation=None)\n",
    # an attribute named path_infos already
    "class F(RelatedField):\n    path_infos = ()\n    def get_path_info(self, filtered_relation=None):\n        return []\n",
    "doc = 'def get_path_info(self, filtered_relation=None)'\n",
])
def test_noop(source):
    check_noop(C, source, filename="app/fields.py")


def test_noop_cached_property_taken_is_reported():
    check_noop(C, "from functools import cached_property\n\nclass F(RelatedField):\n"
                  "    def get_path_info(self, filtered_relation=None):\n        return []\n",
               filename="app/fields.py", reported=True)


def test_migrations_are_left_alone():
    check_noop(C, BEFORE, filename="taggit/migrations/0003_x.py")


def test_star_import_of_functional_is_not_assumed():
    # a star import may or may not bind cached_property: the explicit import is added
    check_transformed(
        C, "from django.utils.functional import *\n\nclass F(RelatedField):\n"
           "    def get_path_info(self, filtered_relation=None):\n        return []\n",
        "from django.utils.functional import *\nfrom django.utils.functional import cached_property\n\n"
        "class F(RelatedField):\n    def get_path_info(self, filtered_relation=None):\n        return []\n\n"
        "    @cached_property\n    def path_infos(self):\n        return self.get_path_info()\n",
        filename="app/fields.py")
