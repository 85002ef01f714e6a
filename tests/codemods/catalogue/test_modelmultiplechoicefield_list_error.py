import pytest

from codemods.catalogue.modelmultiplechoicefield_list_error import ModelmultiplechoicefieldListError
from tests.codemods.helpers import check_noop, check_transformed

IMP = "from django import forms\n"


@pytest.mark.parametrize("before, after", [
    (IMP + "f = forms.ModelMultipleChoiceField(qs, error_messages={'list': 'Pick.'})\n",
     IMP + "f = forms.ModelMultipleChoiceField(qs, error_messages={'invalid_list': 'Pick.'})\n"),
    (IMP + 'f = forms.ModelMultipleChoiceField(qs, error_messages={"required": "R", "list": "L"})\n',
     IMP + 'f = forms.ModelMultipleChoiceField(qs, error_messages={"required": "R", "invalid_list": "L"})\n'),
    ("from django.forms import ModelMultipleChoiceField as M\nf = M(qs, error_messages={'list': _('x')})\n",
     "from django.forms import ModelMultipleChoiceField as M\nf = M(qs, error_messages={'invalid_list': _('x')})\n"),
])
def test_transformed(before, after):
    check_transformed(ModelmultiplechoicefieldListError, before, after, filename="shop/forms.py", target="3.1")


@pytest.mark.parametrize("source", [
    IMP + "f = forms.ModelMultipleChoiceField(qs, error_messages={'invalid_list': 'Pick.'})\n",
    IMP + "f = forms.ModelChoiceField(qs, error_messages={'list': 'Pick.'})\n",
    IMP + "f = forms.ModelMultipleChoiceField(qs, error_messages=MESSAGES)\n",
    IMP + "f = forms.ModelMultipleChoiceField(qs)\n",
    "doc = 'ModelMultipleChoiceField'\n",
])
def test_noop(source):
    check_noop(ModelmultiplechoicefieldListError, source, filename="shop/forms.py", target="3.1")


@pytest.mark.parametrize("source", [
    IMP + "f = forms.ModelMultipleChoiceField(qs, error_messages={'list': 'a', 'invalid_list': 'b'})\n",
    "from django.forms import *\nf = ModelMultipleChoiceField(qs, error_messages={'list': 'a'})\n",
])
def test_noop_reported(source):
    check_noop(ModelmultiplechoicefieldListError, source, filename="shop/forms.py", target="3.1", reported=True)
