from codemods.catalogue.assert_queryset_equal import AssertQuerysetEqual as C
from tests.codemods.helpers import check_noop, check_transformed

F = "shop/tests/test_models.py"


def test_self_call():
    check_transformed(C, "self.assertQuerysetEqual(qs, [a])\n", "self.assertQuerySetEqual(qs, [a])\n", filename=F)


def test_keywords_kept():
    check_transformed(
        C, "self.assertQuerysetEqual(qs, [a], ordered=False, msg='m')\n",
        "self.assertQuerySetEqual(qs, [a], ordered=False, msg='m')\n", filename=F,
    )


def test_transform_kept():
    check_transformed(
        C, "self.assertQuerysetEqual(qs, ['<A>'], transform=repr)\n",
        "self.assertQuerySetEqual(qs, ['<A>'], transform=repr)\n", filename=F,
    )


def test_multiline():
    check_transformed(
        C, "self.assertQuerysetEqual(\n    qs,\n    [a],\n)\n", "self.assertQuerySetEqual(\n    qs,\n    [a],\n)\n", filename=F,
    )


def test_other_testcase_object():
    check_transformed(C, "case.assertQuerysetEqual(qs, [])\n", "case.assertQuerySetEqual(qs, [])\n", filename=F)


def test_reference_without_call():
    check_transformed(C, "check = self.assertQuerysetEqual\n", "check = self.assertQuerySetEqual\n", filename=F)


def test_two_calls():
    check_transformed(
        C, "self.assertQuerysetEqual(a, [])\nself.assertQuerysetEqual(b, [])\n",
        "self.assertQuerySetEqual(a, [])\nself.assertQuerySetEqual(b, [])\n", filename=F,
    )


def test_noop_new_name():
    check_noop(C, "self.assertQuerySetEqual(qs, [a])\n", filename=F)


def test_noop_own_definition():
    check_noop(C, "class Base:\n    def assertQuerysetEqual(self, a, b):\n        pass\n", filename=F, reported=True)


def test_noop_comment():
    check_noop(C, "# assertQuerysetEqual is renamed\n", filename=F)


def test_noop_string():
    check_noop(C, "name = 'assertQuerysetEqual'\n", filename=F)


def test_noop_bare_name():
    check_noop(C, "assertQuerysetEqual = None\n", filename=F)
