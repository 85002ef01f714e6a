from codemods.catalogue.assert_formset_error_rename import AssertFormsetErrorRename as C
from tests.codemods.helpers import check_noop, check_transformed

F = "shop/tests/test_models.py"


def test_self_call():
    check_transformed(C, "self.assertFormsetError(qs, [a])\n", "self.assertFormSetError(qs, [a])\n", filename=F)


def test_keywords_kept():
    check_transformed(
        C, "self.assertFormsetError(qs, [a], ordered=False, msg='m')\n",
        "self.assertFormSetError(qs, [a], ordered=False, msg='m')\n", filename=F,
    )


def test_transform_kept():
    check_transformed(
        C, "self.assertFormsetError(qs, ['<A>'], transform=repr)\n",
        "self.assertFormSetError(qs, ['<A>'], transform=repr)\n", filename=F,
    )


def test_multiline():
    check_transformed(
        C, "self.assertFormsetError(\n    qs,\n    [a],\n)\n", "self.assertFormSetError(\n    qs,\n    [a],\n)\n", filename=F,
    )


def test_other_testcase_object():
    check_transformed(C, "case.assertFormsetError(qs, [])\n", "case.assertFormSetError(qs, [])\n", filename=F)


def test_reference_without_call():
    check_transformed(C, "check = self.assertFormsetError\n", "check = self.assertFormSetError\n", filename=F)


def test_two_calls():
    check_transformed(
        C, "self.assertFormsetError(a, [])\nself.assertFormsetError(b, [])\n",
        "self.assertFormSetError(a, [])\nself.assertFormSetError(b, [])\n", filename=F,
    )


def test_noop_new_name():
    check_noop(C, "self.assertFormSetError(qs, [a])\n", filename=F)


def test_noop_own_definition():
    check_noop(C, "class Base:\n    def assertFormsetError(self, a, b):\n        pass\n", filename=F, reported=True)


def test_noop_comment():
    check_noop(C, "# assertFormsetError is renamed\n", filename=F)


def test_noop_string():
    check_noop(C, "name = 'assertFormsetError'\n", filename=F)


def test_noop_bare_name():
    check_noop(C, "assertFormsetError = None\n", filename=F)
