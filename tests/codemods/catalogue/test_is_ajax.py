from codemods.catalogue.is_ajax import IsAjax
from tests.codemods.helpers import check_noop, check_transformed

H = 'request.headers.get("x-requested-with") == "XMLHttpRequest"'


def test_if_statement():
    check_transformed(IsAjax, "if request.is_ajax():\n    pass\n", f"if {H}:\n    pass\n")


def test_self_request():
    check_transformed(
        IsAjax,
        "def get(self):\n    return self.request.is_ajax()\n",
        'def get(self):\n    return self.request.headers.get("x-requested-with") == "XMLHttpRequest"\n',
    )


def test_not():
    check_transformed(
        IsAjax,
        "if not request.is_ajax():\n    raise Http404\n",
        'if request.headers.get("x-requested-with") != "XMLHttpRequest":\n    raise Http404\n',
    )


def test_boolean_operation():
    check_transformed(IsAjax, "ok = request.is_ajax() and user.is_staff\n", f"ok = {H} and user.is_staff\n")


def test_comparison_parenthesised():
    check_transformed(IsAjax, "x = request.is_ajax() == flag\n", f"x = ({H}) == flag\n")


def test_argument():
    check_transformed(IsAjax, "log(request.is_ajax())\n", f"log({H})\n")


def test_assignment():
    check_transformed(IsAjax, "ajax = request.is_ajax()\n", f"ajax = {H}\n")


def test_noop_other_object():
    check_noop(IsAjax, "x = client.is_ajax()\n", reported=True)


def test_noop_with_arguments():
    check_noop(IsAjax, "x = request.is_ajax(True)\n")


def test_noop_definition():
    check_noop(IsAjax, "class R:\n    def is_ajax(self):\n        return False\n")


def test_noop_attribute_not_called():
    check_noop(IsAjax, "f = request.is_ajax\n")


def test_noop_text_only():
    check_noop(IsAjax, "# request.is_ajax() was removed\n")


def test_method_on_result_parenthesised():
    check_transformed(IsAjax, "s = str(request.is_ajax()).lower()\n", f"s = str({H}).lower()\n")
