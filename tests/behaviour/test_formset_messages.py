"""``step`` 3.1 -> 3.2 on a project whose test compares a formset's too-many-forms error with Django
3.1's wording (as django-crispy-forms 1.9's tests do): green on 3.1, failing on 3.2, and the step
report explains the failure as ``3.2-formset-count-messages`` with the new wording to compare with.
Real git, a real venv with Django 3.1, the step's real install of 3.2."""

from __future__ import annotations

import pytest

from tests.behaviour.step31 import step_31_to_32

pytestmark = pytest.mark.integration

FORMSET_TEST = {"shop/tests.py": """
    from django import forms
    from django.forms import formset_factory
    from django.test import SimpleTestCase


    class Line(forms.Form):
        qty = forms.IntegerField(required=False)


    class FormsetMessages(SimpleTestCase):
        def test_too_many_lines(self):
            Lines = formset_factory(Line, max_num=1, validate_max=True)
            lines = Lines({"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"})
            self.assertFalse(lines.is_valid())
            self.assertEqual(lines.non_form_errors(), ["Please submit 1 or fewer forms."])
    """}


def test_a_test_of_the_old_formset_wording_is_explained(tmp_path):
    _, step, res = step_31_to_32(tmp_path, FORMSET_TEST)
    assert step["tests"]["before"]["passed"] == 1, res.output[-3000:]
    (failure,) = step["left_by_hand"]["failures"]
    assert failure["test"].endswith("test_too_many_lines")
    e = failure["explanation"]
    assert e["explained"] and e["change"] == "3.2-formset-count-messages", e
    assert failure["matches"][0]["id"] == "3.2-formset-count-messages"
    assert "Please submit at most 1 form." in failure["matches"][0]["summary"]
