from codemods.catalogue.assert_form_error import AssertFormError as C
from tests.codemods.helpers import check_noop, check_transformed

F = "tests/test_views.py"


def test_positional():
    check_transformed(
        C, "self.assertFormError(response, 'form', 'email', 'Bad')\n",
        "self.assertFormError(response.context['form'], 'email', 'Bad')\n", filename=F,
    )


def test_msg_prefix():
    check_transformed(
        C, "self.assertFormError(r, 'form', None, ['x'], msg_prefix='p')\n",
        "self.assertFormError(r.context['form'], None, ['x'], msg_prefix='p')\n", filename=F,
    )


def test_errors_keyword():
    check_transformed(
        C, "self.assertFormError(resp, 'form', 'name', errors='Required')\n",
        "self.assertFormError(resp.context['form'], 'name', errors='Required')\n", filename=F,
    )


def test_field_and_errors_keywords():
    check_transformed(
        C, "self.assertFormError(resp, 'form', field='name', errors='Required')\n",
        "self.assertFormError(resp.context['form'], field='name', errors='Required')\n", filename=F,
    )


def test_errors_none_old_signature():
    check_transformed(
        C, "self.assertFormError(resp, 'form', 'name', None)\n",
        "self.assertFormError(resp.context['form'], 'name', [])\n", filename=F,
    )


def test_errors_none_new_signature():
    check_transformed(
        C, "self.assertFormError(form, 'name', None)\n", "self.assertFormError(form, 'name', [])\n", filename=F,
    )


def test_formset():
    check_transformed(
        C, "self.assertFormsetError(response, 'formset', 0, 'qty', 'Too many')\n",
        "self.assertFormsetError(response.context['formset'], 0, 'qty', 'Too many')\n", filename=F,
    )


def test_response_attribute_expression():
    check_transformed(
        C, "self.assertFormError(self.client.post(url), 'form', 'a', 'b')\n",
        "self.assertFormError(self.client.post(url).context['form'], 'a', 'b')\n", filename=F,
    )


def test_noop_new_signature():
    check_noop(C, "self.assertFormError(form, 'email', 'Bad')\n", filename=F)


def test_noop_new_signature_keywords():
    check_noop(C, "self.assertFormError(form, field='email', errors='Bad')\n", filename=F)


def test_noop_star_args():
    check_noop(C, "self.assertFormError(*args)\n", filename=F, reported=True)


def test_noop_response_keyword():
    check_noop(C, "self.assertFormError(response=r, form='form', field='a', errors='b')\n", filename=F, reported=True)


def test_noop_formset_new_signature():
    check_noop(C, "self.assertFormsetError(formset, 0, 'qty', 'Too many')\n", filename=F)


def test_new_signature_file_is_not_confirmed():
    """A file whose calls are all in the new form is left alone AND not reported by the shared detector."""
    import ast

    from codemods.base import FileContext

    src = "class T:\n    def test(self):\n        self.assertFormError(response.context['form'], 'quantity', 'Only 3 left.')\n"
    ctx = FileContext(path="app/tests.py", kind="python")
    assert not C().confirm(ast.parse(src), src, ctx)
    old = src.replace("response.context['form'], ", "response, 'form', ")
    assert C().confirm(ast.parse(old), old, ctx)
    none = src.replace("'Only 3 left.'", "errors=None")
    assert C().confirm(ast.parse(none), none, ctx)
    check_noop(C, src, filename="app/tests.py")
